-- Each job's skills beside the dimensions the dashboard filters on, so that a filtered skill
-- count reads one narrow table instead of joining the postings with posting_skills.
create table mart_filter_skills (
    posting_id varchar not null,
    skill varchar not null,
    day date not null,
    month date not null,
    end_month date not null,
    source varchar not null,
    country varchar,
    city varchar,
    work_mode varchar,
    employment_type varchar,
    seniority_band varchar
);
