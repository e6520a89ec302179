-- Skills rising and falling: share of new postings in the last 3 complete months with data
-- against the same 3 months a year before (the current month is partial, never compared).
-- Moves under half a percentage point, or resting on low support, count as flat.
delete from mart_skill_movers;

insert into mart_skill_movers
with last_month as (
    select max(month) as m from mart_skill_monthly where basis = 'new' and not partial
),

windows as (
    select
        m - interval 2 month as recent_from, m as recent_to,
        m - interval 14 month as past_from, m - interval 12 month as past_to
    from last_month
),

totals as (
    select
        sum(postings_total) filter (where month between w.recent_from and w.recent_to)
            as recent_total,
        sum(postings_total) filter (where month between w.past_from and w.past_to)
            as past_total
    from (
        select distinct month, postings_total from mart_skill_monthly
        where basis = 'new' and not partial
    )
    cross join windows as w
),

counts as (
    select
        s.skill,
        any_value(s.category) as category,
        coalesce(sum(s.postings_with_skill)
            filter (where s.month between w.recent_from and w.recent_to), 0) as recent_postings,
        coalesce(sum(s.postings_with_skill)
            filter (where s.month between w.past_from and w.past_to), 0) as past_postings
    from mart_skill_monthly as s
    cross join windows as w
    where s.basis = 'new'
    group by s.skill
),

final as (
    select
        c.skill, c.category,
        cast(w.recent_from as date) as recent_from, cast(w.recent_to as date) as recent_to,
        c.recent_postings, t.recent_total,
        c.recent_postings / t.recent_total as recent_share,
        c.past_postings as year_ago_postings, t.past_total as year_ago_total,
        c.past_postings / t.past_total as year_ago_share,
        least(c.recent_postings, c.past_postings) < 10
            or least(t.recent_total, t.past_total) < 100 as low_support
    from counts as c
    cross join windows as w
    cross join totals as t
    where t.recent_total > 0 and t.past_total > 0
)

select
    skill, category, recent_from, recent_to, recent_postings, recent_total, recent_share,
    year_ago_postings, year_ago_total, year_ago_share,
    (recent_share - year_ago_share) * 100 as change_pp,
    case when year_ago_share > 0 then recent_share / year_ago_share end as ratio,
    case
        when low_support or abs(recent_share - year_ago_share) * 100 < 0.5 then 'flat'
        when recent_share > year_ago_share then 'rising'
        else 'falling'
    end as direction,
    low_support
from final;
