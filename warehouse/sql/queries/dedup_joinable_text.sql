-- The text pairs (`dedup_text_pairs`) that can join two groups: both companies unknown, equal,
-- or one the other with more words ("acme" and "acme robotics"). A group's company is the
-- longest of its members' and every member's is that one or a word prefix of it, so two
-- postings whose companies are incompatible never share a group (grouping's own rule,
-- pipeline.normalize.dedup.grouping). A waiting posting's pairs are all kept: its company may
-- have changed, and its group from before must be reached through them to be decided again.
select t.earlier, t.later, t.similarity
from dedup_text_pairs as t
inner join dedup_companies as a on t.earlier = a.posting_id
inner join dedup_companies as b on t.later = b.posting_id
where a.company is null
    or b.company is null
    or a.company = b.company
    or starts_with(a.company, b.company || ' ')
    or starts_with(b.company, a.company || ' ')
    or t.earlier in (select posting_id from dedup_pending)
    or t.later in (select posting_id from dedup_pending)
