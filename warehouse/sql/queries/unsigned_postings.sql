-- Postings without a text signature: loaded before signatures were stored.
select p.posting_id, p.description
from postings as p
anti join posting_signatures as s on p.posting_id = s.posting_id
