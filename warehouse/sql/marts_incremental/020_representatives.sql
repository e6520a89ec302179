-- The jobs the touched postings belong to now or stood for before: only their representatives
-- can change, since a job none of whose postings was touched keeps its members and their order.
-- Their rows in the representative and filter marts are taken out (kept as old_jobs and
-- old_skills, to tell what changed), and base_reps points at their representatives now, whose
-- rows marts/010_base.sql, 086 and 030_changes.sql then add.
create or replace temp table refresh_before as
select max(month) as last_month from mart_filter_jobs;

create or replace temp table touched_jobs as
select coalesce(p.duplicate_group_id, p.posting_id) as job_id
from postings as p
semi join touched as t on p.posting_id = t.posting_id
union
select j.job_id
from mart_filter_jobs as j
semi join touched as t on j.posting_id = t.posting_id;

-- Taken out and kept in one pass over each table (a delete returning its rows).
create or replace temp table old_jobs as
with gone as (
    delete from mart_filter_jobs where job_id in (select job_id from touched_jobs) returning *
)
select * from gone;

-- A posting's skill rows carry the day of its job row (a refresh writes both from the same
-- postings row), and the table is sorted by skill and month: matching the days too lets DuckDB
-- skip the row groups of other months instead of reading all of its millions of posting ids
-- (on a copy of a 1M warehouse, for 3 to 30 regrouped jobs: 0.14-0.16 -> 0.01-0.08 s).
create or replace temp table old_skills as
with gone as (
    delete from mart_filter_skills
    where day in (select day from old_jobs) and posting_id in (select posting_id from old_jobs)
    returning *
)
select * from gone;

-- As marts/005_representatives.sql chooses them.
create or replace temp table new_reps as
select posting_id
from postings
where coalesce(duplicate_group_id, posting_id) in (select job_id from touched_jobs)
qualify row_number() over (
    partition by coalesce(duplicate_group_id, posting_id)
    order by coalesce(posted_at, first_seen_at), pay_min is null, posting_id
) = 1;

delete from mart_representatives where posting_id in (select posting_id from old_jobs);

insert into mart_representatives select posting_id from new_reps;

create or replace temp view base_reps as select posting_id from new_reps;
