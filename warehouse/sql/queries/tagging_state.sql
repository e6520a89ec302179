-- How the stored skills were derived (see migrations/0027_tagging_state.sql); no row in an
-- empty warehouse.
select state_hash, taxonomy, mixed from tagging_state
