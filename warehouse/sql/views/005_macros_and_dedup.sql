-- 95% Wilson score interval of a proportion k/n (better than the normal one for small n).
create or replace macro wilson_low(k, n) as
    case when n = 0 then 0.0 else
        ((k / n) + 1.9208 / n - 1.96 * sqrt((k / n) * (1 - k / n) / n + 0.9604 / (n * n)))
        / (1 + 3.8416 / n)
    end;

create or replace macro wilson_high(k, n) as
    case when n = 0 then 0.0 else
        ((k / n) + 1.9208 / n + 1.96 * sqrt((k / n) * (1 - k / n) / n + 0.9604 / (n * n)))
        / (1 + 3.8416 / n)
    end;

-- Deduplicated, normalized postings: one row per job (duplicate group): its first
-- publication, and among copies published together the one that states pay.
create or replace view postings_dedup as
select * exclude (copy_rank)
from (
    select
        *,
        row_number() over (
            partition by coalesce(duplicate_group_id, posting_id)
            order by coalesce(posted_at, first_seen_at), pay_min is null, posting_id
        ) as copy_rank
    from postings
)
where copy_rank = 1;
