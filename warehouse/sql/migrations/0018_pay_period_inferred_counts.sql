-- How many postings behind each pay statistic had their period inferred from the amount
-- rather than stated, so a reader can see how much of a figure rests on that inference.
alter table mart_pay_by_skill add column period_inferred_postings bigint;
alter table mart_pay_by_seniority add column period_inferred_postings bigint;
