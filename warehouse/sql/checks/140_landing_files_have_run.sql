-- Every loaded landing file has its crawl_runs row: both are written in one transaction, so a
-- file without its run means a load was not atomic.
select lf.path, lf.run_id, lf.source
from landing_files as lf
left join crawl_runs as r on lf.run_id = r.run_id
where r.run_id is null
order by lf.path
