-- The stored text pairs whose later posting is paired again (`dedup_repaired_ids`).
select earlier, later from duplicate_pairs
where evidence = 'text' and later in (select posting_id from dedup_repaired_ids)
