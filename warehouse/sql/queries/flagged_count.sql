-- Postings in a duplicate group.
select count(*) from postings where duplicate_group_id is not null
