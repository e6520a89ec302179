-- Shares in skill_monthly_share lie in [0, 1] and are not NULL: a share is postings with the
-- skill over all postings of the month. The query names only the share column, so it keeps
-- working when the view gains columns (basis, intervals, ...). warehouse/checks.py runs the
-- same range test on every other view with a share column. (DuckDB orders NaN above every
-- number, so "share > 1" also catches NaN.)
select *
from skill_monthly_share
where share is null or share < 0 or share > 1
order by all
