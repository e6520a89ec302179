-- The postings named in a text pair (`dedup_text_pairs`) whose normalized company is not kept
-- yet, with their company as loaded.
select p.posting_id, p.company
from postings as p
where p.posting_id in (
    select earlier from dedup_text_pairs union select later from dedup_text_pairs
)
    and p.posting_id not in (select posting_id from dedup_companies)
