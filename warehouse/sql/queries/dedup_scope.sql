-- The signatures an incremental duplicate pass needs, in the (day, posting_id) order in which
-- pairing compares postings, each marked `is_later` when its text pairs (as the later posting)
-- must be found again. A posting's pairs depend only on its candidates: earlier postings
-- sharing an LSH band with it within `$window_days`. So the laters are the waiting postings,
-- the postings a waiting one now precedes in a shared band within the window, and the
-- postings sharing a band with a replaced signature (`dedup_retired_bands`; its old place is
-- unknown, so all of them). The other rows are the laters' candidates.
with pending_bands as (
    select band, key, day_number, posting_id
    from posting_bands
    where posting_id in (select posting_id from dedup_pending)
),

laters as (
    select posting_id from dedup_pending
    union
    select b.posting_id
    from posting_bands as b
    inner join pending_bands as p on b.band = p.band and b.key = p.key
    where (b.day_number, b.posting_id) > (p.day_number, p.posting_id)
        and b.day_number - p.day_number <= $window_days
    union
    select b.posting_id
    from posting_bands as b
    inner join dedup_retired_bands as r on b.band = r.band and b.key = r.key
),

later_bands as (
    select band, key, day_number, posting_id
    from posting_bands
    where posting_id in (select posting_id from laters)
),

candidates as (
    select b.posting_id
    from posting_bands as b
    inner join later_bands as l on b.band = l.band and b.key = l.key
    where (b.day_number, b.posting_id) < (l.day_number, l.posting_id)
        and l.day_number - b.day_number <= $window_days
),

scope as (
    select posting_id, bool_or(is_later) as is_later
    from (
        select posting_id, true as is_later from laters
        union all
        select posting_id, false as is_later from candidates
    )
    group by posting_id
)

select
    s.posting_id,
    cast(coalesce(p.posted_at, p.first_seen_at) as date) - date '1970-01-01' as day_number,
    s.minhash,
    c.is_later
from posting_signatures as s
inner join scope as c on s.posting_id = c.posting_id
inner join postings as p on s.posting_id = p.posting_id
where s.minhash is not null
order by day_number, s.posting_id
