-- Each posting's text signature (MinHash of its body's 3-word shingles), computed once when
-- the posting is loaded, so that finding duplicates pairs postings in SQL and never re-reads
-- every description. Postings loaded before this table existed get theirs on the next load.
create table posting_signatures (
    posting_id varchar not null,
    minhash uinteger[]
);
