-- Every skill the warehouse knows, with its category: to resolve a name as a user wrote it.
select skill, category from skills order by skill
