-- One page of the filtered postings, newest first, optionally with one skill ($skill) and
-- containing a text ($search, case-insensitive, in title, company or description). Skills
-- are looked up for the page only, so the cost does not grow with the warehouse.
with page as (
    select
        posting_id,
        cast(coalesce(posted_at, first_seen_at) as date) as posted,
        title, company, source, country, city, work_mode, seniority_band as seniority,
        employment_type, pay_raw, left(description, 300) as description, url
    from filtered_postings(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities
    ) as f
    where ($skill is null or f.posting_id in (
            select posting_id from mart_filter_skills where skill = $skill))
        and ($search is null
            or contains(lower(title), lower($search))
            or contains(lower(company), lower($search))
            or contains(lower(description), lower($search)))
    order by coalesce(posted_at, first_seen_at) desc, posting_id
    limit $limit offset $offset
),

page_skills as (
    select posting_id, list(skill order by skill) as skills
    from posting_skills
    where posting_id in (select posting_id from page)
    group by posting_id
)

select p.* exclude (posting_id), s.skills, p.posting_id
from page as p
left join page_skills as s on p.posting_id = s.posting_id
order by p.posted desc, p.posting_id
