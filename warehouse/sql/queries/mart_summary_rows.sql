-- Rows of the one-row mart summary: none until the first mart refresh.
select count(*) from mart_summary
