-- Monthly share of Python, Go and Rust
select month, skill, round(share * 100, 2) as share_pct, postings_with_skill, postings_total
from skill_monthly_share
where basis = 'new' and skill in ('Python', 'Go', 'Rust')
order by month, skill
