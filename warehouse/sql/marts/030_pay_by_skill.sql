-- Pay percentiles per skill, by period, employment type and market, in the posting's currency
-- and in USD, over the paid jobs of mart_pay_postings (029_pay_postings.sql). Rows with
-- currency 'all' pool currencies, so only their USD columns are filled; the breakdowns by
-- employment type and market are in USD only (currency 'all').
-- The rows are counted here as how many postings have each exact pay (pay_skill_tuples, one
-- row per mart row and combination of pay; the amount only where the currency is one);
-- 045-048 turn the counts into the rows and their percentiles, the way an incremental refresh
-- brings them up to date, instead of sorting each row's postings (millions at scale).
-- slice: the row's key, as mart_pay_buckets has it.
delete from mart_pay_by_skill;

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
        count(*) as postings,
        count(*) filter (where p.pay_period_inferred) as period_inferred_postings
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
