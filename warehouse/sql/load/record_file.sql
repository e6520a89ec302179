-- Record a loaded landing file: loading it again is then a no-op.
insert into landing_files
select $path, $run_id, $source, $sha256, $bytes, $rows_read, now()
