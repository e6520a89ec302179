-- How many filtered postings match the Postings page's skill and text search.
select count(*) as postings
from matching_postings(
    $date_from, $date_to, $sources, $countries, $work_modes, $employment_types, $seniorities, $role_families,
    $skill, $search
)
