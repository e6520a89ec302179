-- Median annual salary (USD) by skill
select skill, postings, usd_median
from pay_by_skill
where pay_kind = 'salary' and pay_period = 'year' and market = 'all'
  and employment_type = 'all' and currency = 'all' and postings >= 20
order by usd_median desc
limit 25
