-- The digest record_refresh.sql would have stored for the registered `previous_skills`.
select coalesce(hash(string_agg(concat_ws(chr(31), skill, category, coalesce(parent, chr(0))),
    chr(30) order by skill)), 0)
from previous_skills
