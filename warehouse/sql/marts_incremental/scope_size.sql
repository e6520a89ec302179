-- How much an incremental refresh computed again: distinct months of the monthly marts, and
-- distinct skills of the pay and co-occurrence marts.
select
    (select count(distinct month) from (
        select month from skill_month_scope
        union select month from source_month_scope
        union select month from market_months)),
    (select count(distinct skill) from (
        select skill from pay_groups where skill <> 'all'
        union select skill from cooccurrence_skills))
