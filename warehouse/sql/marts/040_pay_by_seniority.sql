-- USD pay by seniority band (entry, mid, senior, lead), overall ('all') and per skill, over the
-- paid jobs of mart_pay_postings (029_pay_postings.sql) with a band and a USD minimum.
delete from mart_pay_by_seniority;

insert into mart_pay_by_seniority
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

-- The same rows as counts of each exact pay, for marts/045_pay_values.sql. slice: the row's
-- key, as mart_pay_values has it.
create or replace temp table pay_seniority_tuples as
with paid as (
    select * from mart_pay_postings where seniority_band is not null
),

with_skill as (
    select paid.*, 'all' as skill from paid
    union all
    select paid.*, ps.skill from paid
    inner join posting_skills as ps on paid.posting_id = ps.posting_id
)

select concat_ws(chr(31), seniority_band, pay_kind, pay_period, market, skill) as slice, *
from (
    select seniority_band, pay_kind, pay_period, coalesce(market, 'all') as market, skill,
        usd, annual_usd, hourly_usd,
        count(*) as postings
    from with_skill
    group by grouping sets (
        (seniority_band, pay_kind, pay_period, skill, usd, annual_usd, hourly_usd),
        (seniority_band, pay_kind, pay_period, skill, market, usd, annual_usd, hourly_usd)
    )
);
