-- pay_period is one of hour, day, week, month, year (or NULL when unknown), and pay_kind
-- matches it: 'rate' for hour/day/week, 'salary' for month/year, NULL without a period.
select posting_id, pay_period, pay_kind
from postings
where (pay_period is not null and pay_period not in ('hour', 'day', 'week', 'month', 'year'))
    or (pay_period is null and pay_kind is not null)
    or (pay_period in ('hour', 'day', 'week') and pay_kind is distinct from 'rate')
    or (pay_period in ('month', 'year') and pay_kind is distinct from 'salary')
order by posting_id
