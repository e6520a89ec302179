-- Countries, cities and 'remote' by how many postings they have, biggest first.
select market_type, market, sum(postings) as postings
from market_monthly
where skill = 'all'
group by market_type, market
order by postings desc, market
