-- Percentiles of one pay type ($kind, $period) per chosen skill, over all markets and
-- employment types: in USD when $currency is null, else among postings paying in $currency.
select
    skill,
    postings,
    period_inferred_postings as period_inferred,
    case when $currency is null then usd_p10 else p10 end as p10,
    case when $currency is null then usd_p25 else p25 end as p25,
    case when $currency is null then usd_median else median end as median,
    case when $currency is null then usd_p75 else p75 end as p75,
    case when $currency is null then usd_p90 else p90 end as p90
from pay_by_skill
where list_contains($skills, skill) and pay_kind = $kind and pay_period = $period
    and market = 'all' and employment_type = 'all' and currency = coalesce($currency, 'all')
order by median desc nulls last, skill
