-- Monthly share of counted new postings per role group and skill, two ways. Pooled: every
-- source's postings together, with a 95% Wilson interval; it moves whenever a source with a
-- different skill mix joins or leaves. Standardized: each present source's own share, combined
-- at fixed weights (the source's share of the group's counted postings over all months,
-- renormalised among the sources present that month), so a month-to-month move comes from
-- within sources. A source is present in a month with at least 10 counted postings.
-- Interval of the standardized share: variance sum of w^2 p (1 - p) / n over present sources.
delete from mart_skill_share_monthly;

insert into mart_skill_share_monthly
with totals as (
    select g.role_group, t.source, t.month, sum(t.postings_total) as n
    from source_month_totals as t
    inner join role_groups as g on t.role_family = g.role_family
    group by all
),

weights as (
    select role_group, source, sum(n) / sum(sum(n)) over (partition by role_group) as weight
    from totals
    group by role_group, source
),

present as (
    select
        t.role_group, t.source, t.month, t.n,
        w.weight / sum(w.weight) over (partition by t.role_group, t.month) as weight
    from totals as t
    inner join weights as w on t.role_group = w.role_group and t.source = w.source
    where t.n >= 10
),

counts as (
    select g.role_group, s.source, s.month, s.skill, sum(s.postings_with_skill) as k
    from mart_skill_source_monthly as s
    inner join role_groups as g on s.role_family = g.role_family
    group by all
),

pooled as (
    select c.role_group, c.month, c.skill, sum(c.k) as k, any_value(m.n) as n
    from counts as c
    inner join (select role_group, month, sum(n) as n from totals group by all) as m
        on c.role_group = m.role_group and c.month = m.month
    group by all
),

standardized as (
    select
        p.role_group, p.month, s.skill,
        sum(p.weight * coalesce(c.k, 0) / p.n) as std_share,
        sum(pow(p.weight, 2) * (coalesce(c.k, 0) / p.n) * (1 - coalesce(c.k, 0) / p.n) / p.n)
            as variance,
        list(p.source order by p.source) as sources
    from present as p
    inner join (select distinct role_group, month, skill from counts) as s
        on p.role_group = s.role_group and p.month = s.month
    left join counts as c
        on p.role_group = c.role_group and p.source = c.source and p.month = c.month
        and s.skill = c.skill
    group by all
)

select
    po.month,
    po.role_group as role_family,
    po.skill,
    sk.category,
    po.k as postings_with_skill,
    po.n as postings_total,
    po.k / po.n as share,
    wilson_low(po.k, po.n) as ci_low,
    wilson_high(po.k, po.n) as ci_high,
    st.std_share,
    greatest(st.std_share - 1.96 * sqrt(st.variance), 0.0) as std_ci_low,
    least(st.std_share + 1.96 * sqrt(st.variance), 1.0) as std_ci_high,
    st.sources,
    po.n < 30 or po.k < 5 as low_support,
    po.month >= current_month() as partial
from pooled as po
left join standardized as st
    on po.role_group = st.role_group and po.month = st.month and po.skill = st.skill
left join skills as sk on po.skill = sk.skill;
