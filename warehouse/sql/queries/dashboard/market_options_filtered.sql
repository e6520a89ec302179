-- Countries, cities and 'remote' by how many filtered postings they have, biggest first.
with placed as (
    select * from filtered_markets(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
)

select market_type, market, count(distinct job_id) as postings
from placed
group by market_type, market
order by postings desc, market
