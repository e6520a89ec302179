-- How each configured board of an ATS board source (greenhouse, lever, ashby, ...) answered each
-- loaded crawl run, from the run manifest (args.board_outcomes, board_health, dead_boards): what
-- Data health lists dead boards from. The streaks themselves live beside the runs in the landing
-- zone (<source>/_boards.json, handoff/boards.py): crawls read them before they start.
create table board_outcomes (
    run_id varchar not null,
    source varchar not null,
    board varchar not null,
    started_at timestamptz,
    outcome varchar not null,
    http_status integer,
    jobs integer,
    error varchar,
    moved_to varchar,
    streak integer,
    dead_since timestamptz,
    primary key (run_id, board)
);
