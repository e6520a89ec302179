delete from mart_summary;

insert into mart_summary
select
    count(*),
    count(distinct source),
    min(coalesce(posted_at, first_seen_at)),
    max(coalesce(posted_at, first_seen_at)),
    list(distinct source order by source),
    list(distinct country order by country) filter (where country is not null),
    list(distinct work_mode order by work_mode) filter (where work_mode is not null),
    list(distinct employment_type order by employment_type)
        filter (where employment_type is not null),
    list(distinct seniority_band order by seniority_band) filter (where seniority_band is not null)
from postings;
