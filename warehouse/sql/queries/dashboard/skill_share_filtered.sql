-- Monthly share of the filtered postings for the chosen skills, as skill_monthly_share
-- computes it: duplicate groups count once (both macros keep one posting per job, so counts
-- need no distinct); only jobs inside their source's coverage window count ('new': published
-- in it; 'active': every month open from the month the window opened).
with base as (
    select month, end_month, in_coverage, active_from
    from filtered_jobs(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
),

counted as (
    select month from base where $basis = 'new' and in_coverage
    union all
    select cast(unnest(generate_series(active_from, end_month, interval 1 month)) as date)
        as month
    from base where $basis = 'active' and end_month >= active_from
),

totals as (select month, count(*) as postings_total from counted group by month),

chosen as (
    select skill, month, end_month, in_coverage, active_from
    from filtered_skills(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
    where list_contains($skills, skill)
),

skill_months as (
    select skill, month from chosen where $basis = 'new' and in_coverage
    union all
    select skill, cast(unnest(generate_series(active_from, end_month, interval 1 month)) as date)
    from chosen where $basis = 'active' and end_month >= active_from
),

with_skill as (
    select month, skill, count(*) as postings_with_skill from skill_months group by all
)

select
    w.month, w.skill,
    w.postings_with_skill / t.postings_total as share,
    wilson_low(w.postings_with_skill, t.postings_total) as ci_low,
    wilson_high(w.postings_with_skill, t.postings_total) as ci_high,
    w.postings_with_skill, t.postings_total,
    t.postings_total < 30 or w.postings_with_skill < 5 as low_support
from with_skill as w
inner join totals as t on w.month = t.month
order by w.month, w.skill
