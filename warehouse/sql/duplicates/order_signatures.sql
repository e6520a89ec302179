-- After a full duplicate pass, the signed postings' signatures again in (day, posting_id) order
-- (`ordered_signatures`): a load then finds the signatures of a few days' postings and their
-- candidates in a few row groups (queries/dedup_scope.sql picks them by row id).
delete from posting_signatures where minhash is not null;
insert into posting_signatures select posting_id, minhash from ordered_signatures
