"""Pure normalizers: raw values in, normalized values out.

No I/O and nothing of ours imported but each other: skills (taxonomy matching), pay (amounts,
currencies, periods), money (conversion), places, roles (seniority, employment type), dedup
keys, and ``enrich``, which applies them all to one raw item. ``record`` reads the provenance
fields every raw item carries.
"""

from pipeline.normalize._compiled import install as _use_fresh_modules

# Before any normalizer is imported: an edited module runs from its source, not from an
# extension compiled before the edit.
_use_fresh_modules()
