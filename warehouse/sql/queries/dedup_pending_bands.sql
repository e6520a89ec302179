-- The stored band keys of the postings waiting to be paired (dedup_scope.sql's
-- `dedup_pending_bands` when the pass has just stored every posting's).
select band, key, day_number from posting_bands
where posting_id in (select posting_id from dedup_pending)
