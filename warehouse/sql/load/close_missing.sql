-- After a run that saw a source's whole listing, what it did not see has closed.
update postings
set closed_at = $finished_at
where source = $source and closed_at is null and last_run_id <> $run_id
