-- Skills rising and falling in engineering postings, like for like: the last 3 complete
-- months against the same months a year before (or the quarter before; see past_from).
select skill, category, recent_postings, recent_share, past_postings as year_ago_postings,
    past_share as year_ago_share, change_pp, direction, low_support, recent_from, recent_to,
    past_from, past_to, ci_low_pp, ci_high_pp, significant, sources, pooled_change_pp
from skill_movers
where role_family = 'engineering'
order by change_pp desc
