-- A USD amount says how it was converted: usd_rate (positive), usd_rate_date and
-- usd_rate_source are present whenever pay_usd_min or pay_usd_max is.
select posting_id, pay_currency, pay_usd_min, pay_usd_max, usd_rate, usd_rate_date,
    usd_rate_source
from postings
where (pay_usd_min is not null or pay_usd_max is not null)
    and (usd_rate is null or usd_rate <= 0 or usd_rate_date is null or usd_rate_source is null)
order by posting_id
