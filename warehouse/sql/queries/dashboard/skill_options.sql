-- Skills found in postings, most common first (new postings ever, from the prepared view).
select skill, coalesce(any_value(category), 'other') as category,
    sum(postings_with_skill) as postings
from skill_monthly_share
where basis = 'new'
group by skill
order by postings desc, skill
