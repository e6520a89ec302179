-- Where one skill is asked for: countries and remote work by postings with the skill, with
-- the share of each market's postings that mention it.
with mine as (
    select market_type, market, sum(postings) as postings, sum(postings_total) as total
    from market_monthly
    where skill = $skill and market_type in ('country', 'remote')
    group by market_type, market
)

select market_type, market, postings, total as postings_total, postings / total as share
from mine
order by postings desc, market
limit $top
