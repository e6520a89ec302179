-- Whether the last month with jobs moved, and with it mart_skill_cooccurrence's window.
select (select last_month from refresh_before) is distinct from
    (select max(month) from mart_filter_jobs)
