-- Recent jobs matching a stack (published in the warehouse's newest three months),
-- those naming most of the stack first, then the newest.
select
    j.day as posted, j.mine as skills_matched, p.title, p.company, p.country, p.city,
    p.work_mode, p.employment_type, p.pay_raw, p.url,
    (select list(skill order by skill) from posting_skills as s
     where s.posting_id = j.posting_id) as skills,
    j.posting_id
from stack_jobs($skills, $country, $remote_only, $contract_only) as j
inner join postings as p on j.posting_id = p.posting_id
where j.matches and j.month >= latest_month - interval 2 month
order by j.mine desc, j.day desc, j.posting_id
limit $limit
