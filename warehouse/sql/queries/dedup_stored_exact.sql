-- The stored exact pairs.
select earlier, later from duplicate_pairs where evidence = 'exact'
