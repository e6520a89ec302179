-- Movers test every skill of a role group at once; the p-value, how many skills were tested
-- and the level of the (false-coverage-rate adjusted) interval say how a change was judged.
alter table mart_skill_movers add column p_value double;
alter table mart_skill_movers add column tests bigint;
alter table mart_skill_movers add column interval_level double;
