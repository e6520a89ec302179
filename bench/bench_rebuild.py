"""Benchmark ``rebuild``: re-tag N generated ~3 KB postings in a DuckDB warehouse, both cores.

``python -m bench.bench_rebuild [--n 1000000]``. The warehouse is built by bulk inserts (not
the loader), so only the rebuild itself is timed: in total, and in two parts, re-deriving
(reading the postings and extracting skills and role families, up to the "writing" progress
line, then swapping the result in) and preparing the aggregates (``refresh_marts``), which
starts at the "preparing aggregates" progress line.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import tempfile
import time
from pathlib import Path

import polars as pl

from bench.bench_skills import generate
from bench.summary import record
from pipeline.ingest.rebuild import rebuild_skills
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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.monotonic()
        build(db, args.n, args.seed)
        print(f"built {args.n:,} postings in {time.monotonic() - started:.0f}s", flush=True)
        times, derive, marts = [], [], []
        for _ in range(args.runs):
            con = connect(db)
            stamps: list[tuple[float, str]] = []
            started = time.monotonic()
            report = rebuild_skills(con, progress=functools.partial(_stamp, stamps))
            times.append(time.monotonic() - started)
            con.close()
            at = next((t for t, m in stamps if m.startswith("preparing aggregates")), None)
            derive.append((at or started + times[-1]) - started)
            marts.append(times[-1] - derive[-1])
            wrote = next((t for t, m in stamps if m.startswith("writing")), None)
            extracting = f"extracting {wrote - started:.1f}s, " if wrote is not None else ""
            print(f"  rebuild: {times[-1]:.1f}s (re-deriving {derive[-1]:.1f}s: {extracting}"
                  f"aggregates {marts[-1]:.1f}s; {report.pairs_after:,} pairs)", flush=True)
        median = statistics.median(times)
        print(f"rebuild of {args.n:,} postings: median {median:.1f}s over {args.runs} runs, "
              f"{args.n / median:,.0f} postings/s; re-deriving {statistics.median(derive):.1f}s, "
              f"aggregates {statistics.median(marts):.1f}s (target: under 30 s for 1,000,000)")
        record("rebuild", f"`jobpulse rebuild` of {args.n:,} postings",
               f"median {median:.1f} s of {args.runs} (re-deriving "
               f"{statistics.median(derive):.1f} s, aggregates {statistics.median(marts):.1f} s)")


if __name__ == "__main__":
    main()
