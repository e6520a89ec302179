-- The $top skills of each chosen market among the filtered postings.
with placed as (
    select * from filtered_markets(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
),

chosen as (select * from placed where list_contains($markets, market)),

totals as (select market, count(*) as total from chosen group by market),

-- The same placements as filtered_markets, from the prepared skills: one row per job and
-- skill in each market (a city name always carries its country, so markets never collide).
skilled as (
    select skill, country, city, work_mode
    from filtered_skills(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
),

skill_places as (
    select skill, country as market from skilled where country is not null
    union all
    select skill, city || ', ' || coalesce(country, '?') from skilled where city is not null
    union all
    select skill, 'remote' from skilled where work_mode = 'remote'
),

counts as (
    select market, skill, count(*) as postings
    from skill_places
    where list_contains($markets, market)
    group by market, skill
)

select c.market, c.skill, c.postings, t.total as postings_total, c.postings / t.total as share
from counts as c
inner join totals as t on c.market = t.market
qualify row_number() over (partition by c.market order by c.postings desc, c.skill) <= $top
order by c.market, c.postings desc
