-- The last refresh beside now: the files it included, whether its month is still the current
-- one and its taxonomy still the skills table, the postings there are now, and the digest of
-- the skills table it was made with.
select
    r.files_loaded,
    r.clock_month = current_month(),
    r.skills_digest = (select coalesce(hash(string_agg(concat_ws(chr(31), skill, category,
        coalesce(parent, chr(0))), chr(30) order by skill)), 0) from skills),
    (select count(*) from postings),
    r.skills_digest
from (select 1) as one
left join mart_refresh as r on true
