-- Signatures replaced since the last duplicate pass.
select count(*) from dedup_retired
