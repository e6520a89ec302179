-- New and changed postings get the signature computed from their current text; the old one is
-- kept until the next pairing, and the postings wait for it.
insert into dedup_retired
select g.posting_id, g.minhash
from posting_signatures as g
inner join stage as s on g.posting_id = s.posting_id
where s.changed;

delete from posting_signatures
where posting_id in (select posting_id from stage where changed);

insert into posting_signatures
select g.posting_id, g.minhash
from incoming_signatures as g
inner join stage as s on g.posting_id = s.posting_id
where not s.existed or s.changed;

insert into dedup_pending
select posting_id from stage where not existed or changed
