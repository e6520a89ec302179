-- Postings per source and work mode
select source, coalesce(work_mode, 'unknown') as work_mode, count(*) as postings
from postings_dedup
group by all
order by source, postings desc
