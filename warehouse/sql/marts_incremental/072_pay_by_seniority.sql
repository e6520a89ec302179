-- mart_pay_by_seniority again for the skills of pay_skills (070_pay_scope.sql), 'all' among
-- them: percentiles do not add up, so each is computed again from all its postings, as
-- marts/040 does it. USD pay by seniority band (entry, mid, senior, lead), overall ('all') and
-- per skill.
delete from mart_pay_by_seniority where skill in (select skill from pay_skills);

insert into mart_pay_by_seniority
with paid as (
    select
        p.posting_id,
        p.seniority_band,
        p.pay_kind,
        p.pay_period,
        p.pay_period_inferred,
        case when p.work_mode = 'remote' then 'remote' else coalesce(p.country, 'unknown') end
            as market,
        coalesce((p.pay_usd_min + p.pay_usd_max) / 2, p.pay_usd_min, p.pay_usd_max) as usd,
        coalesce((p.pay_annual_usd_min + p.pay_annual_usd_max) / 2, p.pay_annual_usd_min,
                 p.pay_annual_usd_max) as annual_usd,
        coalesce((p.pay_hourly_usd_min + p.pay_hourly_usd_max) / 2, p.pay_hourly_usd_min,
                 p.pay_hourly_usd_max) as hourly_usd
    from postings_dedup as p
    where is_engineering(p.role_family) and p.seniority_band is not null
        and p.pay_kind is not null
        and p.pay_period is not null and p.pay_usd_min is not null
),

with_skill as (
    select paid.*, 'all' as skill from paid
    where 'all' in (select skill from pay_skills)
    union all
    select paid.*, ps.skill from paid
    inner join posting_skills as ps on paid.posting_id = ps.posting_id
    where ps.skill in (select skill from pay_skills)
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
