-- The postings a run closed (load/close_missing.sql): its source's, closed at its end.
select posting_id from postings where source = $source and closed_at = $finished_at
