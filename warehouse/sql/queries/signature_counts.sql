-- Stored text signatures and postings: equal counts mean no posting lacks a signature.
select (select count(*) from posting_signatures), (select count(*) from postings)
