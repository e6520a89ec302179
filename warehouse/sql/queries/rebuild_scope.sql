-- What a rebuild re-tags after a taxonomy edit, kept as `rebuild_scope` (DuckDB answers with
-- the row count): the postings whose title or text matches `$pattern` (a changed key spelling
-- at a token start, pipeline/normalize/skills/retag.py) or that carry one of `$tags`, and
-- those without a role family.
create or replace temp table rebuild_scope as
select posting_id
from postings
where regexp_matches(coalesce(title, ''), $pattern)
    or regexp_matches(coalesce(description, ''), $pattern)
    or list_has_any(coalesce(tags, []::varchar[]), $tags::varchar[])
    or role_family is null
