-- Record a migration as applied (in the transaction that applied it).
insert into _migrations values ($name, now())
