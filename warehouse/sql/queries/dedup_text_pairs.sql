-- Near-duplicate candidates by MinHash LSH: postings that share one of $bands bands of
-- $band_rows signature values and are dated within $window_days of each other. Each posting is
-- checked against at most $max_candidates earlier ones (the first in date order), and a pair
-- is kept when the share of equal signature values reaches $threshold.
with signed as (
    select
        s.posting_id,
        s.minhash,
        cast(coalesce(p.posted_at, p.first_seen_at) as date) as day
    from posting_signatures as s
    inner join postings as p on s.posting_id = p.posting_id
    where s.minhash is not null
),

banded as (
    select
        posting_id,
        day,
        b.band,
        hash(minhash[b.band * $band_rows + 1 : (b.band + 1) * $band_rows]) as band_hash
    from signed
    cross join range($bands) as b (band)
),

candidates as (
    select distinct
        x.posting_id as earlier,
        y.posting_id as later,
        x.day as earlier_day
    from banded as x
    inner join banded as y on x.band = y.band and x.band_hash = y.band_hash
    where (x.day < y.day or (x.day = y.day and x.posting_id < y.posting_id))
        and y.day - x.day <= $window_days
),

capped as (
    select earlier, later
    from candidates
    qualify row_number() over (partition by later order by earlier_day, earlier)
        <= $max_candidates
),

scored as (
    select
        c.earlier,
        c.later,
        len(list_filter(list_zip(a.minhash, b.minhash), lambda z: z[1] = z[2]))
        / len(a.minhash) as similarity
    from capped as c
    inner join signed as a on c.earlier = a.posting_id
    inner join signed as b on c.later = b.posting_id
)

select earlier, later, similarity
from scored
where similarity >= $threshold
order by later, earlier
