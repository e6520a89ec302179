-- Postings with the same exact key (company + title + location), each linked to the previous
-- one in date order when within $window_days of it: a chain of reposts stays one group. Every
-- key's when `$all`, else only the keys of `dedup_exact_keys` (duplicates/exact_scope.sql).
with keyed as (
    select
        posting_id,
        dedup_key,
        cast(coalesce(posted_at, first_seen_at) as date) as day
    from postings
    where dedup_key is not null and dedup_key <> ''
        and ($all or dedup_key in (select dedup_key from dedup_exact_keys))
),

chained as (
    select
        posting_id,
        day,
        lag(posting_id) over by_date as previous_id,
        lag(day) over by_date as previous_day
    from keyed
    window by_date as (partition by dedup_key order by day, posting_id)
)

select previous_id as earlier, posting_id as later
from chained
where previous_id is not null and day - previous_day <= $window_days
order by later, earlier
