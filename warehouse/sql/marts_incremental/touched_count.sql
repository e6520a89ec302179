-- Postings an incremental refresh would look at again (010_touched.sql).
select count(*) from touched
