-- The touched jobs' filter rows now, beside old_jobs and old_skills (020_representatives.sql):
-- the skill rows are added here, as marts/085_filter_skills.sql adds them, and kept.
create or replace temp table new_jobs as
select * from mart_filter_jobs semi join new_reps using (posting_id);

create or replace temp table new_skills as
with added as (
    insert into mart_filter_skills by name
    select * from filter_skill_rows
    order by skill, month
    returning *
)
select * from added;
