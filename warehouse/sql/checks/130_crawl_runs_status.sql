-- A crawl run's status is ok (finished, no errors), partial (finished with errors), degraded
-- (a complete listing far below the source's usual size) or failed.
select run_id, source, status, finish_reason
from crawl_runs
where status is null or status not in ('ok', 'partial', 'degraded', 'failed')
order by run_id
