-- One skill's pay in USD by pay type, over all markets, employment types and currencies.
select pay_kind, pay_period, postings, usd_p25 as p25, usd_median as median, usd_p75 as p75
from pay_by_skill
where skill = $skill and market = 'all' and employment_type = 'all' and currency = 'all'
order by pay_kind, pay_period
