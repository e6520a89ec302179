-- A posting waiting to be paired may have a new company: its normalized one is read again.
delete from dedup_companies where posting_id in (select posting_id from dedup_pending)
