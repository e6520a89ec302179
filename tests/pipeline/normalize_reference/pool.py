"""``normalize_rows`` before the speed-ups: every posting through the reference normalizers,
and the text signatures as one Python list each."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.ingest.frames import ENRICHED_SCHEMA, SIGNATURE_SCHEMA, SKILL_SCHEMA, NormalizedFrames
from pipeline.normalize.money import DEFAULT_WORK_YEAR, WorkYear
from pipeline.normalize.skills import SkillExtractor
from tests.pipeline.normalize_reference.dedup import text_signatures
from tests.pipeline.normalize_reference.enrich import ENRICHED_COLUMNS, enrich


def normalize_rows(rows: list[dict[str, Any]], extractor: SkillExtractor,
                   work_year: WorkYear = DEFAULT_WORK_YEAR) -> NormalizedFrames:
    """The rows' normalized columns, skills and text signatures, as frames."""
    columns: dict[str, list[Any]] = {name: [] for name in ENRICHED_SCHEMA}
    skill_ids: list[str] = []
    skills: list[str] = []
    for row in rows:
        pid = row["posting_id"]
        enriched = enrich(row, row["raw_item"], work_year)
        columns["posting_id"].append(pid)
        for name in ENRICHED_COLUMNS:
            columns[name].append(enriched[name])
        found = extractor.extract(row["description"], title=row["title"], tags=row["tags"],
                                  company=row["company"])
        skill_ids.extend([pid] * len(found))
        skills.extend(found)
    return NormalizedFrames(
        pl.DataFrame(columns, schema=ENRICHED_SCHEMA),
        pl.DataFrame({"posting_id": skill_ids, "skill": skills}, schema=SKILL_SCHEMA),
        pl.DataFrame({"posting_id": columns["posting_id"],
                      "minhash": text_signatures([row["description"] for row in rows])},
                     schema=SIGNATURE_SCHEMA),
    )
