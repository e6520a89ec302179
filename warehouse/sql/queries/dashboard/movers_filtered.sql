-- Skills rising and falling among the filtered postings, as skill_movers computes them:
-- share of new postings in the last 3 months with data against the same months a year before.
with base as (
    select posting_id, job_id, month from filtered_postings(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities
    )
),

windows as (
    select
        max(month) - interval 2 month as recent_from, max(month) as recent_to,
        max(month) - interval 14 month as past_from, max(month) - interval 12 month as past_to
    from base
),

tagged as (
    select
        b.posting_id, b.job_id,
        case
            when b.month between w.recent_from and w.recent_to then 'recent'
            when b.month between w.past_from and w.past_to then 'past'
        end as win
    from base as b
    cross join windows as w
),

totals as (
    select
        count(distinct job_id) filter (where win = 'recent') as recent_total,
        count(distinct job_id) filter (where win = 'past') as past_total
    from tagged
),

counts as (
    select
        ps.skill,
        count(distinct t.job_id) filter (where t.win = 'recent') as recent_postings,
        count(distinct t.job_id) filter (where t.win = 'past') as past_postings
    from tagged as t
    inner join posting_skills as ps on t.posting_id = ps.posting_id
    where t.win is not null
    group by ps.skill
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
