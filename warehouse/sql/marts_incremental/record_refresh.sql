-- What the marts now include: every loaded file, the current month, the taxonomy's skills.
delete from mart_refresh;

insert into mart_refresh
select
    now(),
    (select count(*) from landing_files),
    current_month(),
    (select coalesce(hash(string_agg(concat_ws(chr(31), skill, category,
        coalesce(parent, chr(0))), chr(30) order by skill)), 0) from skills);
