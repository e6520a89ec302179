-- When the warehouse's data is as of, for the one judgement that depends on the date: which
-- month is still partial. Empty (the usual case): the current time. A warehouse built from a
-- recorded corpus (the demo) sets the moment its corpus describes, so its last month stays
-- partial whenever it is built.
create table warehouse_clock (
    as_of timestamptz not null
);
