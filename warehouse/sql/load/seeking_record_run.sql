-- One loaded hn_seeking run and its landing file (what makes loading it again a no-op).
insert or replace into seeking_runs (run_id, source, landing_file, status, started_at,
    finished_at, items_seen, items_new, items_changed, items_unchanged, items_dropped,
    error_count, errors, skipped, sha256, bytes)
values ($run_id, $source, $landing_file, $status, $started_at, $finished_at, $items_seen,
    $items_new, $items_changed, $items_unchanged, $items_dropped, $error_count, $errors,
    $skipped, $sha256, $bytes)
