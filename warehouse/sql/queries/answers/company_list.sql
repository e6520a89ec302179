-- Companies with engineering postings, most postings (one per duplicate group) first: what
-- the Companies page offers to pick from.
select company, count(distinct coalesce(duplicate_group_id, posting_id)) as postings
from postings
where company is not null and is_engineering(role_family)
group by company
order by postings desc, company
limit 5000
