"""Frozen copies of the normalizers as they were before they were made faster: the reference
``tests/pipeline/test_normalize_equivalence.py`` compares the product with. Test-only; do not
change them (the rules they encode are documented in the product modules). Only what changed
is copied; everything else is imported from the product.
"""
