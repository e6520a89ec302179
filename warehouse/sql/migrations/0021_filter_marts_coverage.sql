-- The filtered skill shares count demand as the prepared ones do: only jobs inside their
-- source's coverage window (in_coverage for 'new', active_from for 'active').
alter table mart_filter_jobs add column in_coverage boolean;
alter table mart_filter_jobs add column active_from date;
alter table mart_filter_skills add column in_coverage boolean;
alter table mart_filter_skills add column active_from date;
