-- Monthly share of postings for the chosen skills ($skills, $basis: new|active).
select month, skill, share, ci_low, ci_high, postings_with_skill, postings_total, low_support
from skill_monthly_share
where basis = $basis and list_contains($skills, skill)
order by month, skill
