-- A crawl run's status is ok (finished, no errors), partial (finished with errors) or failed.
select run_id, source, status, finish_reason
from crawl_runs
where status is null or status not in ('ok', 'partial', 'failed')
order by run_id
