-- How the stored skills were derived (see migrations/0028_taggings.sql): every tagging since
-- the last rebuild; none in an empty warehouse.
select state_hash, taxonomy from taggings order by recorded_at, state_hash
