-- Each source's coverage window as the last mart refresh counted with it: when it could see
-- postings as they were published, how many jobs it counted as demand and how many it only
-- carries (a snapshot source's survivors: listed, not counted in skill shares).
select
    source,
    kind,
    coverage_from,
    coverage_to,
    len(covered_months) as months_covered,
    list_min(covered_months) as first_month,
    list_max(covered_months) as last_month,
    runs,
    good_runs,
    complete_runs,
    postings_demand,
    postings_carried
from source_coverage
where len($sources) = 0 or list_contains($sources, source)
order by source
