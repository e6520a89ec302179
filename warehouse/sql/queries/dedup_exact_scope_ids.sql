-- The postings whose stored exact pairs an incremental pass finds again: those with a key of
-- `dedup_exact_keys`, and those waiting to be paired.
select posting_id from postings where dedup_key in (select dedup_key from dedup_exact_keys)
union
select posting_id from dedup_pending
