-- Skills rising and falling among the filtered postings, as skill_movers computes them:
-- share of new postings in the last 3 months with data against the same months a year before.
with base as (
    select month from filtered_jobs(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
),

windows as (
    select
        max(month) - interval 2 month as recent_from, max(month) as recent_to,
        max(month) - interval 14 month as past_from, max(month) - interval 12 month as past_to
    from base
),

-- Both macros keep one posting per job, so counts need no distinct.
totals as (
    select
        count(*) filter (where b.month between w.recent_from and w.recent_to) as recent_total,
        count(*) filter (where b.month between w.past_from and w.past_to) as past_total
    from base as b
    cross join windows as w
),

counts as (
    select
        f.skill,
        count(*) filter (where f.month between w.recent_from and w.recent_to)
            as recent_postings,
        count(*) filter (where f.month between w.past_from and w.past_to) as past_postings
    from filtered_skills(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    ) as f
    cross join windows as w
    where f.month between w.recent_from and w.recent_to
        or f.month between w.past_from and w.past_to
    group by f.skill
),

final as (
    select
        c.skill, s.category, c.recent_postings,
        c.recent_postings / t.recent_total as recent_share,
        c.past_postings as year_ago_postings,
        c.past_postings / t.past_total as year_ago_share,
        least(c.recent_postings, c.past_postings) < 10
            or least(t.recent_total, t.past_total) < 100 as low_support,
        cast(w.recent_from as date) as recent_from, cast(w.recent_to as date) as recent_to
    from counts as c
    cross join totals as t
    cross join windows as w
    left join skills as s on c.skill = s.skill
    where t.recent_total > 0 and t.past_total > 0
)

select
    skill, category, recent_postings, recent_share, year_ago_postings, year_ago_share,
    (recent_share - year_ago_share) * 100 as change_pp,
    case
        when low_support or abs(recent_share - year_ago_share) * 100 < 0.5 then 'flat'
        when recent_share > year_ago_share then 'rising'
        else 'falling'
    end as direction,
    low_support, recent_from, recent_to
from final
order by change_pp desc
