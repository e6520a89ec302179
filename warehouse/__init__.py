"""The DuckDB warehouse: schema, migrations, SQL views, connection rules and the bulk writer."""
