-- A changed posting is replaced whole; its first sighting is carried over by the insert.
delete from postings
where posting_id in (select posting_id from stage where changed)
