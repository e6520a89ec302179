"""What the warehouse is told about the taxonomy and code a load or rebuild tagged postings
with (``taggings``)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import polars as pl

import pipeline.normalize.skills
from pipeline.normalize.skills import Taxonomy
from pipeline.normalize.skills.retag import taxonomy_state
from warehouse.load import Tagging

_SKILLS = Path(pipeline.normalize.skills.__file__).parent
#: Everything a posting's skills and role family are derived with, besides the taxonomy.
_CODE_FILES = (
    *sorted(_SKILLS.glob("*.py")),
    _SKILLS.parent / "role_family.py",
    _SKILLS.parent / "regex_scan.py",
)


@functools.cache
def extraction_fingerprint() -> str:
    """A digest of the extraction and role-family code: any edit to it re-tags everything."""
    digest = hashlib.sha256()
    for path in _CODE_FILES:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def tagging_state_hash(taxonomy: Taxonomy) -> str:
    """One digest of the taxonomy and the code: equal digests tag every posting alike."""
    digest = hashlib.sha256(taxonomy_state(taxonomy).encode())
    digest.update(extraction_fingerprint().encode())
    return digest.hexdigest()


def taxonomy_frame(taxonomy: Taxonomy) -> pl.DataFrame:
    """The ``skills`` table of a taxonomy: name, category and parent."""
    return pl.DataFrame(
        [{"skill": s.name, "category": s.category, "parent": s.parent}
         for s in taxonomy.skills.values()],
        schema={"skill": pl.String, "category": pl.String, "parent": pl.String},
    )


@functools.lru_cache(maxsize=4)
def tagging_of(taxonomy: Taxonomy) -> Tagging:
    """The taxonomy as ``taggings`` keeps it (one per taxonomy object: loads reuse it)."""
    return Tagging(tagging_state_hash(taxonomy), taxonomy_state(taxonomy))
