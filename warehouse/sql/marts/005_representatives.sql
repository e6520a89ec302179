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
