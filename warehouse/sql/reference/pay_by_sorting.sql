-- The pay marts computed by sorting each row's postings (DuckDB's quantile_cont), as the full
-- refresh computed them before it read the percentiles from the counts of each exact pay
-- (marts/045-048). Tests check the refresh against it, row by row (sorted_pay_by_skill and
-- sorted_pay_by_seniority, shaped as the marts); it needs mart_pay_postings (marts/029).
create or replace temp table sorted_pay_by_skill as
select * from mart_pay_by_skill limit 0;

create or replace temp table sorted_pay_by_seniority as
select * from mart_pay_by_seniority limit 0;

insert into sorted_pay_by_skill
with paid as (
    select ps.skill, p.*
    from mart_pay_postings as p
    inner join posting_skills as ps on p.posting_id = ps.posting_id
),

grouped as (
    select
        skill,
        pay_kind,
        pay_period,
        coalesce(employment_type, 'all') as employment_type,
        coalesce(market, 'all') as market,
        coalesce(currency, 'all') as currency,
        grouping(currency) = 1 as pooled,
        count(*) as postings,
        count(*) filter (where pay_period_inferred) as period_inferred_postings,
        -- One sort per column gives all its percentiles; separate calls sorted it each time.
        quantile_cont(amount, [0.10, 0.25, 0.50, 0.75, 0.90]) as amount_q,
        quantile_cont(usd, [0.10, 0.25, 0.50, 0.75, 0.90]) as usd_q,
        quantile_cont(annual_usd, 0.50) as annual_usd_median,
        quantile_cont(hourly_usd, 0.50) as hourly_usd_median
    from paid
    group by grouping sets (
        (skill, pay_kind, pay_period, currency),
        (skill, pay_kind, pay_period),
        (skill, pay_kind, pay_period, employment_type),
        (skill, pay_kind, pay_period, market)
    )
)

select
    skill, pay_kind, pay_period, employment_type, market, currency, postings,
    case when pooled then null else amount_q[1] end,
    case when pooled then null else amount_q[2] end,
    case when pooled then null else amount_q[3] end,
    case when pooled then null else amount_q[4] end,
    case when pooled then null else amount_q[5] end,
    usd_q[1], usd_q[2], usd_q[3], usd_q[4], usd_q[5], annual_usd_median, hourly_usd_median,
    period_inferred_postings
from grouped;

insert into sorted_pay_by_seniority
with paid as (
    select * from mart_pay_postings where seniority_band is not null
),

with_skill as (
    select paid.*, 'all' as skill from paid
    union all
    select paid.*, ps.skill from paid
    inner join posting_skills as ps on paid.posting_id = ps.posting_id
)

select seniority_band, pay_kind, pay_period, market, skill, postings,
    usd_q[1], usd_q[2], usd_q[3], annual_usd_median, hourly_usd_median,
    period_inferred_postings
from (
    select
        seniority_band,
        pay_kind,
        pay_period,
        coalesce(market, 'all') as market,
        skill,
        count(*) as postings,
        count(*) filter (where pay_period_inferred) as period_inferred_postings,
        -- One sort gives all three quartiles; separate calls sorted the column each time.
        quantile_cont(usd, [0.25, 0.50, 0.75]) as usd_q,
        quantile_cont(annual_usd, 0.50) as annual_usd_median,
        quantile_cont(hourly_usd, 0.50) as hourly_usd_median
    from with_skill
    group by grouping sets (
        (seniority_band, pay_kind, pay_period, skill),
        (seniority_band, pay_kind, pay_period, skill, market)
    )
);
