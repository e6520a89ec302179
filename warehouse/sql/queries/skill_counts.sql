-- Postings per skill.
select skill, count(*) from posting_skills group by skill
