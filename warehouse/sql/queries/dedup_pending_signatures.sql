-- The signatures of the postings waiting to be paired, as dedup_signatures.sql gives them.
-- Loads append those rows, so they are picked by row id: DuckDB then skips the row groups
-- before them instead of reading a million signatures to find a few hundred.
select
    s.posting_id,
    cast(coalesce(p.posted_at, p.first_seen_at) as date) - date '1970-01-01' as day_number,
    s.minhash
from posting_signatures as s
inner join postings as p on s.posting_id = p.posting_id
where s.minhash is not null
    and s.rowid in (
        select rowid from posting_signatures
        where posting_id in (select posting_id from dedup_pending)
    )
order by day_number, s.posting_id
