-- Currencies postings state pay in, most common first (for the "original currency" choice).
select currency, sum(postings) as postings
from pay_by_skill
where currency <> 'all' and currency <> 'unknown' and market = 'all'
    and employment_type = 'all'
group by currency
order by postings desc, currency
