"""Benchmark ``rebuild``: re-tag N generated ~3 KB postings in a DuckDB warehouse, both cores.

``python -m bench.bench_rebuild [--n 1000000]``. The warehouse is built by bulk inserts (not
the loader), so only the rebuild itself is timed, in two cases:

* **everything** (``rebuild --all``, and the first rebuild of a warehouse that records no
  tagging): every posting re-tagged and every aggregate recomputed; timed in total and in two
  parts, re-deriving (reading, extracting skills and role families, swapping the result in)
  and preparing the aggregates, which starts at the "preparing aggregates" progress line;
* **after a taxonomy edit** (``rebuild``): an alias added to one of the most frequent skills
  and a new skill added, then the edit undone, and so on; only the postings that mention a
  changed spelling are re-tagged, and only the aggregates they reach are refreshed.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import tempfile
import time
from pathlib import Path

import polars as pl
import yaml

from bench.bench_skills import generate
from bench.summary import record
from pipeline.ingest.rebuild import RebuildReport, rebuild_skills
from pipeline.normalize.skills.taxonomy import DEFAULT_TAXONOMY_PATH
from warehouse.db import connect
from warehouse.migrate import migrate


def build(db: Path, n: int, seed: int) -> None:
    con = connect(db)
    migrate(con)
    start = 0
    for chunk in generate(n, seed):
        ids = [f"bench:{start + i}" for i in range(len(chunk))]
        frame = pl.DataFrame({
            "posting_id": ids, "source": "bench", "source_id": [str(start + i) for i in
                                                                range(len(chunk))],
            "title": [text.split("\n", 1)[0] for text in chunk], "description": chunk,
            "content_hash": ids, "last_run_id": "bench",
        }).to_arrow()
        con.register("chunk", frame)
        con.execute("insert into postings by name select *, now() as first_seen_at, "
                    "now() as last_seen_at from chunk")
        con.unregister("chunk")
        start += len(chunk)
    con.close()


def _stamp(stamps: list[tuple[float, str]], message: str) -> None:
    stamps.append((time.monotonic(), message))


def edited_taxonomy(path: Path, skill: str) -> Path:
    """The bundled taxonomy with one more alias for ``skill`` and one new skill."""
    data = yaml.safe_load(DEFAULT_TAXONOMY_PATH.read_text(encoding="utf-8"))
    entry = next(s for s in data["skills"] if s["name"] == skill)
    entry["aliases"] = [*entry.get("aliases", []), f"{skill.lower()} platform"]
    data["skills"].append({"name": "Service Mesh", "category": entry["category"],
                           "aliases": ["service meshes"]})
    data["version"] = f"{data.get('version', '0')}+edit"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _timed(db: Path, **kwargs: object) -> tuple[float, float, RebuildReport]:
    """One rebuild: seconds in total, seconds up to the aggregates, and its report."""
    con = connect(db)
    stamps: list[tuple[float, str]] = []
    started = time.monotonic()
    report = rebuild_skills(con, progress=functools.partial(_stamp, stamps), **kwargs)  # type: ignore[arg-type]
    total = time.monotonic() - started
    con.close()
    at = next((t for t, m in stamps if m.startswith("preparing aggregates")), None)
    return total, (at or started + total) - started, report


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skill", default="Elasticsearch",
                    help="The skill the edit gives an alias (default: one of the most frequent).")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.monotonic()
        build(db, args.n, args.seed)
        print(f"built {args.n:,} postings in {time.monotonic() - started:.0f}s", flush=True)
        times, derive = [], []
        for _ in range(args.runs):
            total, upto, report = _timed(db, everything=True)
            times.append(total)
            derive.append(upto)
            print(f"  rebuild --all: {total:.1f}s (re-deriving {upto:.1f}s, aggregates "
                  f"{total - upto:.1f}s; {report.pairs_after:,} pairs)", flush=True)
        median = statistics.median(times)
        print(f"rebuild --all of {args.n:,} postings: median {median:.1f}s over {args.runs} "
              f"runs, {args.n / median:,.0f} postings/s; re-deriving "
              f"{statistics.median(derive):.1f}s, aggregates "
              f"{statistics.median(times) - statistics.median(derive):.1f}s", flush=True)
        edited = edited_taxonomy(Path(tmp) / "edited.yaml", args.skill)
        edits, reached = [], []
        for run in range(args.runs * 2):
            total, upto, report = _timed(db, taxonomy_path=edited if run % 2 == 0 else None)
            edits.append(total)
            reached.append(report.retagged)
            print(f"  rebuild after {'the edit' if run % 2 == 0 else 'undoing it'}: "
                  f"{total:.1f}s (re-tagged {report.retagged:,} postings in {upto:.1f}s; "
                  f"{report.aggregates})", flush=True)
        after = statistics.median(edits)
        print(f"rebuild of {args.n:,} postings after a taxonomy edit ({args.skill} alias, new "
              f"skill): median {after:.1f}s over {len(edits)} runs, re-tagging "
              f"{statistics.median(reached):,.0f} postings (target: under 30 s for 1,000,000)")
        record("rebuild", f"`jobpulse rebuild --all` of {args.n:,} postings",
               f"median {median:.1f} s of {args.runs} (re-deriving "
               f"{statistics.median(derive):.1f} s, aggregates "
               f"{median - statistics.median(derive):.1f} s)")
        record("rebuild", f"`jobpulse rebuild` of {args.n:,} postings after a taxonomy edit",
               f"median {after:.1f} s of {len(edits)} (re-tagging "
               f"{statistics.median(reached):,.0f} postings)")


if __name__ == "__main__":
    main()
