-- The rows of mart_pay_by_skill and mart_pay_by_seniority whose counts changed (pay_groups),
-- again from the counts (072_pay_quantiles.sql); a group left without postings goes.
delete from mart_pay_by_skill as m
using pay_groups as g
where g.mart = 'skill' and m.skill = g.skill and m.pay_kind = g.pay_kind
    and m.pay_period = g.pay_period and m.employment_type = g.employment_type
    and m.market = g.market and m.currency = g.currency;

insert into mart_pay_by_skill by name
select g.skill, g.pay_kind, g.pay_period, g.employment_type, g.market, g.currency,
    c.postings, c.period_inferred_postings,
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
from pay_groups as g
inner join pay_group_counts as c on g.gid = c.gid
left join pay_quantiles as q on g.gid = q.gid
where g.mart = 'skill'
group by all;

delete from mart_pay_by_seniority as m
using pay_groups as g
where g.mart = 'seniority' and m.seniority_band = g.seniority_band
    and m.pay_kind = g.pay_kind and m.pay_period = g.pay_period and m.market = g.market
    and m.skill = g.skill;

insert into mart_pay_by_seniority by name
select g.seniority_band, g.pay_kind, g.pay_period, g.market, g.skill,
    c.postings, c.period_inferred_postings,
    max(q.value) filter (where q.slot = 'usd_p25') as usd_p25,
    max(q.value) filter (where q.slot = 'usd_median') as usd_median,
    max(q.value) filter (where q.slot = 'usd_p75') as usd_p75,
    max(q.value) filter (where q.slot = 'annual_usd_median') as annual_usd_median,
    max(q.value) filter (where q.slot = 'hourly_usd_median') as hourly_usd_median
from pay_groups as g
inner join pay_group_counts as c on g.gid = c.gid
left join pay_quantiles as q on g.gid = q.gid
where g.mart = 'seniority'
group by all;
