-- How many filtered postings match the Postings page's skill and text search.
select count(*) as postings
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
