-- Companies whose engineering postings name $skill (optionally in country $country), most
-- postings first (one per duplicate group), with their open postings and the newest link.
with hits as (
    select
        lower(trim(p.company)) as company_key,
        p.company,
        coalesce(p.duplicate_group_id, p.posting_id) as job,
        p.country, p.work_mode, p.url, p.last_seen_at, p.closed_at
    from postings as p
    inner join posting_skills as ps on p.posting_id = ps.posting_id
    where ps.skill = $skill and p.company is not null and is_engineering(p.role_family)
        and ($country is null or p.country = $country)
)

select
    any_value(company order by last_seen_at desc) as company,
    count(distinct job) as postings,
    count(distinct job) filter (where closed_at is null) as open_postings,
    max(last_seen_at) as last_seen,
    list(distinct country order by country) filter (where country is not null) as countries,
    count(distinct job) filter (where work_mode = 'remote') / count(distinct job) as remote_share,
    any_value(url order by closed_at is null desc, last_seen_at desc) as newest_url
from hits
group by company_key
order by postings desc, open_postings desc, company
limit $limit
