-- One row per (job, skill) for the representative posting of each job (084). Sorted by skill
-- so that a query for a few skills skips most of the table.
delete from mart_filter_skills;

insert into mart_filter_skills by name
select * from filter_skill_rows
order by skill, month;
