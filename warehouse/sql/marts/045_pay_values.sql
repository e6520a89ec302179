-- How many postings of each row of mart_pay_by_skill and mart_pay_by_seniority have each exact
-- value of each pay column (from pay_skill_tuples and pay_seniority_tuples: marts/030, 040),
-- and the same summed per bucket of values. An incremental refresh keeps both up to date and
-- reads a changed row's percentiles from them (marts_incremental/071-073).
-- bucket: pay_bucket(value), 64 per doubling of the value (log2 never decreases as it grows), so
-- that a percentile's position is found among a row's buckets, then among one bucket's values.
-- bucket_id: a bucket's number in both tables, so that its values are found by one integer.
delete from mart_pay_values;

delete from mart_pay_buckets;

create or replace temp table pay_values_all as
select mart, slice, measure,
    pay_bucket(value) as bucket,
    value, sum(postings) as postings
from (
    unpivot (
        select 'pay_by_skill' as mart, slice, amount, usd, annual_usd, hourly_usd, postings
        from pay_skill_tuples
        union all by name
        select 'pay_by_seniority' as mart, slice, usd, annual_usd, hourly_usd, postings
        from pay_seniority_tuples
    ) on amount, usd, annual_usd, hourly_usd into name measure value value
)
group by mart, slice, measure, value;

insert into mart_pay_buckets
select row_number() over (order by mart, slice, measure, bucket) as bucket_id, *
from (
    select mart, slice, measure, bucket, sum(postings) as postings
    from pay_values_all
    group by mart, slice, measure, bucket
);

insert into mart_pay_values
select b.bucket_id, v.value, v.postings
from pay_values_all as v
inner join mart_pay_buckets as b
    on v.mart = b.mart and v.slice = b.slice and v.measure = b.measure and v.bucket = b.bucket;
