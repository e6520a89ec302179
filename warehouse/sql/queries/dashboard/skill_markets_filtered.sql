-- Where one skill is asked for among the filtered postings (see skill_markets.sql).
with placed as (
    select * from filtered_markets(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
),

totals as (
    select market_type, market, count(distinct job_id) as total
    from placed where market_type in ('country', 'remote')
    group by market_type, market
),

chosen_skill as (
    select country, work_mode
    from filtered_skills(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
    where skill = $skill
),

mine as (
    select 'country' as market_type, country as market, count(*) as postings
    from chosen_skill
    where country is not null
    group by country
    union all
    select 'remote', 'remote', count(*)
    from chosen_skill
    where work_mode = 'remote'
    having count(*) > 0
)

select m.market_type, m.market, m.postings, t.total as postings_total,
    m.postings / t.total as share
from mine as m
inner join totals as t on m.market_type = t.market_type and m.market = t.market
order by m.postings desc, m.market
limit $top
