-- The loader's view of every source's schedule, replaced whole from the registered frame.
delete from source_schedule;
insert into source_schedule by name
select *, now() as updated_at from incoming_source_schedule;
