-- Markets side by side per month: countries, cities, remote work, and contract against
-- permanent hiring, for all postings ('all') and per skill, with the remote share and median
-- USD pay.
delete from mart_market_monthly;

insert into mart_market_monthly
-- Engineering postings only (is_engineering), like the skill shares and pay: in every kind of
-- market, cities, remote work and hiring as well as countries.
-- Each job's pay midpoints are computed here once, not on each of its rows per skill below.
with engineering as (
    select posting_id, job_id, month, country, city, work_mode,
        case when pay_kind = 'salary' then coalesce(
            (pay_annual_usd_min + pay_annual_usd_max) / 2, pay_annual_usd_min,
            pay_annual_usd_max) end as salary_usd,
        case when pay_kind = 'rate' then coalesce(
            (pay_hourly_usd_min + pay_hourly_usd_max) / 2, pay_hourly_usd_min,
            pay_hourly_usd_max) end as rate_usd
    from mart_base
    where is_engineering(role_family)
),

placed as (
    select posting_id, job_id, month, 'country' as market_type, country as market, work_mode,
        salary_usd, rate_usd
    from engineering where country is not null
    union all
    select posting_id, job_id, month, 'city', city || ', ' || coalesce(country, '?'), work_mode,
        salary_usd, rate_usd
    from engineering where city is not null
    union all
    select posting_id, job_id, month, 'remote', 'remote', work_mode,
        salary_usd, rate_usd
    from engineering where work_mode = 'remote'
    union all
    select b.posting_id, b.job_id, b.month, 'employment', hiring_market(p.employment_type),
        b.work_mode, b.salary_usd, b.rate_usd
    from engineering as b
    inner join postings as p on b.posting_id = p.posting_id
    where hiring_market(p.employment_type) is not null
),

-- Cities are compared on all postings only: city x skill x month is mostly empty cells and
-- would multiply the table's size for little use.
with_skill as (
    select placed.*, 'all' as skill from placed
    union all
    select placed.*, ps.skill from placed
    inner join posting_skills as ps on placed.posting_id = ps.posting_id
    where placed.market_type <> 'city'
),

counted as (
    select
        month, market_type, market, skill,
        count(*) as postings,
        count(*) filter (where work_mode = 'remote') as remote_postings,
        quantile_cont(salary_usd, 0.5) as salary_annual_usd_median,
        quantile_cont(rate_usd, 0.5) as rate_hourly_usd_median
    from with_skill
    group by month, market_type, market, skill
)

select
    c.month, c.market_type, c.market, c.skill, c.postings, t.postings as postings_total,
    c.postings / t.postings as share,
    c.remote_postings / c.postings as remote_share,
    c.salary_annual_usd_median, c.rate_hourly_usd_median
from counted as c
inner join counted as t
    on c.month = t.month and c.market_type = t.market_type and c.market = t.market
        and t.skill = 'all';
