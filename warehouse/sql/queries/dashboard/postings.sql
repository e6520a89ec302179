-- One page of the Postings page's matches (matching_postings), newest day first. The page is
-- chosen on the narrow mart_filter_jobs; only its rows read the wide columns and their
-- skills, so the cost barely grows with the warehouse.
with hits as (
    select posting_id, day
    from matching_postings(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families, $skill, $search
    )
    order by day desc, posting_id
    limit $limit offset $offset
),

page_skills as (
    select posting_id, list(skill order by skill) as skills
    from posting_skills
    where posting_id in (select posting_id from hits)
    group by posting_id
)

select
    h.day as posted,
    p.title, p.company, p.source, p.country, p.city, p.work_mode,
    p.seniority_band as seniority, p.employment_type, p.pay_raw,
    left(p.description, 300) as description, p.url,
    s.skills,
    h.posting_id
from hits as h
inner join postings as p on h.posting_id = p.posting_id
left join page_skills as s on h.posting_id = s.posting_id
order by h.day desc, h.posting_id
