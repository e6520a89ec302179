-- Store the pass's pairs (`dup_pairs`); nothing waits to be paired any more.
insert into duplicate_pairs select * from dup_pairs;
delete from dedup_pending;
delete from dedup_retired
