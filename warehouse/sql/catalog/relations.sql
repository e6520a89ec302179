-- Every table and view, as 'table' or 'view', tables first.
select table_name, case table_type when 'VIEW' then 'view' else 'table' end as kind
from information_schema.tables
where table_catalog = current_database() and table_schema = 'main'
order by kind, table_name
