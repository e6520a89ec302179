-- Every posting with a text signature, with its day number (days since 1970), in the
-- (day, posting_id) order in which near-duplicate pairing compares postings.
select
    s.posting_id,
    cast(coalesce(p.posted_at, p.first_seen_at) as date) - date '1970-01-01' as day_number,
    s.minhash
from posting_signatures as s
inner join postings as p on s.posting_id = p.posting_id
where s.minhash is not null
order by day_number, s.posting_id
