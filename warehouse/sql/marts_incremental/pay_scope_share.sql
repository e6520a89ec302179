-- The share of the jobs' skill rows that pay_skills covers (070_pay_scope.sql): above half,
-- computing every skill's pay (marts/030, 040) costs no more than computing those again.
select coalesce(count(*) filter (where skill in (select skill from pay_skills)) / count(*), 0)
from mart_filter_skills
