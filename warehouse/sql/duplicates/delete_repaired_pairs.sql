-- An incremental pass finds every exact pair again, and the text pairs whose later posting
-- was paired again (`dup_repaired`).
delete from duplicate_pairs
where evidence = 'exact' or later in (select posting_id from dup_repaired)
