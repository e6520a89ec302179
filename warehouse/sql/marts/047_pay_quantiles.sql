-- The percentiles of the pay mart rows to compute (pay_groups: 046_pay_groups.sql), read from
-- the counts of each exact pay (mart_pay_buckets, mart_pay_values: 045) exactly as DuckDB's
-- quantile_cont computes them from the postings (warehouse/sql/reference/pay_by_sorting.sql),
-- to the last bit:
-- with N values and quantile q, h = (N - 1) * q; the values lo and hi at sorted positions
-- floor(h) and ceil(h) (from 0); lo when they are the same position, else
-- lo * (1 - d) + hi * d with d = h - floor(h), which DuckDB's build computes as one fused
-- multiply-add, fma(lo, 1 - d, hi * d), rounded once (tests/warehouse/test_pay_percentiles.py).
-- The mart columns: which pay and which quantile each one is.
create or replace temp table pay_slots as
select mart, measure, cast(q as double) as q, slot
from (values
    ('pay_by_skill', 'amount', '0.10', 'p10'), ('pay_by_skill', 'amount', '0.25', 'p25'),
    ('pay_by_skill', 'amount', '0.50', 'median'), ('pay_by_skill', 'amount', '0.75', 'p75'),
    ('pay_by_skill', 'amount', '0.90', 'p90'),
    ('pay_by_skill', 'usd', '0.10', 'usd_p10'), ('pay_by_skill', 'usd', '0.25', 'usd_p25'),
    ('pay_by_skill', 'usd', '0.50', 'usd_median'), ('pay_by_skill', 'usd', '0.75', 'usd_p75'),
    ('pay_by_skill', 'usd', '0.90', 'usd_p90'),
    ('pay_by_skill', 'annual_usd', '0.50', 'annual_usd_median'),
    ('pay_by_skill', 'hourly_usd', '0.50', 'hourly_usd_median'),
    ('pay_by_seniority', 'usd', '0.25', 'usd_p25'),
    ('pay_by_seniority', 'usd', '0.50', 'usd_median'),
    ('pay_by_seniority', 'usd', '0.75', 'usd_p75'),
    ('pay_by_seniority', 'annual_usd', '0.50', 'annual_usd_median'),
    ('pay_by_seniority', 'hourly_usd', '0.50', 'hourly_usd_median')
) as s(mart, measure, q, slot);

-- Per row and pay column: each bucket, how many postings lie in it and below it.
create or replace temp table pay_bucket_ranks as
select bucket_id, mart, slice, measure, bucket, postings as n,
    sum(postings) over (partition by mart, slice, measure order by bucket) - postings as below,
    sum(postings) over (partition by mart, slice, measure) as total
from mart_pay_buckets
semi join pay_groups using (mart, slice);

-- Each percentile's positions h, floor(h), ceil(h) and the buckets that hold them.
create or replace temp table pay_positions as
with positions as (
    select r.mart, r.slice, r.measure, s.slot, cast(r.total - 1 as double) * s.q as h
    from (select distinct mart, slice, measure, total from pay_bucket_ranks) as r
    inner join pay_slots as s on r.mart = s.mart and r.measure = s.measure
)

select p.*, b.bucket_id, b.below as bucket_below
from positions as p
inner join pay_bucket_ranks as b
    on p.mart = b.mart and p.slice = b.slice and p.measure = b.measure
    and b.below <= ceil(p.h) and floor(p.h) < b.below + b.n;

-- The values of those buckets, with how many postings lie below each.
create or replace temp table pay_ranked as
select v.bucket_id, v.value, v.postings as n,
    p.bucket_below + sum(v.postings) over (partition by v.bucket_id order by v.value)
        - v.postings as below
from mart_pay_values as v
inner join (select distinct bucket_id, bucket_below from pay_positions) as p
    on v.bucket_id = p.bucket_id;

-- lo and hi may lie in two buckets: the position's rows of both are grouped together.
create or replace temp table pay_picks as
select p.mart, p.slice, p.slot, p.h,
    max(r.value) filter (where r.below <= floor(p.h) and floor(p.h) < r.below + r.n) as lo,
    max(r.value) filter (where r.below <= ceil(p.h) and ceil(p.h) < r.below + r.n) as hi
from pay_positions as p
inner join pay_ranked as r
    on p.bucket_id = r.bucket_id and r.below <= ceil(p.h) and floor(p.h) < r.below + r.n
group by p.mart, p.slice, p.slot, p.h;

-- fma(lo, w, t) with w = 1 - d and t = hi * d, in plain double arithmetic: lo * w is split
-- into its rounded product and exact error (Dekker), the three terms are summed without loss
-- (Knuth's two-sum) into z plus small rests e3 and e2, and z moves to a neighbour when the
-- rests reach past half the gap to it (ties to the even one, as rounding does).
create or replace temp table pay_quantiles as
with terms as (
    select mart, slice, slot, lo, hi, h, floor(h) = ceil(h) as exact,
        1.0 - (h - floor(h)) as w, hi * (h - floor(h)) as t
    from pay_picks
),

split as (
    select *, lo * w as p,
        134217729.0 * lo - (134217729.0 * lo - lo) as lo_hi,
        134217729.0 * w - (134217729.0 * w - w) as w_hi
    from terms
),

product as (
    select *,
        (((lo_hi * w_hi - p) + lo_hi * (w - w_hi)) + (lo - lo_hi) * w_hi)
            + (lo - lo_hi) * (w - w_hi) as ep,
        p + t as s
    from split
),

sum1 as (
    select *, (p - (s - (s - p))) + (t - (s - p)) as e1 from product
),

sum2 as (
    select *, e1 + ep as r from sum1
),

sum3 as (
    select *, (e1 - (r - (r - e1))) + (ep - (r - e1)) as e2, s + r as z from sum2
),

rests as (
    select *, (s - (z - (z - s))) + (r - (z - s)) as e3,
        nextafter(z, cast('inf' as double)) as up, nextafter(z, cast('-inf' as double)) as down
    from sum3
),

sides as (
    select *,
        (e3 - (up - z) / 2) + e2 as past_up,
        (e3 + (z - down) / 2) + e2 as past_down,
        (z / (up - z)) % 2 = 0 as z_even
    from rests
)

select mart, slice, slot,
    case
        when exact then lo
        when past_up > 0 or (past_up = 0 and not z_even) then up
        when past_down < 0 or (past_down = 0 and not z_even) then down
        else z
    end as value
from sides;
