-- Top skills of the last 12 months
select skill, category, sum(postings_with_skill) as postings
from skill_monthly_share
where basis = 'new' and month >= (select max(month) from skill_monthly_share) - interval 11 month
group by skill, category
order by postings desc
limit 20
