-- The $top skills of each chosen market: share of its postings that mention the skill.
with counts as (
    select market, skill, sum(postings) as postings
    from market_monthly
    where list_contains($markets, market) and skill <> 'all'
    group by market, skill
),

totals as (
    select market, sum(postings) as total
    from market_monthly
    where list_contains($markets, market) and skill = 'all'
    group by market
)

select c.market, c.skill, c.postings, t.total as postings_total, c.postings / t.total as share
from counts as c
inner join totals as t on c.market = t.market
qualify row_number() over (partition by c.market order by c.postings desc, c.skill) <= $top
order by c.market, c.postings desc
