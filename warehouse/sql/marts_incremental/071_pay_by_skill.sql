-- mart_pay_by_skill again for the skills of pay_skills (070_pay_scope.sql): percentiles do not
-- add up, so each such skill is computed again from all its postings, as marts/030 does it.
-- Pay percentiles per skill, by period, employment type and market, in the posting's currency
-- and in USD. A posting's amount is the middle of its range (or its one stated end).
-- Rows with currency 'all' pool currencies, so only their USD columns are filled; the
-- breakdowns by employment type and market are in USD only (currency 'all').
delete from mart_pay_by_skill where skill in (select skill from pay_skills);

insert into mart_pay_by_skill
with paid as (
    select
        ps.skill,
        p.pay_kind,
        p.pay_period,
        p.pay_period_inferred,
        coalesce(p.employment_type, 'unknown') as employment_type,
        case when p.work_mode = 'remote' then 'remote' else coalesce(p.country, 'unknown') end
            as market,
        coalesce(p.pay_currency, 'unknown') as currency,
        coalesce((p.pay_min + p.pay_max) / 2, p.pay_min, p.pay_max) as amount,
        coalesce((p.pay_usd_min + p.pay_usd_max) / 2, p.pay_usd_min, p.pay_usd_max) as usd,
        coalesce((p.pay_annual_usd_min + p.pay_annual_usd_max) / 2, p.pay_annual_usd_min,
                 p.pay_annual_usd_max) as annual_usd,
        coalesce((p.pay_hourly_usd_min + p.pay_hourly_usd_max) / 2, p.pay_hourly_usd_min,
                 p.pay_hourly_usd_max) as hourly_usd
    from postings_dedup as p
    inner join posting_skills as ps on p.posting_id = ps.posting_id
    where is_engineering(p.role_family) and p.pay_kind is not null
        and p.pay_period is not null and ps.skill in (select skill from pay_skills)
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
