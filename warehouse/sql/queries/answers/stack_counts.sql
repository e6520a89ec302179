-- How many recent jobs (the warehouse's newest three months) match the stack, out of how
-- many engineering jobs where the freelancer could work.
select
    count(*) filter (where matches) as matching,
    count(*) as jobs
from stack_jobs($skills, $country, $remote_only, $contract_only)
where month >= latest_month - interval 2 month
