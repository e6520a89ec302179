-- Views with a `share` column: each gets the generated share-in-[0, 1] check.
select table_name
from information_schema.columns
where table_catalog = current_database() and table_schema = 'main' and column_name = 'share'
    and table_name in (
        select table_name from information_schema.tables
        where table_catalog = current_database() and table_schema = 'main'
            and table_type = 'VIEW'
    )
order by table_name
