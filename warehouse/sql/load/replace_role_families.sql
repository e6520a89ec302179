-- A rebuild: the role family of every posting in the registered `rebuilt_roles`, re-derived
-- from its title and text with the current rules.
update postings
set role_family = r.role_family, role_family_evidence = r.role_family_evidence
from rebuilt_roles as r
where postings.posting_id = r.posting_id
