-- Make `skills` the registered taxonomy (`taxonomy_skills`), replaced whole.
delete from skills;
insert into skills select skill, category, parent from taxonomy_skills
