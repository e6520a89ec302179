-- The replaced signatures: postings sharing a band with one may lose a text pair.
select minhash from dedup_retired where minhash is not null
