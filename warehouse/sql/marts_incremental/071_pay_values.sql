-- The pay counts brought up to date with the touched jobs: each job's old row (070_pay_scope.sql,
-- with its old skills) counted -1 and its new one (marts/029, with its skills now) +1 per row of
-- the pay marts, as marts/030, 040 and 045 count them. A job whose pay, slices and skills did
-- not change cancels out; a count that reaches zero goes. marts/046_pay_groups.sql then names
-- the mart rows whose counts changed, which marts/047 and 048 compute again.
create or replace temp table pay_jobs_signed as
select *, -1 as sign from pay_old
union all
select *, 1 as sign from mart_pay_postings
where posting_id in (select posting_id from new_reps);

create or replace temp table pay_signed as
select j.*, s.skill
from pay_jobs_signed as j
inner join old_skills as s on j.posting_id = s.posting_id
where j.sign = -1
union all
select j.*, s.skill
from pay_jobs_signed as j
inner join new_skills as s on j.posting_id = s.posting_id
where j.sign = 1;

create or replace temp table pay_skill_tuples as
select
    concat_ws(chr(31), skill, pay_kind, pay_period, employment_type, market, currency) as slice,
    *
from (
    select
        skill,
        pay_kind,
        pay_period,
        coalesce(employment_type, 'all') as employment_type,
        coalesce(market, 'all') as market,
        coalesce(currency, 'all') as currency,
        amount, usd, annual_usd, hourly_usd,
        sum(sign) as postings,
        coalesce(sum(sign) filter (where pay_period_inferred), 0) as period_inferred_postings
    from pay_signed
    group by grouping sets (
        (skill, pay_kind, pay_period, currency, amount, usd, annual_usd, hourly_usd),
        (skill, pay_kind, pay_period, usd, annual_usd, hourly_usd),
        (skill, pay_kind, pay_period, employment_type, usd, annual_usd, hourly_usd),
        (skill, pay_kind, pay_period, market, usd, annual_usd, hourly_usd)
    )
);

create or replace temp table pay_seniority_tuples as
with with_skill as (
    select *, 'all' as skill from pay_jobs_signed where seniority_band is not null
    union all
    select * from pay_signed where seniority_band is not null
)

select concat_ws(chr(31), seniority_band, pay_kind, pay_period, market, skill) as slice, *
from (
    select seniority_band, pay_kind, pay_period, coalesce(market, 'all') as market, skill,
        usd, annual_usd, hourly_usd,
        sum(sign) as postings,
        coalesce(sum(sign) filter (where pay_period_inferred), 0) as period_inferred_postings
    from with_skill
    group by grouping sets (
        (seniority_band, pay_kind, pay_period, skill, usd, annual_usd, hourly_usd),
        (seniority_band, pay_kind, pay_period, skill, market, usd, annual_usd, hourly_usd)
    )
);

-- The change per value, as marts/045_pay_values.sql counts them.
create or replace temp table pay_value_delta as
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
group by mart, slice, measure, value
having sum(postings) <> 0;

-- Buckets first: a new one gets the next free bucket_id.
create or replace temp table pay_buckets_now as
with changed as (
    select d.mart, d.slice, d.measure, d.bucket, b.bucket_id,
        coalesce(b.postings, 0) + sum(d.postings) as postings
    from pay_value_delta as d
    left join mart_pay_buckets as b
        on d.mart = b.mart and d.slice = b.slice and d.measure = b.measure
        and d.bucket = b.bucket
    group by d.mart, d.slice, d.measure, d.bucket, b.bucket_id, b.postings
)

select
    coalesce(bucket_id, (select coalesce(max(bucket_id), 0) from mart_pay_buckets)
        + row_number() over (partition by bucket_id is null
                             order by mart, slice, measure, bucket)) as bucket_id,
    mart, slice, measure, bucket, postings
from changed;

delete from mart_pay_buckets where bucket_id in (select bucket_id from pay_buckets_now);

insert into mart_pay_buckets select * from pay_buckets_now where postings > 0;

create or replace temp table pay_values_delta as
select b.bucket_id, d.value, d.postings
from pay_value_delta as d
inner join pay_buckets_now as b
    on d.mart = b.mart and d.slice = b.slice and d.measure = b.measure
    and d.bucket = b.bucket;

-- The stored counts of those values, taken out in the same pass that reads them.
create or replace temp table pay_values_before as
with gone as (
    delete from mart_pay_values as v
    using pay_values_delta as d
    where v.bucket_id = d.bucket_id and v.value = d.value
    returning v.*
)
select * from gone;

insert into mart_pay_values
select bucket_id, value, sum(postings) as postings
from (
    select * from pay_values_before
    union all
    select * from pay_values_delta
)
group by bucket_id, value
having sum(postings) > 0;
