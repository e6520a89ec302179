-- Every taxonomy (with the extraction code) that tagged postings since the last rebuild, one
-- row each, instead of one row that turned "mixed" when a load used another: a rebuild to a
-- new taxonomy re-tags what the move from any of them can change. The row with an empty
-- state_hash stands for postings tagged in a way no longer known (a warehouse older than
-- 0027, or mixed under it): the next rebuild re-tags everything.
create table taggings (
    state_hash varchar primary key,
    taxonomy varchar,
    recorded_at timestamp with time zone not null
);

insert into taggings
select
    case when mixed or taxonomy is null then '' else state_hash end,
    case when mixed then null else taxonomy end,
    recorded_at
from tagging_state;

drop table tagging_state;
