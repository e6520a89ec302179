-- True when signed postings exist but no band keys were stored (a warehouse from before they
-- were): the duplicate pass then stores every posting's.
select not exists (select 1 from posting_bands)
    and exists (select 1 from posting_signatures where minhash is not null)
