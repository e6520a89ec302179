-- Monthly share of one role group's counted postings for the chosen skills: like for like
-- (standardized over the sources present) unless $pooled, with the interval of that share.
select
    month,
    skill,
    case when $pooled then share else std_share end as share,
    case when $pooled then ci_low else std_ci_low end as ci_low,
    case when $pooled then ci_high else std_ci_high end as ci_high,
    postings_with_skill,
    postings_total,
    low_support,
    partial,
    sources
from skill_share_monthly
where role_family = $role and list_contains($skills, skill)
    and (case when $pooled then share else std_share end) is not null
order by month, skill
