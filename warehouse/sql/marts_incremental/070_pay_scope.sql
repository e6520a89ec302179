-- The touched jobs' pay as the pay marts counted it (pay_old), taken out of mart_pay_postings;
-- marts/029_pay_postings.sql then adds their representatives' rows now, and 071 turns the
-- difference into counts to take out of and put into the pay value tables.
create or replace temp table pay_old as
with gone as (
    delete from mart_pay_postings where posting_id in (select posting_id from old_jobs)
    returning *
)
select * from gone;
