"""The skill extractor as it was before its scan moved to a Rust automaton: the reference.

A frozen copy of the parts of ``pipeline/normalize/skills`` the faster scan changed (matcher,
employer, perks and extractor; the taxonomy loader and the context and local rules, which it left
as they were, are shared) whose output the product's extractor must equal on
every input (tests/pipeline/test_skills_equivalence.py). Nothing here changes when the product
does: it is the answer the faster code has to give.
"""
