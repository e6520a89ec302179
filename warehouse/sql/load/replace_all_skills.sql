-- A rebuild: every posting's skills replaced by the registered `rebuilt_skills`.
delete from posting_skills;
insert into posting_skills select posting_id, skill from rebuilt_skills
