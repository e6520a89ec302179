-- How many filtered postings match the Postings page's skill and text search. The counting
-- runs on the narrow mart_filter_jobs; only a text search reads the postings' text.
select count(*) as postings
from filtered_jobs(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities
    ) as f
where ($skill is null or f.posting_id in (
        select posting_id from mart_filter_skills where skill = $skill))
    and ($search is null or f.posting_id in (
        select posting_id from postings
        where contains(lower(title), lower($search))
            or contains(lower(company), lower($search))
            or contains(lower(description), lower($search))))
