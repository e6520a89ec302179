-- A rebuild re-tagged every posting it had to: the taggings before it no longer apply (the
-- rebuild's own is noted next, by load/note_tagging.sql).
delete from taggings
