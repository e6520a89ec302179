-- Demand, remote share and median USD pay per month of the chosen markets (filtered postings).
with placed as (
    select * from filtered_markets(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
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
