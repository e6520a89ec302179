-- Every source tag some posting carries, once.
select distinct tag from (select unnest(tags) as tag from postings) where tag is not null
