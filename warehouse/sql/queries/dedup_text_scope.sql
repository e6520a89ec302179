-- The text pairs after an incremental pass: the stored ones whose later posting was not paired
-- again (`dedup_repaired_ids`) and the pass's new ones (`dedup_new_text`).
create or replace temp table dedup_text_pairs as
select earlier, later, similarity
from duplicate_pairs
where evidence = 'text' and later not in (select posting_id from dedup_repaired_ids)
union all
select earlier, later, similarity from dedup_new_text
