-- Crawl runs with errors
select started_at, source, status, items_seen, error_count, errors
from crawl_runs
where error_count > 0
order by started_at desc
