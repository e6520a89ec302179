-- One skill's demand (HN hiring ads) against supply (HN seeking posts) per month, oldest
-- first, within $since..$until when given (skill_supply_monthly says how each is counted).
select
    month, skill, hiring_with_skill, hiring_posts, demand_share, seeking_with_skill,
    seeking_posts, supply_share, min_count, demand_supply_ratio, partial
from skill_supply_monthly
where skill = $skill
    and ($since is null or month >= $since)
    and ($until is null or month <= $until)
order by month
