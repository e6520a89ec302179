-- SQLite, not DuckDB: each job's next-run time in the scheduler's job store (APScheduler's
-- table; a UTC epoch, NULL while the job is paused).
select id, next_run_time from apscheduler_jobs
