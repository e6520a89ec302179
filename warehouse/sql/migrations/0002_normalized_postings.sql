-- Normalized pay, places, seniority, employment type and duplicate flags beside the raw values.
-- Amounts are in the posting's currency unless the column says usd; periods are
-- hour|day|week|month|year; pay_kind is 'rate' (hour/day/week) or 'salary' (month/year).
alter table postings add column pay_min decimal(18, 2);
alter table postings add column pay_max decimal(18, 2);
alter table postings add column pay_currency varchar;
alter table postings add column pay_period varchar;
alter table postings add column pay_period_inferred boolean;
alter table postings add column pay_source varchar;
alter table postings add column pay_kind varchar;
alter table postings add column pay_usd_min decimal(18, 2);
alter table postings add column pay_usd_max decimal(18, 2);
alter table postings add column usd_rate decimal(18, 10);
alter table postings add column usd_rate_date date;
alter table postings add column usd_rate_source varchar;
alter table postings add column pay_annual_usd_min decimal(18, 2);
alter table postings add column pay_annual_usd_max decimal(18, 2);
alter table postings add column pay_hourly_usd_min decimal(18, 2);
alter table postings add column pay_hourly_usd_max decimal(18, 2);
alter table postings add column country varchar;
alter table postings add column region varchar;
alter table postings add column city varchar;
alter table postings add column countries varchar[];
alter table postings add column places json;
alter table postings add column work_mode varchar;
alter table postings add column remote_scope varchar;
alter table postings add column seniority varchar;
alter table postings add column seniority_band varchar;
alter table postings add column employment_type varchar;
alter table postings add column employment_types varchar[];
alter table postings add column dedup_key varchar;
alter table postings add column duplicate_group_id varchar;
alter table postings add column duplicate_evidence varchar;
