"""``jobpulse rebuild``: re-derive every posting's skills with the current taxonomy, and its
role family with the current rules, in bulk.

Raw data is kept forever, so a better alias list improves all history without a recrawl. The
extraction runs in one process per core over chunks of postings; the swap is one transaction.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import duckdb
import polars as pl

from pipeline.ingest.loader import taxonomy_frame
from pipeline.normalize.role_family import classify_role
from pipeline.normalize.skills import SkillExtractor, load_taxonomy
from warehouse.load import replace_all_skills
from warehouse.marts import refresh_marts
from warehouse.sql import load_sql

CHUNK = 5_000
_extractor: SkillExtractor | None = None


@attrs.frozen
class RebuildReport:
    postings: int
    old_versions: tuple[str, ...]
    new_version: str
    pairs_before: int
    pairs_after: int
    gained: list[tuple[str, int]]
    """Skills with more postings than before, and by how many."""
    lost: list[tuple[str, int]]


def _init_worker(taxonomy_path: str | None) -> None:
    global _extractor
    _extractor = SkillExtractor(load_taxonomy(taxonomy_path))


Row = tuple[str, str | None, str | None, list[str] | None, str | None]
"""What a rebuild reads per posting: id, title, text, source tags and company."""
Chunk = tuple[list[str], list[str], list[tuple[str, str, str]]]
"""(posting ids, skills) pairs and (posting id, role family, evidence) rows of some postings."""


def _extract_chunk(chunk: Sequence[Row]) -> Chunk:
    assert _extractor is not None
    ids: list[str] = []
    names: list[str] = []
    roles: list[tuple[str, str, str]] = []
    for posting_id, title, text, tags, company in chunk:
        found = _extractor.extract(text or "", title=title, tags=tags or (), company=company)
        ids.extend([posting_id] * len(found))
        names.extend(found)
        family = classify_role(title, text)
        roles.append((posting_id, family.family, family.evidence))
    return ids, names, roles


def _bounded_map(pool: ProcessPoolExecutor, chunks: Iterator[Any], ahead: int
                 ) -> Iterator[Chunk]:
    """``pool.map`` in order, but with at most ``ahead`` chunks in flight (bounded memory)."""
    pending: deque[Future[Chunk]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(_extract_chunk, chunk))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def rebuild_skills(con: duckdb.DuckDBPyConnection, *, taxonomy_path: str | Path | None = None,
                   workers: int | None = None,
                   progress: Callable[[str], None] = lambda _m: None) -> RebuildReport:
    """Re-tag all postings and swap the result in; report what changed per skill."""
    taxonomy = load_taxonomy(taxonomy_path)
    total = con.execute(load_sql("queries/posting_count")).fetchall()[0][0]
    before = Counter(dict(con.execute(load_sql("queries/skill_counts")).fetchall()))
    versions = tuple(v for (v,) in con.execute(load_sql("queries/taxonomy_versions")).fetchall())
    progress(f"re-tagging {total:,} postings with taxonomy {taxonomy.version} ...")
    # Streamed in chunks so a million postings never sit in memory at once.
    cursor = con.execute(load_sql("queries/rebuild_input"))
    chunks = iter(lambda: cursor.fetchmany(CHUNK), [])
    ids: list[str] = []
    names: list[str] = []
    roles: list[tuple[str, str, str]] = []
    workers = workers or os.cpu_count() or 1
    path = str(taxonomy_path) if taxonomy_path else None
    pool: ProcessPoolExecutor | None = None
    if workers <= 1 or total <= CHUNK:
        _init_worker(path)
        results: Iterator[Chunk] = map(_extract_chunk, chunks)
    else:
        pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(path,))
        results = _bounded_map(pool, chunks, ahead=workers * 2)
    for done, (chunk_ids, chunk_names, chunk_roles) in enumerate(results, start=1):
        ids += chunk_ids
        names += chunk_names
        roles += chunk_roles
        if done % 20 == 0:
            progress(f"  {min(done * CHUNK, total):,}/{total:,} postings")
    if pool is not None:
        pool.shutdown()
    progress(f"writing {len(names):,} skill pairs ...")
    frame = pl.DataFrame({"posting_id": ids, "skill": names},
                         schema={"posting_id": pl.String, "skill": pl.String})
    role_frame = pl.DataFrame(roles, orient="row", schema={
        "posting_id": pl.String, "role_family": pl.String, "role_family_evidence": pl.String})
    replace_all_skills(con, frame, taxonomy_frame(taxonomy), taxonomy.version, role_frame)
    progress("preparing aggregates ...")
    refresh_marts(con)
    after = Counter(names)
    delta = {s: after[s] - before[s] for s in set(before) | set(after) if after[s] != before[s]}
    return RebuildReport(
        postings=total, old_versions=versions, new_version=taxonomy.version,
        pairs_before=sum(before.values()), pairs_after=len(names),
        gained=sorted(((s, d) for s, d in delta.items() if d > 0), key=lambda x: -x[1]),
        lost=sorted(((s, -d) for s, d in delta.items() if d < 0), key=lambda x: -x[1]),
    )
