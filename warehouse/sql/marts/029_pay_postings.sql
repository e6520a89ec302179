-- Each paid engineering job's pay as the pay marts (030, 040) count it: the representative's
-- amount (the middle of its range, or its one stated end) in its currency and in USD, and the
-- slices it falls in. An incremental refresh takes a touched job's old row out of the counts of
-- mart_pay_buckets and mart_pay_values and puts its new one in. The rows are those of
-- base_reps (marts/005_representatives.sql): every job on a full refresh.
delete from mart_pay_postings;

insert into mart_pay_postings
select
    p.posting_id,
    p.pay_kind,
    p.pay_period,
    p.pay_period_inferred,
    coalesce(p.employment_type, 'unknown') as employment_type,
    case when p.work_mode = 'remote' then 'remote' else coalesce(p.country, 'unknown') end
        as market,
    coalesce(p.pay_currency, 'unknown') as currency,
    -- mart_pay_by_seniority counts only postings with a band and a USD minimum.
    case when p.pay_usd_min is not null then p.seniority_band end as seniority_band,
    coalesce((p.pay_min + p.pay_max) / 2, p.pay_min, p.pay_max) as amount,
    coalesce((p.pay_usd_min + p.pay_usd_max) / 2, p.pay_usd_min, p.pay_usd_max) as usd,
    coalesce((p.pay_annual_usd_min + p.pay_annual_usd_max) / 2, p.pay_annual_usd_min,
             p.pay_annual_usd_max) as annual_usd,
    coalesce((p.pay_hourly_usd_min + p.pay_hourly_usd_max) / 2, p.pay_hourly_usd_min,
             p.pay_hourly_usd_max) as hourly_usd
from postings as p
semi join base_reps as r on p.posting_id = r.posting_id
where is_engineering(p.role_family) and p.pay_kind is not null and p.pay_period is not null;
