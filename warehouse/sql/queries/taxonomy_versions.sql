-- The taxonomy versions the postings' skills come from.
select distinct taxonomy_version
from postings
where taxonomy_version is not null
order by 1
