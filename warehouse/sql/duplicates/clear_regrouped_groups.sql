-- An incremental pass clears only the flags of the postings it regrouped (`dup_regrouped`).
update postings
set duplicate_group_id = null, duplicate_evidence = null
where duplicate_group_id is not null
    and posting_id in (select posting_id from dup_regrouped)
