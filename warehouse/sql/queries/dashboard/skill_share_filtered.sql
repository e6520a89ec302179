-- Monthly share of the filtered postings for the chosen skills, as skill_monthly_share
-- computes it: duplicate groups count once; 'active' counts every month a posting was open.
with base as (
    select posting_id, job_id, month, end_month
    from filtered_postings(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities
    )
),

counted as (
    select posting_id, job_id, month from base where $basis = 'new'
    union all
    select posting_id, job_id,
        cast(unnest(generate_series(month, end_month, interval 1 month)) as date) as month
    from base where $basis = 'active'
),

totals as (
    select month, count(distinct job_id) as postings_total from counted group by month
),

with_skill as (
    select c.month, ps.skill, count(distinct c.job_id) as postings_with_skill
    from counted as c
    inner join posting_skills as ps on c.posting_id = ps.posting_id
    where list_contains($skills, ps.skill)
    group by c.month, ps.skill
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
