-- USD pay by seniority band (entry, mid, senior, lead), overall ('all') and per skill, over the
-- paid jobs of mart_pay_postings (029_pay_postings.sql) with a band and a USD minimum.
-- Counted as how many postings have each exact pay, as 030_pay_by_skill.sql counts its rows.
delete from mart_pay_by_seniority;

create or replace temp table pay_seniority_tuples as
with paid as (
    select * from mart_pay_postings where seniority_band is not null
),

with_skill as (
    select paid.*, 'all' as skill from paid
    union all
    select paid.*, ps.skill from paid
    inner join posting_skills as ps on paid.posting_id = ps.posting_id
)

select concat_ws(chr(31), seniority_band, pay_kind, pay_period, market, skill) as slice, *
from (
    select seniority_band, pay_kind, pay_period, coalesce(market, 'all') as market, skill,
        usd, annual_usd, hourly_usd,
        count(*) as postings,
        count(*) filter (where pay_period_inferred) as period_inferred_postings
    from with_skill
    group by grouping sets (
        (seniority_band, pay_kind, pay_period, skill, usd, annual_usd, hourly_usd),
        (seniority_band, pay_kind, pay_period, skill, market, usd, annual_usd, hourly_usd)
    )
);
