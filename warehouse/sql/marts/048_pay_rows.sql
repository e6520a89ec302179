-- The rows of mart_pay_by_skill and mart_pay_by_seniority named by pay_groups (046): their
-- postings counts (on an incremental refresh, the stored ones plus the change), their
-- percentiles from the counts (047_pay_quantiles.sql); a row left without postings goes.
create or replace temp table pay_skill_rows as
select g.slice, g.skill, g.pay_kind, g.pay_period, g.employment_type, g.market, g.currency,
    coalesce(m.postings, 0) + g.postings as postings,
    coalesce(m.period_inferred_postings, 0) + g.period_inferred_postings
        as period_inferred_postings
from pay_groups as g
left join mart_pay_by_skill as m
    on m.skill = g.skill and m.pay_kind = g.pay_kind and m.pay_period = g.pay_period
    and m.employment_type = g.employment_type and m.market = g.market
    and m.currency = g.currency
where g.mart = 'pay_by_skill';

delete from mart_pay_by_skill as m
using pay_skill_rows as g
where m.skill = g.skill and m.pay_kind = g.pay_kind and m.pay_period = g.pay_period
    and m.employment_type = g.employment_type and m.market = g.market
    and m.currency = g.currency;

insert into mart_pay_by_skill by name
select g.skill, g.pay_kind, g.pay_period, g.employment_type, g.market, g.currency,
    g.postings, g.period_inferred_postings,
    max(q.value) filter (where q.slot = 'p10') as p10,
    max(q.value) filter (where q.slot = 'p25') as p25,
    max(q.value) filter (where q.slot = 'median') as median,
    max(q.value) filter (where q.slot = 'p75') as p75,
    max(q.value) filter (where q.slot = 'p90') as p90,
    max(q.value) filter (where q.slot = 'usd_p10') as usd_p10,
    max(q.value) filter (where q.slot = 'usd_p25') as usd_p25,
    max(q.value) filter (where q.slot = 'usd_median') as usd_median,
    max(q.value) filter (where q.slot = 'usd_p75') as usd_p75,
    max(q.value) filter (where q.slot = 'usd_p90') as usd_p90,
    max(q.value) filter (where q.slot = 'annual_usd_median') as annual_usd_median,
    max(q.value) filter (where q.slot = 'hourly_usd_median') as hourly_usd_median
from pay_skill_rows as g
left join pay_quantiles as q on q.mart = 'pay_by_skill' and g.slice = q.slice
where g.postings > 0
group by g.skill, g.pay_kind, g.pay_period, g.employment_type, g.market, g.currency,
    g.postings, g.period_inferred_postings;

create or replace temp table pay_seniority_rows as
select g.slice, g.seniority_band, g.pay_kind, g.pay_period, g.market, g.skill,
    coalesce(m.postings, 0) + g.postings as postings,
    coalesce(m.period_inferred_postings, 0) + g.period_inferred_postings
        as period_inferred_postings
from pay_groups as g
left join mart_pay_by_seniority as m
    on m.seniority_band = g.seniority_band and m.pay_kind = g.pay_kind
    and m.pay_period = g.pay_period and m.market = g.market and m.skill = g.skill
where g.mart = 'pay_by_seniority';

delete from mart_pay_by_seniority as m
using pay_seniority_rows as g
where m.seniority_band = g.seniority_band and m.pay_kind = g.pay_kind
    and m.pay_period = g.pay_period and m.market = g.market and m.skill = g.skill;

insert into mart_pay_by_seniority by name
select g.seniority_band, g.pay_kind, g.pay_period, g.market, g.skill,
    g.postings, g.period_inferred_postings,
    max(q.value) filter (where q.slot = 'usd_p25') as usd_p25,
    max(q.value) filter (where q.slot = 'usd_median') as usd_median,
    max(q.value) filter (where q.slot = 'usd_p75') as usd_p75,
    max(q.value) filter (where q.slot = 'annual_usd_median') as annual_usd_median,
    max(q.value) filter (where q.slot = 'hourly_usd_median') as hourly_usd_median
from pay_seniority_rows as g
left join pay_quantiles as q on q.mart = 'pay_by_seniority' and g.slice = q.slice
where g.postings > 0
group by g.seniority_band, g.pay_kind, g.pay_period, g.market, g.skill,
    g.postings, g.period_inferred_postings;
