-- A company's open engineering postings naming $skill (null: any), newest first, with links.
select
    coalesce(p.posted_at, p.first_seen_at)::date as posted,
    p.title, p.country, p.city, p.work_mode, p.employment_type, p.url, p.posting_id
from postings as p
where lower(trim(p.company)) = lower(trim($company)) and p.closed_at is null
    and is_engineering(p.role_family)
    and ($skill is null or p.posting_id in (
        select posting_id from posting_skills where skill = $skill))
order by posted desc, p.posting_id
limit 200
