-- Demand, remote share and median USD pay per month of the chosen markets.
select month, market, postings, remote_share, salary_annual_usd_median, rate_hourly_usd_median
from market_monthly
where skill = 'all' and list_contains($markets, market)
order by month, market
