-- What skill extraction reads for every posting: its current text, title and source tags.
select
    p.posting_id,
    p.title,
    p.description,
    cast(json_extract(r.item, '$.tags') as varchar[]) as tags
from postings as p
left join raw_postings as r
    on p.posting_id = r.posting_id and p.content_hash = r.content_hash
qualify row_number() over (partition by p.posting_id order by r.loaded_at desc) = 1
