"""``jobpulse rebuild``: re-derive postings' skills with the current taxonomy, and their role
families with the current rules, in bulk.

Raw data is kept forever, so a better alias list improves all history without a recrawl. The
warehouse records what its postings were tagged with (``taggings``): after a taxonomy
edit, only the postings whose title, text or tags mention a changed spelling are re-tagged
(:mod:`pipeline.normalize.skills.retag`) and only the aggregates they reach are refreshed.
Loads since the last rebuild may have used other taxonomies: the scope covers the move from
each. Everything is re-tagged when the extraction code changed, when nothing says how the
postings were tagged, or on request. The
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

from handoff.collector import collect_rarely
from pipeline.ingest.tagging import tagging_of, tagging_state_hash, taxonomy_frame
from pipeline.normalize.role_family import classify_role
from pipeline.normalize.skills import SkillExtractor, Taxonomy, load_taxonomy
from pipeline.normalize.skills.retag import (
    RetagScope,
    moved_skills,
    retag_scope,
    taxonomy_from_state,
)
from pipeline.normalize.skills.stored_extractor import stored_extractor
from warehouse.load import (
    Tagging,
    posting_ids_table,
    recorded_taggings,
    replace_all_skills,
    replace_some_skills,
    skills_table,
)
from warehouse.marts import files_loaded, refresh_marts, refresh_touched
from warehouse.sql import load_sql

CHUNK = 5_000
#: An RE2 pattern that matches nothing: the scope when no spelling changed.
_NOTHING = r"\b\B"
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
    retagged: int = 0
    """Postings whose skills were derived again."""
    aggregates: str = ""
    """What the aggregate refresh did."""


def _init_worker(taxonomy_path: str | None) -> None:
    global _extractor
    _extractor = stored_extractor(taxonomy_path)
    collect_rarely()


Row = tuple[Any, ...]
"""What a rebuild reads per posting: id, title, text, source tags and company, and whether its
role family is to be derived again (when absent: yes)."""
Chunk = tuple[list[str], list[str], list[str], list[tuple[str, str, str]]]
"""Re-tagged posting ids, (posting id, skill) pairs as two lists, and (posting id, role
family, evidence) rows when role families are derived again."""


def _extract_chunk(chunk: Sequence[Row]) -> Chunk:
    assert _extractor is not None
    ids: list[str] = []
    names: list[str] = []
    families: list[tuple[str, str, str]] = []
    for posting_id, title, text, tags, company, *needs_role in chunk:
        found = _extractor.extract(text or "", title=title, tags=tags or (), company=company)
        ids.extend([posting_id] * len(found))
        names.extend(found)
        if needs_role != [False]:
            family = classify_role(title, text)
            families.append((posting_id, family.family, family.evidence))
    return [row[0] for row in chunk], ids, names, families


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


def _scope(con: duckdb.DuckDBPyConnection, taxonomy: Taxonomy) -> RetagScope | str:
    """What to re-tag: the scope of a move from every recorded tagging, or why everything."""
    recorded = recorded_taggings(con)
    if not recorded:
        return "nothing records how the postings were tagged"
    olds = []
    for state_hash, state in recorded:
        if not state_hash or state is None:
            return "some postings were tagged before jobpulse recorded how"
        try:
            old = taxonomy_from_state(state)
        except (ValueError, KeyError, TypeError):  # TaxonomyError is a ValueError
            return "the recorded taxonomy cannot be read"
        if tagging_state_hash(old) != state_hash:
            return "the skill extraction code changed"
        olds.append(old)
    return retag_scope(olds, taxonomy)


def _extract(cursor: duckdb.DuckDBPyConnection, *, count: int, workers: int,
             taxonomy_path: str | None, progress: Callable[[str], None]) -> Chunk:
    """Skills (and role families) of every row the cursor yields, on ``workers`` processes."""
    chunks = iter(lambda: cursor.fetchmany(CHUNK), [])
    pool: ProcessPoolExecutor | None = None
    if workers <= 1 or count <= CHUNK:
        _init_worker(taxonomy_path)
        results: Iterator[Chunk] = map(_extract_chunk, chunks)
    else:
        pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(taxonomy_path,))
        results = _bounded_map(pool, chunks, ahead=workers * 2)
    out: Chunk = ([], [], [], [])
    try:
        for done, part in enumerate(results, start=1):
            for into, more in zip(out, part, strict=True):
                into += more  # type: ignore[operator]
            if done % 20 == 0:
                of = f"/{count:,}" if count else ""
                progress(f"  {min(done * CHUNK, count or done * CHUNK):,}{of} postings")
    finally:
        if pool is not None:
            pool.shutdown()
    return out


def rebuild_skills(con: duckdb.DuckDBPyConnection, *, taxonomy_path: str | Path | None = None,
                   workers: int | None = None, everything: bool = False,
                   progress: Callable[[str], None] = lambda _m: None) -> RebuildReport:
    """Re-tag the postings a taxonomy edit can change (``everything``: all of them) and swap
    the result in; report what changed per skill."""
    taxonomy = load_taxonomy(taxonomy_path)
    tagging = tagging_of(taxonomy)
    count_sql = load_sql("queries/skill_counts")
    total = con.execute(load_sql("queries/posting_count")).fetchall()[0][0]
    before = Counter(dict(con.execute(count_sql).fetchall()))
    versions = tuple(v for (v,) in con.execute(load_sql("queries/taxonomy_versions")).fetchall())
    scope = "asked for" if everything else _scope(con, taxonomy)
    workers = workers or os.cpu_count() or 1
    path = str(taxonomy_path) if taxonomy_path else None
    if isinstance(scope, str):
        progress(f"re-tagging all {total:,} postings with taxonomy {taxonomy.version} "
                 f"({scope}) ...")
        cursor = con.execute(load_sql("queries/rebuild_input"))
        retagged, ids, names, roles = _extract(cursor, count=total, workers=workers,
                                               taxonomy_path=path, progress=progress)
        progress(f"writing {len(names):,} skill pairs ...")
        replace_all_skills(con, _pairs(ids, names), taxonomy_frame(taxonomy), taxonomy.version,
                           _roles(roles), tagging)
        progress("preparing aggregates ...")
        refresh_marts(con)
        aggregates = "all aggregates recomputed"
    else:
        retagged, aggregates = _rebuild_scoped(con, scope, tagging, workers=workers,
                                               taxonomy_path=path, progress=progress)
    after = Counter(dict(con.execute(count_sql).fetchall()))
    delta = {s: after[s] - before[s] for s in set(before) | set(after) if after[s] != before[s]}
    return RebuildReport(
        postings=total, old_versions=versions, new_version=taxonomy.version,
        pairs_before=sum(before.values()), pairs_after=sum(after.values()),
        gained=sorted(((s, d) for s, d in delta.items() if d > 0), key=lambda x: -x[1]),
        lost=sorted(((s, -d) for s, d in delta.items() if d < 0), key=lambda x: -x[1]),
        retagged=len(retagged), aggregates=aggregates,
    )


def _rebuild_scoped(con: duckdb.DuckDBPyConnection, scope: RetagScope, tagging: Tagging, *,
                    workers: int, taxonomy_path: str | None,
                    progress: Callable[[str], None]) -> tuple[list[str], str]:
    """Re-tag the postings ``scope`` reaches; returns their ids and what the refresh did."""
    tags = scope.changed_tags(t for (t,) in con.execute(load_sql("queries/distinct_tags"))
                              .fetchall())
    progress(f"{len(scope.changed_skills):,} skill(s) and {len(scope.needles):,} spelling(s) "
             f"changed; finding the postings that mention them ...")
    # Found first, on all cores, then read: the search is most of the work.
    params = {"pattern": scope.pattern or _NOTHING, "tags": tags}
    count = con.execute(load_sql("queries/rebuild_scope"), params).fetchall()[0][0]
    progress(f"re-tagging {count:,} postings ...")
    cursor = con.execute(load_sql("queries/rebuild_scoped_input"))
    # Role families follow the code, which is unchanged; only missing ones are derived.
    retagged, ids, names, roles = _extract(cursor, count=count, workers=workers,
                                           taxonomy_path=taxonomy_path, progress=progress)
    progress(f"re-tagged {len(retagged):,} postings; writing {len(names):,} skill pairs ...")
    files_before = files_loaded(con)
    previous = skills_table(con)
    replace_some_skills(con, posting_ids_table(retagged), _pairs(ids, names),
                        taxonomy_frame(scope.new), scope.new.version, tagging, _roles(roles))
    progress("preparing aggregates ...")
    moved = moved_skills(zip(*previous.to_pydict().values(), strict=True), scope.new)
    if moved:
        refresh_marts(con)
        return retagged, (f"all aggregates recomputed ({', '.join(moved[:3])} moved to another "
                          "category or parent)")
    refresh = refresh_touched(con, retagged, rewritten=(), files_before=files_before,
                              previous_skills=previous)
    return retagged, refresh.describe()


def _pairs(ids: list[str], names: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"posting_id": ids, "skill": names},
                        schema={"posting_id": pl.String, "skill": pl.String})


def _roles(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, orient="row", schema={
        "posting_id": pl.String, "role_family": pl.String, "role_family_evidence": pl.String})
