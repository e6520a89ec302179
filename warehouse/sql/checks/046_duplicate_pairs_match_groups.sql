-- Stored duplicate pairs name existing postings, earlier before later, and an exact pair's two
-- postings are in one group: the next load regroups from these pairs.
select d.earlier, d.later, d.evidence
from duplicate_pairs as d
left join postings as a on d.earlier = a.posting_id
left join postings as b on d.later = b.posting_id
where a.posting_id is null
    or b.posting_id is null
    or d.earlier = d.later
    or d.evidence not in ('exact', 'text')
    or (d.evidence = 'exact' and (a.duplicate_group_id is null
        or a.duplicate_group_id is distinct from b.duplicate_group_id))
order by d.earlier, d.later
