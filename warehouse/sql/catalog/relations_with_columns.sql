-- Every table and view with its column names and types in column order, tables first: what
-- an export can write.
select
    t.table_name,
    t.table_type = 'VIEW' as is_view,
    list(c.column_name order by c.ordinal_position) as columns,
    list(c.data_type order by c.ordinal_position) as types
from information_schema.tables as t
inner join information_schema.columns as c
    on t.table_catalog = c.table_catalog and t.table_schema = c.table_schema
    and t.table_name = c.table_name
where t.table_catalog = current_database() and t.table_schema = 'main'
group by t.table_name, t.table_type
order by is_view, t.table_name
