-- No file or network access for queries, then the configuration locked so that a query cannot
-- turn it back on. Order matters: once the configuration is locked nothing else can be set.
set enable_external_access = false;
set lock_configuration = true
