-- One run's board answers from the registered frame (a re-load of the same run replaces them).
insert or replace into board_outcomes by name
select * from incoming_board_outcomes
