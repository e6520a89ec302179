-- The signatures an incremental duplicate pass needs, in the (day, posting_id) order in which
-- pairing compares postings, each marked `is_later` when its text pairs (as the later posting)
-- must be found again. A posting's pairs depend only on its candidates: earlier postings
-- sharing an LSH band with it within `$window_days`. So the laters are the waiting postings,
-- the postings a waiting one now precedes in a shared band within the window, and the
-- postings sharing a band with a replaced signature (`dedup_retired_bands`; its old place is
-- unknown, so all of them). The other rows are the laters' candidates.
--
-- The waiting postings' own band keys come from the caller (`dedup_pending_bands`, just stored
-- by it) rather than from a pass over every posting's bands.
--
-- Buckets (a band's key) can hold thousands of near-identical postings, so "precedes within
-- the window" is read from each bucket in order (the nearest waiting posting before a row, the
-- nearest later after it) rather than by joining the bucket with itself.
--
-- Each bucket scan reads only the days that can matter, bounds the caller computes from the
-- waiting postings' days (so that they are constants, which DuckDB checks against each row
-- group's range of days: band keys are stored by day, and a load's postings are recent, so
-- a scan reads a few row groups of millions of rows). Exact, not a guess: a row before the
-- first waiting posting follows none, and a row more than the window after the last follows
-- none within the window (`$pending_from`, `$pending_to`, the latter with the window added);
-- the laters then lie between `$laters_from` and `$laters_to` (without a replaced signature
-- the waiting postings' first day and their last plus the window; with one, any day), and
-- only rows between `$candidates_from` (the window before) and `$laters_to` can precede a
-- later within the window.
with pending_buckets as (
    select
        b.band,
        b.key,
        b.day_number,
        b.posting_id,
        b.posting_id in (select posting_id from dedup_pending) as is_pending
    from posting_bands as b
    semi join dedup_pending_bands as k on b.band = k.band and b.key = k.key
    where b.day_number between $pending_from and $pending_to
),

after_pending as (
    select posting_id
    from (
        select
            posting_id,
            day_number,
            max(day_number) filter (where is_pending) over (
                partition by band, key order by day_number, posting_id
                rows between unbounded preceding and 1 preceding
            ) as pending_day
        from pending_buckets
    )
    where day_number - pending_day <= $window_days
),

laters as (
    select posting_id from dedup_pending
    union
    select posting_id from after_pending
    union
    select b.posting_id
    from posting_bands as b
    semi join dedup_retired_bands as r on b.band = r.band and b.key = r.key
),

later_buckets as (
    select
        b.band,
        b.key,
        b.day_number,
        b.posting_id,
        b.posting_id in (select posting_id from laters) as is_later
    from posting_bands as b
    semi join (
        select band, key from posting_bands
        where posting_id in (select posting_id from laters)
            and day_number between $laters_from and $laters_to
    ) as k on b.band = k.band and b.key = k.key
    where b.day_number between $candidates_from and $laters_to
),

candidates as (
    select posting_id
    from (
        select
            posting_id,
            day_number,
            min(day_number) filter (where is_later) over (
                partition by band, key order by day_number, posting_id
                rows between 1 following and unbounded following
            ) as later_day
        from later_buckets
    )
    where later_day - day_number <= $window_days
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
    -- By row id: a full pass stores signatures by day and loads append theirs, so the scope's
    -- rows lie in a few row groups, and only those are read.
    and s.rowid in (select rowid from posting_signatures semi join scope using (posting_id))
order by day_number, s.posting_id
