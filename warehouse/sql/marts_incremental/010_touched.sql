-- The postings an incremental refresh looks at again: those the load touched
-- (`touched_postings`), and every posting of a source whose coverage window moved, since its
-- jobs' in_coverage and active_from follow the window (marts/010_base.sql).
create or replace temp table touched as
select posting_id from touched_postings
union
select p.posting_id
from postings as p
where p.source in (
    select w.source
    from source_windows as w
    left join mart_source_coverage as c on w.source = c.source
    where c.source is null
        or w.kind is distinct from c.kind
        or w.coverage_from is distinct from c.coverage_from
        or w.undated_from is distinct from c.undated_from
);
