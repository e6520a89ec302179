-- Pay amounts are positive when present: zero or negative pay is a parse error (Remote OK
-- uses 0 for "no salary", which must be stored as NULL).
select
    posting_id, pay_min, pay_max, pay_usd_min, pay_usd_max,
    pay_annual_usd_min, pay_annual_usd_max, pay_hourly_usd_min, pay_hourly_usd_max
from postings
where pay_min <= 0 or pay_max <= 0
    or pay_usd_min <= 0 or pay_usd_max <= 0
    or pay_annual_usd_min <= 0 or pay_annual_usd_max <= 0
    or pay_hourly_usd_min <= 0 or pay_hourly_usd_max <= 0
order by posting_id
