-- How many counted postings of one role group ($role) each source contributed per month: the
-- mix behind the share chart.
with per_family as (
    select month, source, role_family, max(postings_total) as postings, bool_or(partial) as partial
    from skill_source_monthly
    group by month, source, role_family
)

select month, source, sum(postings) as postings, bool_or(partial) as partial
from per_family
where case $role
    when 'all' then true
    when 'engineering' then is_engineering(role_family)
    else role_family = $role
end
group by month, source
order by month, source
