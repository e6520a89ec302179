-- Every posting names its source and the source's id; posting_id is '<source>:<source_id>'.
select posting_id, source, source_id
from postings
where source is null or trim(source) = ''
    or source_id is null or trim(source_id) = ''
    or posting_id is distinct from source || ':' || source_id
order by posting_id
