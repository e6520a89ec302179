"""Personal data a raw item may never carry: the one rule for crawlers and the loader alike.

Greenhouse ``metadata`` fields of type ``user`` hold a recruiter's or hiring manager's name and
e-mail, and boards type contact addresses into text fields too. Neither is about the job, and
the raw item is stored forever, shown and exported, so such fields are left out whole: by the
spider before an item lands, and by the loader for files landed before the rule existed.
``warehouse/sql/migrations/0014_scrub_personal_metadata.sql`` applies it to stored raw items.
"""

from __future__ import annotations

import json
import re
from typing import Any

PERSONAL_VALUE_TYPES = frozenset({"user"})
"""Metadata types whose value is a person (``{"name": ..., "email": ...}``): never kept."""
_EMAIL = re.compile(r"[^\s@\"'<>(),;:]+@[^\s@\"'<>(),;:]+\.[A-Za-z]{2,}")


def public_metadata(metadata: Any) -> list[dict[str, Any]] | None:
    """The job's custom fields without personal data.

    A ``user`` field holds a recruiter's or hiring manager's name and e-mail; a board may also
    type a contact address into a text field. Neither is about the job, and both would be
    stored, shown and exported with the raw item, so such fields are left out whole.
    """
    if not isinstance(metadata, list):
        return None
    return [field for field in metadata
            if isinstance(field, dict)
            and field.get("value_type") not in PERSONAL_VALUE_TYPES
            and not _EMAIL.search(json.dumps(field.get("value"), ensure_ascii=False))]




def scrub_item(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` with :func:`public_metadata` applied to its ``extra.metadata``, if it has one."""
    extra = item.get("extra")
    if not isinstance(extra, dict) or not isinstance(extra.get("metadata"), list):
        return item
    kept = public_metadata(extra["metadata"])
    if kept == extra["metadata"]:
        return item
    return {**item, "extra": {**extra, "metadata": kept}}
