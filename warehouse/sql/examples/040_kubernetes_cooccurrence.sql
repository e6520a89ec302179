-- Skills that go with Kubernetes
select other_skill, postings_both, round(confidence, 3) as confidence, round(lift, 2) as lift
from skill_cooccurrence
where skill = 'Kubernetes'
order by lift desc
limit 15
