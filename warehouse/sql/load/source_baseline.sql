-- The usual size of a source's complete listing: the median item count of its last five good
-- complete listings (not failed, not degraded, not empty). A new run far below it is degraded.
select median(items_seen) as baseline
from (
    select items_seen
    from crawl_runs
    where source = $source and complete_listing and status in ('ok', 'partial')
        and items_seen > 0
    order by started_at desc nulls last, run_id desc
    limit 5
)
