-- Per month, the jobs counted as that month's demand (inside their source's coverage window)
-- that match the stack, out of all such jobs where the freelancer could work.
select
    month,
    count(*) filter (where matches) as matching,
    count(*) as jobs,
    count(*) filter (where matches) / count(*) as share,
    month = current_month() as partial
from stack_jobs($skills, $country, $remote_only, $contract_only)
where in_coverage
group by month
order by month
