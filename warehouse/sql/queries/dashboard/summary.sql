-- Postings, sources and date span of the whole warehouse (prepared at load).
select postings, sources, first_posting, last_posting from mart_summary
