-- The two ways a market hires: 'contract' (contract or freelance work) and 'permanent'
-- (full- or part-time employment); internships and unstated types are neither.
create or replace macro hiring_market(employment_type) as
    case
        when employment_type in ('contract', 'freelance') then 'contract'
        when employment_type in ('full_time', 'part_time') then 'permanent'
    end;

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

-- Deduplicated, normalized postings: one row per job (duplicate group), the representative
-- chosen at load time (warehouse/sql/marts/005_representatives.sql).
create or replace view postings_dedup as
select p.*
from postings as p
semi join mart_representatives as r on p.posting_id = r.posting_id;
