-- Postings new or changed since the last duplicate pass.
select posting_id from dedup_pending
