-- Skills rising and falling in demand, like for like. The recent window is the last 3 complete
-- months with data (the current month is partial, never compared); the past window is the
-- same months a year before when some source was present in both, else the 3 months before
-- the recent ones ('quarter'). A source is present in a window with at least 30 counted
-- postings of the role group. Only sources present in both windows count, each with its own
-- share, combined at fixed weights (direct standardisation: the source's share of their
-- counted postings over both windows), so a source joining or leaving moves nothing. The
-- change's variance is the sum over windows and sources of w^2 p (1 - p) / n.
--
-- Every skill of a role group is tested at once, so at a plain 95% level about one skill in
-- twenty would "move" by chance. Significance is therefore Benjamini-Hochberg at a 5% false
-- discovery rate, and the interval is its false-coverage-rate adjusted interval (Benjamini &
-- Yekutieli): level 1 - R q / m for R of m skills selected at q = 0.05. A change is
-- significant, and the skill rising or falling, exactly when that interval excludes zero.
-- Rows per engineering role family and for 'engineering' (all of them); the pooled shares of
-- every counted source in the same windows stay beside, as pooled_*.
delete from mart_skill_movers;

insert into mart_skill_movers
with params as (
    select current_month() as current_month
),

groups as (
    select role_family, role_group from role_groups where role_group <> 'all'
        and role_group not in ('non_engineering', 'unclassified')
),

totals as (
    select g.role_group, t.source, t.month, sum(t.postings_total) as n
    from source_month_totals as t
    inner join groups as g on t.role_family = g.role_family
    cross join params as p
    where t.month < p.current_month
    group by all
),

last_month as (
    select max(month) as m from totals where role_group = 'engineering'
),

candidates as (
    select
        'year' as comparison, m - interval 2 month as recent_from, m as recent_to,
        m - interval 14 month as past_from, m - interval 12 month as past_to
    from last_month
    union all
    select 'quarter', m - interval 2 month, m, m - interval 5 month, m - interval 3 month
    from last_month
),

-- Engineering sources present in both windows of each candidate comparison.
spanning as (
    select c.comparison
    from candidates as c
    inner join totals as t on t.role_group = 'engineering'
    group by c.comparison, c.recent_from, c.recent_to, c.past_from, c.past_to, t.source
    having sum(t.n) filter (where t.month between c.recent_from and c.recent_to) >= 30
        and sum(t.n) filter (where t.month between c.past_from and c.past_to) >= 30
),

windows as (
    select
        comparison, cast(recent_from as date) as recent_from, cast(recent_to as date) as recent_to,
        cast(past_from as date) as past_from, cast(past_to as date) as past_to
    from candidates
    where comparison = case when exists (select 1 from spanning where comparison = 'year')
        then 'year' else 'quarter' end
),

source_n as (
    select
        t.role_group, t.source,
        coalesce(sum(t.n) filter (where t.month between w.recent_from and w.recent_to), 0)
            as n_recent,
        coalesce(sum(t.n) filter (where t.month between w.past_from and w.past_to), 0) as n_past
    from totals as t
    cross join windows as w
    group by all
),

included as (
    select
        role_group, source, n_recent, n_past,
        (n_recent + n_past) / sum(n_recent + n_past) over (partition by role_group) as weight
    from source_n
    where n_recent >= 30 and n_past >= 30
),

counts as (
    select
        g.role_group, s.source, s.skill,
        coalesce(sum(s.postings_with_skill)
            filter (where s.month between w.recent_from and w.recent_to), 0) as k_recent,
        coalesce(sum(s.postings_with_skill)
            filter (where s.month between w.past_from and w.past_to), 0) as k_past
    from mart_skill_source_monthly as s
    inner join groups as g on s.role_family = g.role_family
    cross join windows as w
    where not s.partial
    group by all
),

pooled as (
    select
        c.role_group, c.skill, sum(c.k_recent) as k_recent, sum(c.k_past) as k_past,
        any_value(n.n_recent) as n_recent, any_value(n.n_past) as n_past
    from counts as c
    inner join (
        select role_group, sum(n_recent) as n_recent, sum(n_past) as n_past
        from source_n group by role_group
    ) as n on c.role_group = n.role_group
    group by all
),

standardized as (
    select
        i.role_group, s.skill,
        sum(coalesce(c.k_recent, 0)) as k_recent, sum(i.n_recent) as n_recent,
        sum(coalesce(c.k_past, 0)) as k_past, sum(i.n_past) as n_past,
        sum(i.weight * coalesce(c.k_recent, 0) / i.n_recent) as recent_share,
        sum(i.weight * coalesce(c.k_past, 0) / i.n_past) as past_share,
        sum(pow(i.weight, 2) * (
            (coalesce(c.k_recent, 0) / i.n_recent) * (1 - coalesce(c.k_recent, 0) / i.n_recent)
                / i.n_recent
            + (coalesce(c.k_past, 0) / i.n_past) * (1 - coalesce(c.k_past, 0) / i.n_past)
                / i.n_past)) as variance,
        list(i.source order by i.source) as sources
    from included as i
    inner join (
        select c.role_group, c.skill
        from counts as c
        semi join included as i on c.role_group = i.role_group and c.source = i.source
        group by all
        having sum(c.k_recent + c.k_past) > 0
    ) as s on i.role_group = s.role_group
    left join counts as c
        on i.role_group = c.role_group and i.source = c.source and s.skill = c.skill
    group by all
),

tested as (
    select
        s.*,
        case
            when s.variance > 0
                then 2 * (1 - normal_cdf(abs(s.recent_share - s.past_share) / sqrt(s.variance)))
            when s.recent_share = s.past_share then 1.0
            else 0.0
        end as p_value,
        count(*) over (partition by s.role_group) as tests
    from standardized as s
),

ranked as (
    select *, row_number() over (partition by role_group order by p_value, skill) as p_rank
    from tested
),

-- R: the Benjamini-Hochberg count, the largest rank whose p-value is within rank * q / m.
selected as (
    select role_group, coalesce(max(p_rank) filter (where p_value <= p_rank * 0.05 / tests), 0)
        as r
    from ranked
    group by role_group
),

final as (
    select
        t.*,
        1 - greatest(s.r, 1) * 0.05 / t.tests as interval_level,
        (t.recent_share - t.past_share) * 100 as change_pp,
        normal_quantile(1 - greatest(s.r, 1) * 0.05 / (2 * t.tests)) * sqrt(t.variance) * 100
            as half_width_pp
    from ranked as t
    inner join selected as s on t.role_group = s.role_group
)

select
    f.role_group as role_family,
    f.skill,
    sk.category,
    w.comparison,
    w.recent_from, w.recent_to, w.past_from, w.past_to,
    f.sources,
    f.k_recent as recent_postings,
    f.n_recent as recent_total,
    f.k_past as past_postings,
    f.n_past as past_total,
    f.recent_share,
    f.past_share,
    f.change_pp,
    f.change_pp - f.half_width_pp as ci_low_pp,
    f.change_pp + f.half_width_pp as ci_high_pp,
    f.change_pp - f.half_width_pp > 0 or f.change_pp + f.half_width_pp < 0 as significant,
    case
        when f.change_pp - f.half_width_pp > 0 then 'rising'
        when f.change_pp + f.half_width_pp < 0 then 'falling'
        else 'flat'
    end as direction,
    least(f.k_recent, f.k_past) < 10 or least(f.n_recent, f.n_past) < 100 as low_support,
    p.k_recent as pooled_recent_postings,
    p.n_recent as pooled_recent_total,
    p.k_recent / p.n_recent as pooled_recent_share,
    p.k_past as pooled_past_postings,
    p.n_past as pooled_past_total,
    p.k_past / p.n_past as pooled_past_share,
    (p.k_recent / p.n_recent - p.k_past / p.n_past) * 100 as pooled_change_pp,
    f.p_value,
    f.tests,
    f.interval_level
from final as f
inner join pooled as p on f.role_group = p.role_group and f.skill = p.skill
cross join windows as w
left join skills as sk on f.skill = sk.skill;
