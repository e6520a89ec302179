-- How many of a run's seeking posts are new, changed or unchanged against what is stored.
select
    count(*) filter (where s.post_key is null) as new,
    count(*) filter (where s.post_key is not null and s.content_hash <> i.content_hash) as changed,
    count(*) filter (where s.content_hash = i.content_hash) as unchanged
from incoming_seeking as i
left join seeking_posts as s on i.post_key = s.post_key
