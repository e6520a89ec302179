-- Whether this instance's configuration is locked, and whether external access is on.
select current_setting('lock_configuration'), current_setting('enable_external_access')
