-- USD pay of one pay type by seniority band, for all skills ('all') and each chosen skill.
-- The prepared view holds USD only; $currency is always null here (see data.py).
select
    seniority_band,
    skill,
    postings,
    usd_p25 as p25,
    usd_median as median,
    usd_p75 as p75
from pay_by_seniority
where (skill = 'all' or list_contains($skills, skill)) and pay_kind = $kind
    and pay_period = $period and market = 'all' and $currency is null
order by skill, seniority_band
