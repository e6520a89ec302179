-- The exact keys whose pairs a load can change (none when `$all`: a full pass pairs every key):
-- the keys of the postings waiting to be paired, and the keys of the postings they were paired
-- with by key before (a changed posting's old key). Other keys keep their stored pairs.
create or replace temp table dedup_exact_keys as
select distinct dedup_key
from postings
where not $all
    and dedup_key is not null and dedup_key <> ''
    and posting_id in (
        select posting_id from dedup_pending
        union all
        select earlier from duplicate_pairs
        where evidence = 'exact' and later in (select posting_id from dedup_pending)
        union all
        select later from duplicate_pairs
        where evidence = 'exact' and earlier in (select posting_id from dedup_pending)
    )
