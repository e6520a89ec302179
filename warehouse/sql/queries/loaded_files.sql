-- Landing files already loaded (loading one again would be a no-op).
select path from landing_files
