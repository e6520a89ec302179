-- Pay percentiles per skill, by period, employment type and market, in the posting's currency
-- and in USD, over the paid jobs of mart_pay_postings (029_pay_postings.sql). Rows with
-- currency 'all' pool currencies, so only their USD columns are filled; the breakdowns by
-- employment type and market are in USD only (currency 'all').
delete from mart_pay_by_skill;

insert into mart_pay_by_skill
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

-- The same rows as counts of each exact pay, for marts/045_pay_values.sql (the amount only
-- where the currency is one). slice: the row's key, as mart_pay_values has it.
create or replace temp table pay_skill_tuples as
select
    concat_ws(chr(31), skill, pay_kind, pay_period, employment_type, market, currency) as slice,
    *
from (
    select
        ps.skill,
        p.pay_kind,
        p.pay_period,
        coalesce(p.employment_type, 'all') as employment_type,
        coalesce(p.market, 'all') as market,
        coalesce(p.currency, 'all') as currency,
        p.amount, p.usd, p.annual_usd, p.hourly_usd,
        count(*) as postings
    from mart_pay_postings as p
    inner join posting_skills as ps on p.posting_id = ps.posting_id
    group by grouping sets (
        (ps.skill, p.pay_kind, p.pay_period, p.currency, p.amount, p.usd, p.annual_usd,
         p.hourly_usd),
        (ps.skill, p.pay_kind, p.pay_period, p.usd, p.annual_usd, p.hourly_usd),
        (ps.skill, p.pay_kind, p.pay_period, p.employment_type, p.usd, p.annual_usd,
         p.hourly_usd),
        (ps.skill, p.pay_kind, p.pay_period, p.market, p.usd, p.annual_usd, p.hourly_usd)
    )
);
