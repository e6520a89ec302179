-- Record one loaded crawl run (a re-load of the same run replaces its row).
insert or replace into crawl_runs by name
select
    $run_id as run_id, $source as source, $started_at as started_at,
    $finished_at as finished_at, $status as status, $finish_reason as finish_reason,
    $pages as pages, $items_seen as items_seen, $items_new as items_new,
    $items_changed as items_changed, $items_unchanged as items_unchanged,
    $items_closed as items_closed, $items_dropped as items_dropped,
    $error_count as error_count, $errors as errors, $landing_file as landing_file,
    now() as loaded_at, $truncated as truncated, $dropped_by_reason as dropped_by_reason,
    $skipped as skipped, $complete_listing as complete_listing, $verified as verified,
    $baseline_items as baseline_items, $failure as failure
