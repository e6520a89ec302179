-- How many postings the warehouse holds.
select count(*) from postings
