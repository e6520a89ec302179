-- The skills table as it is (what the aggregates were last refreshed with).
select skill, category, parent from skills
