-- Demand, remote share and median USD pay per month of the chosen markets (filtered postings).
with base as (
    select posting_id, job_id, month, country, city, work_mode, pay_kind,
        coalesce((pay_annual_usd_min + pay_annual_usd_max) / 2, pay_annual_usd_min,
                 pay_annual_usd_max) as annual_usd,
        coalesce((pay_hourly_usd_min + pay_hourly_usd_max) / 2, pay_hourly_usd_min,
                 pay_hourly_usd_max) as hourly_usd
    from filtered_postings(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities
    )
),

placed as (
    select *, 'country' as market_type, country as market from base where country is not null
    union all
    select *, 'city', city || ', ' || coalesce(country, '?') from base where city is not null
    union all
    select *, 'remote', 'remote' from base where work_mode = 'remote'
)

select
    month,
    market,
    count(distinct job_id) as postings,
    count(distinct job_id) filter (where work_mode = 'remote') / count(distinct job_id)
        as remote_share,
    quantile_cont(annual_usd, 0.5) filter (where pay_kind = 'salary')
        as salary_annual_usd_median,
    quantile_cont(hourly_usd, 0.5) filter (where pay_kind = 'rate') as rate_hourly_usd_median
from placed
where list_contains($markets, market)
group by month, market
order by month, market
