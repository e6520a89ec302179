-- The regrouped postings whose group the pass changes: only those move in the marts.
select p.posting_id
from postings as p
semi join dup_regrouped as r on p.posting_id = r.posting_id
left join dup_groups as g on p.posting_id = g.posting_id
where p.duplicate_group_id is distinct from g.group_id
