-- The pay value tables brought up to date with the touched jobs: each job's old row
-- (070_pay_scope.sql, with its old skills) counted -1 and its new one (marts/029, with its
-- skills now) +1 per slice, as marts/030 and 040 count them. A job whose pay, slices and skills
-- did not change cancels out; a count that reaches zero goes. pay_groups: the mart rows whose
-- counts changed, which 072 and 073 compute again.
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

create or replace temp table pay_skill_delta as
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
having sum(sign) <> 0 or coalesce(sum(sign) filter (where pay_period_inferred), 0) <> 0;

create or replace temp table pay_seniority_delta as
with with_skill as (
    select *, 'all' as skill from pay_jobs_signed where seniority_band is not null
    union all
    select * from pay_signed where seniority_band is not null
)

select seniority_band, pay_kind, pay_period, coalesce(market, 'all') as market, skill,
    usd, annual_usd, hourly_usd,
    sum(sign) as postings,
    coalesce(sum(sign) filter (where pay_period_inferred), 0) as period_inferred_postings
from with_skill
group by grouping sets (
    (seniority_band, pay_kind, pay_period, skill, usd, annual_usd, hourly_usd),
    (seniority_band, pay_kind, pay_period, skill, market, usd, annual_usd, hourly_usd)
)
having sum(sign) <> 0 or coalesce(sum(sign) filter (where pay_period_inferred), 0) <> 0;

-- Counts are matched on every column, missing amounts too (hence `is not distinct from`).
create or replace temp table pay_skill_merged as
select
    skill, pay_kind, pay_period, employment_type, market, currency,
    amount, usd, annual_usd, hourly_usd,
    sum(postings) as postings,
    sum(period_inferred_postings) as period_inferred_postings
from (
    select v.*
    from mart_pay_skill_values as v
    semi join pay_skill_delta as d
        on v.skill = d.skill and v.pay_kind = d.pay_kind and v.pay_period = d.pay_period
        and v.employment_type = d.employment_type and v.market = d.market
        and v.currency = d.currency and v.amount is not distinct from d.amount
        and v.usd is not distinct from d.usd and v.annual_usd is not distinct from d.annual_usd
        and v.hourly_usd is not distinct from d.hourly_usd
    union all
    select * from pay_skill_delta
)
group by all;

delete from mart_pay_skill_values as v
using pay_skill_delta as d
where v.skill = d.skill and v.pay_kind = d.pay_kind and v.pay_period = d.pay_period
    and v.employment_type = d.employment_type and v.market = d.market
    and v.currency = d.currency and v.amount is not distinct from d.amount
    and v.usd is not distinct from d.usd and v.annual_usd is not distinct from d.annual_usd
    and v.hourly_usd is not distinct from d.hourly_usd;

insert into mart_pay_skill_values by name
select * from pay_skill_merged where postings > 0;

create or replace temp table pay_seniority_merged as
select
    seniority_band, pay_kind, pay_period, market, skill, usd, annual_usd, hourly_usd,
    sum(postings) as postings,
    sum(period_inferred_postings) as period_inferred_postings
from (
    select v.*
    from mart_pay_seniority_values as v
    semi join pay_seniority_delta as d
        on v.seniority_band = d.seniority_band and v.pay_kind = d.pay_kind
        and v.pay_period = d.pay_period and v.market = d.market and v.skill = d.skill
        and v.usd is not distinct from d.usd and v.annual_usd is not distinct from d.annual_usd
        and v.hourly_usd is not distinct from d.hourly_usd
    union all
    select * from pay_seniority_delta
)
group by all;

delete from mart_pay_seniority_values as v
using pay_seniority_delta as d
where v.seniority_band = d.seniority_band and v.pay_kind = d.pay_kind
    and v.pay_period = d.pay_period and v.market = d.market and v.skill = d.skill
    and v.usd is not distinct from d.usd and v.annual_usd is not distinct from d.annual_usd
    and v.hourly_usd is not distinct from d.hourly_usd;

insert into mart_pay_seniority_values by name
select * from pay_seniority_merged where postings > 0;

create or replace temp table pay_groups as
select row_number() over () as gid, *
from (
    select distinct 'skill' as mart, skill, pay_kind, pay_period, employment_type, market,
        currency, null as seniority_band
    from pay_skill_delta
    union all
    select distinct 'seniority' as mart, skill, pay_kind, pay_period, null as employment_type,
        market, null as currency, seniority_band
    from pay_seniority_delta
);

-- Read by scope_size.sql, with 'all' for the rows over every skill.
create or replace temp table pay_skills as select distinct skill from pay_groups;

-- Every count of the groups to compute again, beside its group.
create or replace temp table pay_group_rows as
select g.gid, v.amount, v.usd, v.annual_usd, v.hourly_usd, v.postings,
    v.period_inferred_postings
from mart_pay_skill_values as v
inner join pay_groups as g
    on g.mart = 'skill' and v.skill = g.skill and v.pay_kind = g.pay_kind
    and v.pay_period = g.pay_period and v.employment_type = g.employment_type
    and v.market = g.market and v.currency = g.currency
union all
select g.gid, null as amount, v.usd, v.annual_usd, v.hourly_usd, v.postings,
    v.period_inferred_postings
from mart_pay_seniority_values as v
inner join pay_groups as g
    on g.mart = 'seniority' and v.seniority_band = g.seniority_band
    and v.pay_kind = g.pay_kind and v.pay_period = g.pay_period and v.market = g.market
    and v.skill = g.skill;
