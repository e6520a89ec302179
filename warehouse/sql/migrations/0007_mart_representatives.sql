-- The one posting that stands for each job (duplicate group), chosen at load time so that
-- postings_dedup and the dashboard's filtered queries need no window over all postings.
create table mart_representatives (
    posting_id varchar not null
);
