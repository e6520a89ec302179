-- The last complete month by the warehouse's clock (see warehouse_clock): a report's default.
select cast(current_month() - interval 1 month as date) as month
