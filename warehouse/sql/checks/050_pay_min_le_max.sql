-- A pay range is ordered: pay_min <= pay_max, in the posting's currency and in USD (and so in
-- the annual and hourly USD equivalents).
select
    posting_id, pay_min, pay_max, pay_currency, pay_usd_min, pay_usd_max,
    pay_annual_usd_min, pay_annual_usd_max, pay_hourly_usd_min, pay_hourly_usd_max
from postings
where pay_min > pay_max
    or pay_usd_min > pay_usd_max
    or pay_annual_usd_min > pay_annual_usd_max
    or pay_hourly_usd_min > pay_hourly_usd_max
order by posting_id
