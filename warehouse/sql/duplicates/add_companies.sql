-- The normalized companies (`new_companies`) of postings named in a text pair that had none.
insert into dedup_companies select posting_id, company from new_companies
