-- What grouping needs to know of the postings named in duplicate pairs.
select
    p.posting_id,
    p.company,
    p.title,
    p.location_raw,
    cast(coalesce(p.posted_at, p.first_seen_at) as date) as day,
    p.dedup_key
from postings as p
inner join dedup_pair_ids as i on p.posting_id = i.posting_id
