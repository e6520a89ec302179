-- A full duplicate pass finds every pair again.
delete from duplicate_pairs
