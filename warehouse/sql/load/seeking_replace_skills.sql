-- The skills of a run's seeking posts, as this load extracted them.
delete from seeking_post_skills
where post_key in (select post_key from incoming_seeking);

insert into seeking_post_skills (post_key, skill)
select distinct post_key, skill from incoming_seeking_skills
