-- Store the text signatures of postings loaded before signatures were stored
-- (`new_signatures`); those postings wait to be paired.
insert into posting_signatures select posting_id, minhash from new_signatures;
insert into dedup_pending select posting_id from new_signatures
