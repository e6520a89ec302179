-- The normalized company of each posting named in a text duplicate pair (NULL: it names none).
-- A text pair between two postings whose companies are incompatible can never join their
-- groups, whatever else is grouped, so a load regroups only the postings connected to its own
-- through pairs that can; without this table it regrouped every posting a chain of text pairs
-- reached. Kept by the duplicate pass: a posting waiting to be paired loses its row (its
-- company may have changed), and a posting named in a pair without a row gets one.
create table dedup_companies (
    posting_id varchar not null,
    company varchar
);
