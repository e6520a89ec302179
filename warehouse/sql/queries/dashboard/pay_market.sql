-- Median and quartiles of one pay type per chosen skill and market (country or 'remote').
select
    skill,
    market,
    postings,
    case when $currency is null then usd_p25 else p25 end as p25,
    case when $currency is null then usd_median else median end as median,
    case when $currency is null then usd_p75 else p75 end as p75
from pay_by_skill
where list_contains($skills, skill) and pay_kind = $kind and pay_period = $period
    and market <> 'all' and market <> 'unknown' and employment_type = 'all'
    and currency = coalesce($currency, 'all')
order by postings desc, skill, market
