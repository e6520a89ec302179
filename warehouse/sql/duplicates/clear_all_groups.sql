-- A full duplicate pass decides every posting's group again: clear every flag.
update postings
set duplicate_group_id = null, duplicate_evidence = null
where duplicate_group_id is not null
