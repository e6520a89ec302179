"""What the warehouse is told about the taxonomy a load or rebuild tagged postings with."""

from __future__ import annotations

import functools

import polars as pl

from pipeline.normalize.skills import Taxonomy
from pipeline.normalize.skills.retag import tagging_state_hash, taxonomy_state
from warehouse.load import Tagging


def taxonomy_frame(taxonomy: Taxonomy) -> pl.DataFrame:
    """The ``skills`` table of a taxonomy: name, category and parent."""
    return pl.DataFrame(
        [{"skill": s.name, "category": s.category, "parent": s.parent}
         for s in taxonomy.skills.values()],
        schema={"skill": pl.String, "category": pl.String, "parent": pl.String},
    )


@functools.lru_cache(maxsize=4)
def tagging_of(taxonomy: Taxonomy) -> Tagging:
    """The taxonomy as ``tagging_state`` keeps it (one per taxonomy object: loads reuse it)."""
    return Tagging(tagging_state_hash(taxonomy), taxonomy_state(taxonomy))
