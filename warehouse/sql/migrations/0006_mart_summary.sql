-- One row describing the whole warehouse, prepared at load time: what the dashboard's filters
-- offer and the span of the data, so no page scans every posting just to draw its sidebar.
create table mart_summary (
    postings bigint not null,
    sources bigint not null,
    first_posting timestamptz,
    last_posting timestamptz,
    source_list varchar[],
    countries varchar[],
    work_modes varchar[],
    employment_types varchar[],
    seniority_bands varchar[]
);
