-- A load tagged its postings with `$taxonomy` (digest `$state_hash`): recorded once among the
-- taggings since the last rebuild.
insert into taggings values ($state_hash, $taxonomy, now())
on conflict (state_hash) do nothing
