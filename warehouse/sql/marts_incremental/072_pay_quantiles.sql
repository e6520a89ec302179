-- The percentiles of the pay groups to compute again (pay_groups, with their counts in
-- pay_group_rows: 071_pay_values.sql), read from counts of each exact pay exactly as DuckDB's
-- quantile_cont computes them from the postings (marts/030, 040), to the last bit:
-- with N values and quantile q, h = (N - 1) * q; the values lo and hi at sorted positions
-- floor(h) and ceil(h) (from 0); lo when they are the same position, else
-- lo * (1 - d) + hi * d with d = h - floor(h), which DuckDB's build computes as one fused
-- multiply-add, fma(lo, 1 - d, hi * d), rounded once (tests/warehouse/test_pay_percentiles.py).
create or replace temp table pay_group_counts as
select gid, sum(postings) as postings, sum(period_inferred_postings) as period_inferred_postings
from pay_group_rows
group by gid;

-- The mart columns: which pay and which quantile each one is.
create or replace temp table pay_slots as
select mart, measure, cast(q as double) as q, slot
from (values
    ('skill', 'amount', '0.10', 'p10'), ('skill', 'amount', '0.25', 'p25'),
    ('skill', 'amount', '0.50', 'median'), ('skill', 'amount', '0.75', 'p75'),
    ('skill', 'amount', '0.90', 'p90'),
    ('skill', 'usd', '0.10', 'usd_p10'), ('skill', 'usd', '0.25', 'usd_p25'),
    ('skill', 'usd', '0.50', 'usd_median'), ('skill', 'usd', '0.75', 'usd_p75'),
    ('skill', 'usd', '0.90', 'usd_p90'),
    ('skill', 'annual_usd', '0.50', 'annual_usd_median'),
    ('skill', 'hourly_usd', '0.50', 'hourly_usd_median'),
    ('seniority', 'usd', '0.25', 'usd_p25'), ('seniority', 'usd', '0.50', 'usd_median'),
    ('seniority', 'usd', '0.75', 'usd_p75'),
    ('seniority', 'annual_usd', '0.50', 'annual_usd_median'),
    ('seniority', 'hourly_usd', '0.50', 'hourly_usd_median')
) as s(mart, measure, q, slot);

-- Per group and pay: each distinct value, how many postings have it and how many lie below.
create or replace temp table pay_ranked as
select gid, measure, value, n,
    sum(n) over (partition by gid, measure order by value) - n as below,
    sum(n) over (partition by gid, measure) as total
from (
    select gid, measure, value, sum(postings) as n
    from (unpivot (select gid, amount, usd, annual_usd, hourly_usd, postings from pay_group_rows)
          on amount, usd, annual_usd, hourly_usd into name measure value value)
    group by gid, measure, value
);

create or replace temp table pay_picks as
with positions as (
    select r.gid, r.measure, s.slot, cast(r.total - 1 as double) * s.q as h
    from (select distinct gid, measure, total from pay_ranked) as r
    inner join pay_groups as g on r.gid = g.gid
    inner join pay_slots as s on g.mart = s.mart and r.measure = s.measure
)

select p.gid, p.slot, p.h,
    max(r.value) filter (where r.below <= floor(p.h) and floor(p.h) < r.below + r.n) as lo,
    max(r.value) filter (where r.below <= ceil(p.h) and ceil(p.h) < r.below + r.n) as hi
from positions as p
inner join pay_ranked as r
    on p.gid = r.gid and p.measure = r.measure
    and r.below <= ceil(p.h) and floor(p.h) < r.below + r.n
group by p.gid, p.slot, p.h;

-- fma(lo, w, t) with w = 1 - d and t = hi * d, in plain double arithmetic: lo * w is split
-- into its rounded product and exact error (Dekker), the three terms are summed without loss
-- (Knuth's two-sum) into z plus small rests e3 and e2, and z moves to a neighbour when the
-- rests reach past half the gap to it (ties to the even one, as rounding does).
create or replace temp table pay_quantiles as
with terms as (
    select gid, slot, lo, hi, h, floor(h) = ceil(h) as exact,
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

select gid, slot,
    case
        when exact then lo
        when past_up > 0 or (past_up = 0 and not z_even) then up
        when past_down < 0 or (past_down = 0 and not z_even) then down
        else z
    end as value
from sides;
