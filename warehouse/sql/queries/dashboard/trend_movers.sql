-- Every skill's like-for-like change for one role group ($role), biggest rise first: the
-- Trends page shows the significant ones and offers the rest as a download.
select
    skill, category, direction, significant, change_pp, ci_low_pp, ci_high_pp, recent_share,
    past_share, recent_postings, recent_total, past_postings, past_total, comparison,
    recent_from, recent_to, past_from, past_to, sources, tests, interval_level, p_value,
    pooled_change_pp, low_support
from skill_movers
where role_family = $role
order by change_pp desc, skill
