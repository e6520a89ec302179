-- The postings named in a text pair (`dedup_text_pairs`) whose normalized company is not kept
-- yet, with their company as loaded. The few missing are found before postings is read.
with named as (
    select earlier as posting_id from dedup_text_pairs
    union
    select later from dedup_text_pairs
),

missing as (
    select posting_id from named anti join dedup_companies using (posting_id)
)

select p.posting_id, p.company
from postings as p
semi join missing as m on p.posting_id = m.posting_id
