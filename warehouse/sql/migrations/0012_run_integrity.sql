-- What the loader now knows of each run's integrity:
--   complete_listing: the crawl saw the source's whole listing (it may close vanished postings);
--   verified: the landing file matched the lines, bytes and SHA-256 its crawl recorded;
--   baseline_items: the median size of the source's last good complete listings that the run
--     was judged against (a run under half of it is 'degraded' and closes nothing);
--   skipped: records the spider read and did not yield, by reason ({"empty_record": 1, ...});
--   failure: why a failed run failed, in one line.
alter table crawl_runs add column complete_listing boolean;
alter table crawl_runs add column verified boolean;
alter table crawl_runs add column baseline_items double;
alter table crawl_runs add column skipped json;
alter table crawl_runs add column failure varchar;
