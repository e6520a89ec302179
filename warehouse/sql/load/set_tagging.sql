-- After a rebuild every posting is tagged with `$taxonomy` (digest `$state_hash`).
insert or replace into tagging_state values (1, $state_hash, $taxonomy, false, now())
