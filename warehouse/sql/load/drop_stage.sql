-- The run's stage table has been applied; it is not kept.
drop table stage
