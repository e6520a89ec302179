-- mart_skill_source_monthly again where its counts changed (marts/025_skill_source_monthly.sql),
-- as 050_skill_monthly.sql does: stored counts plus the touched jobs' change, totals counted
-- again. Then source_month_totals and role_groups as marts/025 makes them, for 026 and 070.
create or replace temp table source_month_changes as
with units as (
    select -1 as change, null as skill, month, source, role_family
    from (
        select month, source, role_family from old_jobs where in_coverage
        except all
        select month, source, role_family from new_jobs where in_coverage
    )
    union all
    select 1, null, month, source, role_family
    from (
        select month, source, role_family from new_jobs where in_coverage
        except all
        select month, source, role_family from old_jobs where in_coverage
    )
    union all
    select -1, skill, month, source, role_family
    from (
        select skill, month, source, role_family from old_skills where in_coverage
        except all
        select skill, month, source, role_family from new_skills where in_coverage
    )
    union all
    select 1, skill, month, source, role_family
    from (
        select skill, month, source, role_family from new_skills where in_coverage
        except all
        select skill, month, source, role_family from old_skills where in_coverage
    )
)

select month, source, coalesce(role_family, 'unclassified') as role_family, skill,
    sum(change) as change
from units
group by all
having sum(change) <> 0;

create or replace temp table source_month_scope as
select distinct month, source, role_family from source_month_changes;

create or replace temp table source_month_totals as
select month, source, coalesce(role_family, 'unclassified') as role_family,
    count(*) as postings_total
from mart_filter_jobs
where in_coverage
group by all;

create or replace temp table role_groups as
with families as (
    select distinct coalesce(role_family, 'unclassified') as role_family from mart_filter_jobs
)

select role_family, role_family as role_group from families
union all
select role_family, 'engineering' from families where is_engineering(role_family)
union all
select role_family, 'all' from families;

create or replace temp table source_month_counts as
select month, source, role_family, skill, cast(sum(k) as bigint) as postings_with_skill
from (
    select m.month, m.source, m.role_family, m.skill, m.postings_with_skill as k
    from mart_skill_source_monthly as m
    semi join source_month_scope as s
        on m.month = s.month and m.source = s.source and m.role_family = s.role_family
    union all
    select month, source, role_family, skill, change
    from source_month_changes
    where skill is not null
)
group by all
having sum(k) > 0;

delete from mart_skill_source_monthly as m
where exists (
    select 1 from source_month_scope as s
    where s.month = m.month and s.source = m.source and s.role_family = m.role_family
);

insert into mart_skill_source_monthly
select c.month, c.source, c.role_family, c.skill, c.postings_with_skill, t.postings_total,
    c.month >= current_month() as partial
from source_month_counts as c
inner join source_month_totals as t
    on c.month = t.month and c.source = t.source and c.role_family = t.role_family;
