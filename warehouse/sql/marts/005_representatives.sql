-- A job's representative is its first publication, and among copies published together the
-- one that states pay.
delete from mart_representatives;

insert into mart_representatives
select posting_id
from postings
qualify row_number() over (
    partition by coalesce(duplicate_group_id, posting_id)
    order by coalesce(posted_at, first_seen_at), pay_min is null, posting_id
) = 1;

-- The postings 010_base.sql makes base rows of: every representative here; an incremental
-- refresh (warehouse/sql/marts_incremental/) points it at the few it needs.
create or replace temp view base_reps as select posting_id from mart_representatives;
