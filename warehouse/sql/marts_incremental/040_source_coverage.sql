-- As marts/015_source_coverage.sql, counting the jobs of the filter mart (one row per job).
delete from mart_source_coverage;

insert into mart_source_coverage
select
    w.source,
    w.kind,
    w.coverage_from,
    w.undated_from,
    w.coverage_to,
    w.covered_months,
    w.runs,
    w.good_runs,
    w.complete_runs,
    coalesce(b.demand, 0) as postings_demand,
    coalesce(b.carried, 0) as postings_carried
from source_windows as w
left join (
    select
        source,
        count(*) filter (where in_coverage) as demand,
        count(*) filter (where not in_coverage) as carried
    from mart_filter_jobs
    group by source
) as b on w.source = b.source;
