-- Postings, sources and date span of the whole warehouse.
select
    count(*) as postings,
    count(distinct source) as sources,
    min(coalesce(posted_at, first_seen_at)) as first_posting,
    max(coalesce(posted_at, first_seen_at)) as last_posting
from postings
