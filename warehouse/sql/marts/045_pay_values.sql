-- How many postings of each row of mart_pay_by_skill and mart_pay_by_seniority have each exact
-- value of each pay column (from pay_skill_tuples and pay_seniority_tuples: marts/030, 040),
-- and the same summed per bucket of values. The rows' percentiles are read from them (047); an
-- incremental refresh keeps both up to date (marts_incremental/071_pay_values.sql).
-- bucket: pay_bucket(value), 64 per doubling of the value (log2 never decreases as it grows), so
-- that a percentile's position is found among a row's buckets, then among one bucket's values.
-- bucket_id: a bucket's number in both tables, in the order of (mart, slice, measure, bucket),
-- so that its values are found by one integer.
delete from mart_pay_values;

delete from mart_pay_buckets;

-- The rows (a few thousand) numbered in (mart, slice) order, and the pay columns numbered in
-- the order of their names: millions of values are grouped and joined on small integers
-- instead of the long slice text, in half the time, and the bucket numbers stay the same.
create or replace temp table pay_slices as
select row_number() over (order by mart, slice) as slice_no, mart, slice
from (
    select distinct 'pay_by_skill' as mart, slice from pay_skill_tuples
    union all
    select distinct 'pay_by_seniority' as mart, slice from pay_seniority_tuples
);

create or replace temp table pay_values_all as
select slice_no, measure_no, pay_bucket(value) as bucket, value, sum(postings) as postings
from (
    select slice_no, unnest([1, 2, 3, 4]) as measure_no,
        unnest([amount, annual_usd, hourly_usd, usd]) as value, postings
    from (
        select s.slice_no, t.amount, t.usd, t.annual_usd, t.hourly_usd, t.postings
        from pay_skill_tuples as t
        inner join pay_slices as s on s.mart = 'pay_by_skill' and t.slice = s.slice
        union all
        select s.slice_no, null, t.usd, t.annual_usd, t.hourly_usd, t.postings
        from pay_seniority_tuples as t
        inner join pay_slices as s on s.mart = 'pay_by_seniority' and t.slice = s.slice
    )
)
where value is not null
group by slice_no, measure_no, value;

create or replace temp table pay_bucket_numbers as
select row_number() over (order by slice_no, measure_no, bucket) as bucket_id,
    slice_no, measure_no, bucket, postings
from (
    select slice_no, measure_no, bucket, sum(postings) as postings
    from pay_values_all
    group by slice_no, measure_no, bucket
);

insert into mart_pay_buckets
select b.bucket_id, s.mart, s.slice,
    ['amount', 'annual_usd', 'hourly_usd', 'usd'][b.measure_no] as measure,
    b.bucket, b.postings
from pay_bucket_numbers as b
inner join pay_slices as s on b.slice_no = s.slice_no;

insert into mart_pay_values
select b.bucket_id, v.value, v.postings
from pay_values_all as v
inner join pay_bucket_numbers as b
    on v.slice_no = b.slice_no and v.measure_no = b.measure_no and v.bucket = b.bucket;
