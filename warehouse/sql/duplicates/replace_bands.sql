-- The band keys of the postings waiting to be paired, and of any signed posting without them
-- (`new_bands`): their signatures or days are new or changed since the keys were stored.
delete from posting_bands
where posting_id in (select posting_id from dedup_pending)
    or posting_id in (select posting_id from new_bands);
insert into posting_bands select posting_id, band, key, day_number from new_bands
