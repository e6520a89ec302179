-- Every stored duplicate pair, exact and text.
select earlier, later, evidence, similarity from duplicate_pairs
