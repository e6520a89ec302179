-- Each signed posting's LSH band keys, one row per band, with the posting's day number, so
-- that a load finds the postings sharing a band with its new ones within the pairing window
-- without reading every signature. The next duplicate pass fills it for the postings already
-- stored.
create table posting_bands (
    posting_id varchar not null,
    band utinyint not null,
    key ubigint not null,
    day_number integer not null
);
