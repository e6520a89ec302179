-- DuckDB's parse tree of a query, as JSON (the query is parsed, never run).
select json_serialize_sql($sql)
