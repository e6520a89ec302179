-- Crawl errors by source and kind (crawl_runs.errors holds {kind: count}).
select r.source, e.key as kind, sum(cast(e.value as bigint)) as errors, count(*) as runs
from crawl_runs as r, json_each(r.errors) as e
where len($sources) = 0 or list_contains($sources, r.source)
group by r.source, e.key
order by errors desc, r.source, kind
