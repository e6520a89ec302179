-- Skills rising and falling (last 3 months against the same months a year before).
select skill, category, recent_postings, recent_share, year_ago_postings, year_ago_share,
    change_pp, direction, low_support, recent_from, recent_to
from skill_movers
order by change_pp desc
