-- Queries of a snapshot connection name the attached file's tables unqualified.
use warehouse
