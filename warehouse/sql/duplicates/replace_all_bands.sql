-- A full duplicate pass has every signed posting's band keys (`new_bands`): store them all.
delete from posting_bands;
insert into posting_bands select posting_id, band, key, day_number from new_bands
