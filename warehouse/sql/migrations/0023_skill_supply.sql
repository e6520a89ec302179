-- Supply: people seeking work in Hacker News "Who wants to be hired?" threads (source
-- hn_seeking), beside the demand of the same venue's "Who is hiring?" threads.
--
-- These posts are not job postings: they live only in these tables, never in postings, the
-- marts or crawl_runs, so no share, trend or pay figure can count them. They hold no personal
-- data: no name, handle, contact, link or free text; the key is a hash of the HN comment id.

create table seeking_posts (
    post_key varchar primary key,        -- sha256 of 'hn_seeking:<comment id>', 16 hex digits
    source varchar not null,             -- 'hn_seeking'
    thread_month date not null,          -- first day of the thread's month
    location_raw varchar,                -- the post's Location field (scrubbed)
    country varchar,                     -- ISO 3166 alpha-2 of the first place in it
    remote_raw varchar,                  -- the Remote field as written
    remote boolean,                      -- yes/no read from it; null when neither
    relocate_raw varchar,                -- the Willing to relocate field as written
    relocate boolean,
    technologies_raw varchar,            -- the Technologies field (scrubbed)
    years integer,                       -- largest "N years" stated
    seniority varchar,                   -- first seniority word (junior, senior, staff, ...)
    content_hash varchar not null,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    last_run_id varchar not null,
    taxonomy_version varchar
);

-- The skills a post offers: the product's skill extractor over its Technologies field (as
-- tags and as trusted text) and its scrubbed free text, parents included as for postings.
create table seeking_post_skills (
    post_key varchar not null,
    skill varchar not null
);

-- Every loaded hn_seeking run: its own record, so crawl_runs and the coverage windows built
-- from it stay about job postings only.
create table seeking_runs (
    run_id varchar primary key,
    source varchar not null,
    landing_file varchar not null,
    status varchar not null,             -- ok, partial or failed, as for crawl_runs
    started_at timestamptz,
    finished_at timestamptz,
    items_seen bigint not null,
    items_new bigint not null,
    items_changed bigint not null,
    items_unchanged bigint not null,
    items_dropped bigint not null,
    error_count bigint not null,
    errors json,
    skipped json,
    sha256 varchar not null,
    bytes bigint not null,
    loaded_at timestamptz not null default now()
);

-- Per month and skill: HN hiring ads naming the skill (demand) and seeking posts offering it
-- (supply), each as a share of that month's posts in its thread, and their ratio. Only months
-- with both threads loaded. Demand: engineering postings of source 'hn' (the same venue, so
-- the ratio is no source-mix artefact), by the month they were posted. The ratio is null
-- unless both counts reach 5 (min_count): 1 ad against 1 post is no market signal.
create view skill_supply_monthly as
with hiring as (
    select posting_id, cast(date_trunc('month', coalesce(posted_at, first_seen_at)) as date)
        as month
    from postings
    where source = 'hn' and coalesce(role_family, '') <> 'non_engineering'
),
months as (
    select h.month, h.hiring_posts, s.seeking_posts
    from (select month, count(*) as hiring_posts from hiring group by month) as h
    inner join (select thread_month as month, count(*) as seeking_posts
                from seeking_posts group by thread_month) as s on h.month = s.month
),
demand as (
    select h.month, ps.skill, count(*) as n
    from hiring as h inner join posting_skills as ps on h.posting_id = ps.posting_id
    group by h.month, ps.skill
),
supply as (
    select p.thread_month as month, k.skill, count(*) as n
    from seeking_posts as p inner join seeking_post_skills as k on p.post_key = k.post_key
    group by p.thread_month, k.skill
),
counts as (
    select coalesce(d.month, s.month) as month, coalesce(d.skill, s.skill) as skill,
        coalesce(d.n, 0) as hiring_with_skill, coalesce(s.n, 0) as seeking_with_skill
    from demand as d full outer join supply as s on d.month = s.month and d.skill = s.skill
)
select
    c.month,
    c.skill,
    c.hiring_with_skill,
    m.hiring_posts,
    c.hiring_with_skill / m.hiring_posts as demand_share,
    c.seeking_with_skill,
    m.seeking_posts,
    c.seeking_with_skill / m.seeking_posts as supply_share,
    5 as min_count,
    case when c.hiring_with_skill >= 5 and c.seeking_with_skill >= 5
        then (c.hiring_with_skill / m.hiring_posts) / (c.seeking_with_skill / m.seeking_posts)
    end as demand_supply_ratio,
    c.month >= cast(date_trunc('month', coalesce((select max(as_of) from warehouse_clock), now())
        at time zone 'UTC') as date) as partial
from counts as c
inner join months as m on c.month = m.month;
