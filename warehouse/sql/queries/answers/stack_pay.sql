-- Pay of the jobs matching a stack over the warehouse's newest twelve months, per pay type (annual salary,
-- hourly rate, day rate are never mixed), in USD: percentiles and n.
with paid as (
    select
        p.pay_kind, p.pay_period,
        coalesce((p.pay_usd_min + p.pay_usd_max) / 2, p.pay_usd_min, p.pay_usd_max) as usd
    from stack_jobs($skills, $country, $remote_only, $contract_only) as j
    inner join postings as p on j.posting_id = p.posting_id
    where j.matches and j.month >= latest_month - interval 11 month
        and (p.pay_kind, p.pay_period) in (('salary', 'year'), ('rate', 'hour'), ('rate', 'day'))
)
select
    case pay_period when 'year' then 'salary' else pay_period end as pay_type,
    count(*) as postings,
    quantile_cont(usd, 0.25) as p25,
    quantile_cont(usd, 0.50) as median,
    quantile_cont(usd, 0.75) as p75
from paid
where usd is not null
group by all
order by pay_type
