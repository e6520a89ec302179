-- Migrations already applied, in name order.
select name from _migrations order by name
