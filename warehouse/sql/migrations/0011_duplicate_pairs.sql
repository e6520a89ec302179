-- The pairs behind the duplicate groups, kept so that a load pairs again only the postings its
-- new and changed ones can affect. Every posting starts pending: the next load pairs them all.
create table duplicate_pairs (
    earlier varchar not null,
    later varchar not null,
    evidence varchar not null,  -- 'exact' (same company, title and place) or 'text'
    similarity double           -- text pairs: share of equal signature values
);

-- Postings new or changed since the last pairing.
create table dedup_pending (
    posting_id varchar not null
);

-- Signatures replaced since the last pairing: postings that shared a band with the old text
-- are paired again.
create table dedup_retired (
    posting_id varchar not null,
    minhash uinteger[]
);

insert into dedup_pending select posting_id from postings;
