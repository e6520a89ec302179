"""The skill extractor as it was before its scan moved to a Rust automaton: the reference.

A frozen copy of ``pipeline/normalize/skills`` (matcher, context, local, employer, perks and
extractor; the taxonomy loader is shared) whose output the product's extractor must equal on
every input (tests/pipeline/test_skills_equivalence.py). Nothing here changes when the product
does: it is the answer the faster code has to give.
"""
