-- A load tagged its postings with `$taxonomy` (digest `$state_hash`): the first tagging is
-- recorded whole; another than the recorded one makes the warehouse mixed until a rebuild.
insert into tagging_state
values (1, $state_hash, $taxonomy, false, now())
on conflict (id) do update set
    mixed = tagging_state.mixed or tagging_state.state_hash <> excluded.state_hash,
    taxonomy = case
        when tagging_state.mixed or tagging_state.state_hash <> excluded.state_hash then null
        else tagging_state.taxonomy
    end,
    recorded_at = case
        when tagging_state.mixed or tagging_state.state_hash <> excluded.state_hash then now()
        else tagging_state.recorded_at
    end
