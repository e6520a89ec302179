-- Monthly share of postings for the chosen skills ($skills: list of names).
select month, skill, share, postings_with_skill, postings_total
from skill_monthly_share
where list_contains($skills, skill)
order by month, skill
