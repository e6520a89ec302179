-- Share of postings per month that mention each skill. A posting's month is the month it was
-- published at the source, or first seen when the source gives no date. Duplicates (the same
-- job on several sources, or reposted) count once per month: one per duplicate group.
create or replace view skill_monthly_share as
with posting_months as (
    select
        posting_id,
        coalesce(duplicate_group_id, posting_id) as job_id,
        cast(date_trunc('month', coalesce(posted_at, first_seen_at)) as date) as month
    from postings
),

totals as (
    select month, count(distinct job_id) as postings_total
    from posting_months
    group by month
),

with_skill as (
    select pm.month, ps.skill, count(distinct pm.job_id) as postings_with_skill
    from posting_months as pm
    inner join posting_skills as ps on pm.posting_id = ps.posting_id
    group by pm.month, ps.skill
),

final as (
    select
        w.month,
        w.skill,
        w.postings_with_skill,
        t.postings_total,
        w.postings_with_skill / t.postings_total as share
    from with_skill as w
    inner join totals as t on w.month = t.month
)

select * from final
