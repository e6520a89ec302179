-- Every job again, for mart_skill_cooccurrence computed whole: its window moved.
create or replace temp view base_reps as select posting_id from mart_representatives;

create or replace temp table cooccurrence_skills as select skill from skills;
