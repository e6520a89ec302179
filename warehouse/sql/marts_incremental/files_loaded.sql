-- Landing files loaded so far (a refresh records how many it included).
select count(*) from landing_files
