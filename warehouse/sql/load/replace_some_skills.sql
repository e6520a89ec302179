-- A scoped rebuild: the skills of the re-tagged postings (`retagged`) replaced by the
-- registered `rebuilt_skills`.
delete from posting_skills where posting_id in (select posting_id from retagged);
insert into posting_skills select posting_id, skill from rebuilt_skills
