-- Landing files of hn_seeking runs already loaded into the supply tables.
select landing_file from seeking_runs
