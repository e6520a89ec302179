-- What skill extraction reads for every posting: its current title, text and source tags.
select posting_id, title, description, tags
from postings
