-- The rows of mart_pay_by_skill and mart_pay_by_seniority to compute (047, 048), with their
-- postings, from the counts of each exact pay (pay_skill_tuples, pay_seniority_tuples): on a
-- full refresh (marts/030, 040) every row and its postings; on an incremental one
-- (marts_incremental/071_pay_values.sql) the rows with a count that changed, and the change
-- of their postings (a row whose every +1 was cancelled by a -1 of the same pay is left).
create or replace temp table pay_groups as
select 'pay_by_skill' as mart, slice, skill, pay_kind, pay_period, employment_type, market,
    currency, null as seniority_band, sum(postings) as postings,
    sum(period_inferred_postings) as period_inferred_postings
from pay_skill_tuples
group by all
having count(*) filter (where postings <> 0 or period_inferred_postings <> 0) > 0
union all
select 'pay_by_seniority' as mart, slice, skill, pay_kind, pay_period, null as employment_type,
    market, null as currency, seniority_band, sum(postings) as postings,
    sum(period_inferred_postings) as period_inferred_postings
from pay_seniority_tuples
group by all
having count(*) filter (where postings <> 0 or period_inferred_postings <> 0) > 0;
