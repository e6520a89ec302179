"""Pure normalizers: raw values in, normalized values out.

No I/O and nothing of ours imported but each other: skills (taxonomy matching), pay (amounts,
currencies, periods), money (conversion), places, roles (seniority, employment type), dedup
keys, and ``enrich``, which applies them all to one raw item. ``record`` reads the provenance
fields every raw item carries.
"""
