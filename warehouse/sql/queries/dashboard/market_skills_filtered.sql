-- The $top skills of each chosen market among the filtered postings.
with placed as (
    select * from filtered_markets(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities
    )
),

chosen as (select * from placed where list_contains($markets, market)),

totals as (select market, count(distinct job_id) as total from chosen group by market),

counts as (
    select c.market, ps.skill, count(distinct c.job_id) as postings
    from chosen as c
    inner join posting_skills as ps on c.posting_id = ps.posting_id
    group by c.market, ps.skill
)

select c.market, c.skill, c.postings, t.total as postings_total, c.postings / t.total as share
from counts as c
inner join totals as t on c.market = t.market
qualify row_number() over (partition by c.market order by c.postings desc, c.skill) <= $top
order by c.market, c.postings desc
