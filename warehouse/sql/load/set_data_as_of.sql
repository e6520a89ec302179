-- The moment the warehouse's data describes (see migrations/0020_warehouse_clock.sql).
delete from warehouse_clock;
insert into warehouse_clock values ($as_of);
