-- Signatures whose band keys are not stored yet, with their postings' day numbers: the
-- postings waiting to be paired, or every signed posting when `$all` (the keys were never
-- stored).
select
    s.posting_id,
    cast(coalesce(p.posted_at, p.first_seen_at) as date) - date '1970-01-01' as day_number,
    s.minhash
from posting_signatures as s
inner join postings as p on s.posting_id = p.posting_id
where s.minhash is not null
    and ($all or s.posting_id in (select posting_id from dedup_pending))
