-- Flag the postings of the pass's groups (`dup_groups`) with their group and evidence.
update postings as p
set duplicate_group_id = g.group_id, duplicate_evidence = g.evidence
from dup_groups as g
where p.posting_id = g.posting_id
