-- Counted new postings (published inside their source's coverage window, 010_base.sql) per
-- month, source and role family: the units that like-for-like shares and movers combine.
-- role_groups maps each family to the groups it is counted in: itself, 'engineering'
-- (is_engineering: every family but non_engineering, as the other marts count) and 'all'. Non-engineering postings enter an
-- engineering denominator only when 'all' is asked for.
create or replace temp table source_month_totals as
select month, source, role_family, count(*) as postings_total
from mart_base
where in_coverage
group by all;

create or replace temp table role_groups as
select role_family, role_family as role_group from (select distinct role_family from mart_base)
union all
select distinct role_family, 'engineering' from mart_base
where is_engineering(role_family)
union all
select distinct role_family, 'all' from mart_base;

delete from mart_skill_source_monthly;

insert into mart_skill_source_monthly
select
    b.month,
    b.source,
    b.role_family,
    ps.skill,
    count(*) as postings_with_skill,
    any_value(t.postings_total) as postings_total,
    b.month >= current_month() as partial
from mart_base as b
inner join posting_skills as ps on b.posting_id = ps.posting_id
inner join source_month_totals as t
    on b.month = t.month and b.source = t.source and b.role_family = t.role_family
where b.in_coverage
group by b.month, b.source, b.role_family, ps.skill;
