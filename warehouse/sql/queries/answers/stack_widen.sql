-- The skills whose addition would widen a stack's recent matches most: for each skill not in
-- the stack, the recent jobs that would match with it and do not now (the bar, least(2, len),
-- stays that of the stack as given), with the skill's own
-- recent demand (jobs naming it) and median USD salary and day rate over the last year.
with base as (
    select posting_id, mine, matches, month, latest_month
    from stack_jobs($skills, $country, $remote_only, $contract_only)
),

gain as (
    select s.skill, count(*) as added_matches
    from base as b
    inner join mart_filter_skills as s on b.posting_id = s.posting_id
    where not b.matches and b.mine + 1 >= least(2, len($skills))
        and b.month >= latest_month - interval 2 month
        and not list_contains($skills, s.skill)
    group by s.skill
),

demand as (
    select s.skill, count(*) as recent_jobs
    from base as b
    inner join mart_filter_skills as s on b.posting_id = s.posting_id
    where b.month >= latest_month - interval 2 month
    group by s.skill
)

select
    g.skill, k.category, g.added_matches, d.recent_jobs,
    (select usd_median from pay_by_skill as y where y.skill = g.skill and y.pay_kind = 'salary'
     and y.pay_period = 'year' and y.market = 'all' and y.employment_type = 'all'
     and y.currency = 'all') as salary_usd_median,
    (select usd_median from pay_by_skill as y where y.skill = g.skill and y.pay_kind = 'rate'
     and y.pay_period = 'day' and y.market = 'all' and y.employment_type = 'all'
     and y.currency = 'all') as day_rate_usd_median
from gain as g
inner join demand as d on g.skill = d.skill
left join skills as k on g.skill = k.skill
where coalesce(k.category, '') <> 'concept'
order by g.added_matches desc, d.recent_jobs desc, g.skill
limit $limit
