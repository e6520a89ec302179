-- What extraction reads (queries/rebuild_input.sql) for the postings in `rebuild_scope`, and
-- whether each lacks its role family.
select posting_id, title, description, tags, company, role_family is null as needs_role
from postings
semi join rebuild_scope using (posting_id)
