-- The skills that go with one skill, strongest lift first (pairs seen at least 5 times).
select other_skill, postings_both, postings_skill, confidence, lift
from skill_cooccurrence
where skill = $skill
order by lift desc, postings_both desc
limit $top
