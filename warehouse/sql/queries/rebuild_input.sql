-- What skill extraction reads for every posting: its current title, text, source tags and the
-- employer's name (never a skill of its own ad).
select posting_id, title, description, tags, company
from postings
