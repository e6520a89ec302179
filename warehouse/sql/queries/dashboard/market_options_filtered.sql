-- Countries, cities and 'remote' by how many filtered postings they have, biggest first.
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

select market_type, market, count(distinct job_id) as postings
from placed
group by market_type, market
order by postings desc, market
