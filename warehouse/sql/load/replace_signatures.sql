-- New and changed postings get the signature computed from their current text.
delete from posting_signatures
where posting_id in (select posting_id from stage where changed);

insert into posting_signatures
select g.posting_id, g.minhash
from incoming_signatures as g
inner join stage as s on g.posting_id = s.posting_id
where not s.existed or s.changed
