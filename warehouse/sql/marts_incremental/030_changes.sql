-- The touched jobs' filter rows now, beside old_jobs and old_skills (020_representatives.sql).
create or replace temp table new_jobs as
select * from mart_filter_jobs semi join new_reps using (posting_id);

create or replace temp table new_skills as
select * from mart_filter_skills semi join new_reps using (posting_id);
