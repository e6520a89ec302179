-- What every posting's skills and role family were derived with: the taxonomy (as JSON) and a
-- digest of it and of the extraction code. `rebuild` compares it with the taxonomy it is given
-- and re-tags only the postings the difference can reach. A load with another taxonomy or
-- code marks it mixed (the next rebuild re-tags everything); a warehouse that held postings
-- before this table existed starts mixed, since nothing says how they were tagged.
create table tagging_state (
    id integer primary key,
    state_hash varchar not null,
    taxonomy varchar,
    mixed boolean not null,
    recorded_at timestamp with time zone not null
);

insert into tagging_state
select 1, '', null, true, now()
where exists (select 1 from postings);
