-- One company's stack over time: per month (coalesce(posted_at, first_seen_at)) and skill,
-- its engineering postings naming the skill, one per duplicate group.
select
    date_trunc('month', coalesce(p.posted_at, p.first_seen_at))::date as month,
    ps.skill,
    count(distinct coalesce(p.duplicate_group_id, p.posting_id)) as postings
from postings as p
inner join posting_skills as ps on p.posting_id = ps.posting_id
where lower(trim(p.company)) = lower(trim($company)) and is_engineering(p.role_family)
group by all
order by month, postings desc, skill
