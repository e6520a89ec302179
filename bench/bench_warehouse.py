"""Benchmark the warehouse: load throughput through the real loader, then query latency.

``python -m bench.bench_warehouse [--n 1000000] [--per-file 50000]``: writes N generated
postings as landing files (with run manifests), times ``load_warehouse`` (normalization,
skills, writing, duplicates, aggregates), then the same files loaded again into a fresh
warehouse with the normalizers' frames handed back (``bench/given_frames.py``; ``--no-given``
skips it), then the loads a schedule makes afterwards
(``--loads`` runs of ``--small`` new postings, one at a time, median; then ``--cold`` runs of
``jobpulse load`` as cron runs it, each in a fresh process; ``--cold-against CHECKOUT`` takes
turns with another checkout's), then the median
latency of each view's typical dashboard query over 5 runs. ``--base FILE`` keeps a copy of
the bulk-loaded warehouse at FILE and starts from a copy of it on later runs, so a repeat run
at 1M times only the scheduled loads (still through ``load_warehouse``; the bulk runs are
recorded as loaded).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.baseline_read_json import read_json_seconds
from bench.bench_normalize import make_postings
from bench.given_frames import FramesKey, keeping_frames, load_with_frames_given
from bench.summary import record
from pipeline.config import Settings
from pipeline.ingest.frames import NormalizedFrames
from pipeline.ingest.loader import load_warehouse
from warehouse.db import connect
from warehouse.spare import spare_is_fresh, wait_for_spares, wants_spare

STACKS = [
    "Python, Django, PostgreSQL and Redis on AWS (Lambda, S3)",
    "Go services on Kubernetes in Google Cloud, Kafka and ClickHouse",
    "TypeScript, Node.js, React and MongoDB on Azure",
    "Java 21, Spring Boot, Kafka, Docker and AWS",
    "Rust, Tokio, gRPC and PostgreSQL",
    "Ruby on Rails, MySQL, Sidekiq and Heroku",
    "PHP, Laravel, MySQL and Vue",
    "Scala, Spark, Airflow, dbt and Snowflake",
]
PAYS = ["$150k-190k", "€70-90k", "£80,000 - £95,000", "$90/hr", "€600/day", "", "", ""]

QUERIES = {
    "skill_monthly_share (8 skills)":
        "select month, skill, share, ci_low, ci_high from skill_monthly_share "
        "where basis = 'new' and skill in ('Python','Go','Java','TypeScript','Rust','AWS',"
        "'Azure','Google Cloud') order by month",
    "skill options": "select skill, sum(postings_with_skill) from skill_monthly_share "
                     "where basis = 'new' group by skill order by 2 desc",
    "pay_by_skill (one skill)":
        "select * from pay_by_skill where skill = 'Python' and market = 'all' "
        "and employment_type = 'all'",
    "pay_by_seniority": "select * from pay_by_seniority where skill = 'all' and market = 'all'",
    "market_monthly (2 countries)":
        "select month, market, postings, remote_share, salary_annual_usd_median "
        "from market_monthly where market_type = 'country' and market in ('US','DE') "
        "and skill = 'all' order by month",
    "skill_cooccurrence (one skill)":
        "select other_skill, lift, postings_both from skill_cooccurrence "
        "where skill = 'Python' order by lift desc limit 20",
    "skill_movers": "select * from skill_movers where not low_support "
                    "order by change_pp desc limit 20",
}


def write_landing(settings: Settings, n: int, per_file: int, seed: int = 7, *,
                  prefix: str = "bench", days: int = 4 * 365,
                  start: datetime.date = datetime.date(2022, 12, 1)) -> None:
    """``n`` postings in runs of ``per_file``, published over ``days`` from ``start``."""
    rng = random.Random(seed)
    folder = settings.landing_dir / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    rows = make_postings(n, seed)
    for f in range(0, n, per_file):
        run_id = f"{prefix}{f // per_file:05d}"
        with (folder / f"{run_id}.jsonl").open("w", encoding="utf-8") as out:
            for number, company, title, loc, body, _d in rows[f : f + per_file]:
                pid = number if prefix == "bench" else f"{prefix}-{number}"
                day = start + datetime.timedelta(days=rng.randrange(0, days))
                pay = rng.choice(PAYS)
                out.write(json.dumps({
                    "source": "bench", "source_id": pid, "url": f"https://example.org/{pid}",
                    "fetched_at": "2026-11-01T00:00:00Z", "crawl_run": run_id,
                    "jobTitle": title, "datePublished": f"{day.isoformat()}T12:00:00Z",
                    "hiringOrganization": {"name": company},
                    "jobLocation": {"raw": loc.split(" | ")[2] if " | " in loc else loc},
                    "baseSalary": {"raw": pay} if pay else None,
                    "description": f"{body} Our stack: {rng.choice(STACKS)}.",
                }) + "\n")
        (folder / f"{run_id}.run.json").write_text(json.dumps({
            "run_id": run_id, "source": "bench", "finish_reason": "finished",
            "items": min(per_file, n - f), "errors": {},
            "started_at": "2026-11-01T00:00:00+00:00",
            "finished_at": "2026-11-01T00:01:00+00:00"}))


def cpu_seconds() -> tuple[float, float]:
    """User + system CPU seconds of this process and of its finished children (the normalizer
    processes, which the loader joins before it returns)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def cpu_budget(n: int, own: float, children: float, *, target: float = 15_000) -> str:
    """Where a load's CPU went, per posting, against what ``target`` postings/s would allow on
    this machine's cores: no overlap makes a load faster than its CPU over its cores."""
    cores = len(os.sched_getaffinity(0))
    per_posting = (own + children) / n * 1e6
    return (f"CPU {own:.1f} s in the loading process (reading, handing rows over, DuckDB's "
            f"writes, duplicates, aggregates) + {children:.1f} s in the normalizer processes "
            f"= {per_posting:.0f} CPU-us per posting; {target:,.0f} postings/s on {cores} "
            f"core(s) allows at most {cores / target * 1e6:.0f}")


def given_load(landing_dir: Path, folder: Path, kept: dict[FramesKey, NormalizedFrames],
               seconds: float) -> None:
    """Load the same files again with the frames the load's normalizers made handed back: the
    rest of the load on its own, so the most any faster normalizer could give."""
    kept_batches = len(kept)
    given = load_with_frames_given(landing_dir, folder, kept)
    kept.clear()
    rate = given.postings / given.seconds
    stages = ", ".join(f"{stage} {sec:.1f}s" for stage, sec in given.stages.items())
    print(f"load with its normalizing already done ({kept_batches} batches of frames handed "
          f"back): {given.postings:,} postings in {given.seconds:.0f}s = {rate:,.0f} "
          f"postings/s, CPU {given.cpu_seconds:.1f} s ({stages}); the load itself took "
          f"{seconds / given.seconds:.2f}x as long", flush=True)
    record("warehouse", f"the same {given.postings:,} postings with their normalizing already "
           "done (the most faster normalizers could give)",
           f"{rate:,.0f} postings/s ({given.seconds:.0f} s, CPU {given.cpu_seconds:.1f} s in "
           "the loading process)")


def scheduled_loads(settings: Settings, n: int, loads: int = 5) -> None:
    """Loads of ``n`` new postings each, published last month, as a schedule brings them."""
    if n <= 0 or loads <= 0:
        return
    times = []
    for number in range(loads):
        write_landing(settings, n, n, seed=100 + number, prefix=f"sched{number}-", days=30,
                      start=datetime.date(2026, 10, 1))
        # Scheduled loads are hours apart: the last writer's spare copy is ready by then.
        wait_for_spares()
        started = time.monotonic()
        report = load_warehouse(settings)
        seconds = time.monotonic() - started
        times.append(seconds)
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in report.seconds.items())
        print(f"scheduled load {number + 1}: {n:,} new postings into "
              f"{report.total_postings:,} in {seconds:.1f}s ({stages})", flush=True)
    median = statistics.median(times)
    print(f"  scheduled loads: median {median:.1f}s", flush=True)
    record("warehouse", f"scheduled load of {n:,} into {report.total_postings - n:,}",
           f"median {median:.1f} s of {loads} ({stages} in the last)")


def cold_loads(settings: Settings, n: int, loads: int = 3, against: Path | None = None) -> None:
    """``jobpulse load`` of ``n`` new postings in a fresh process each, as cron runs it after a
    crawl: the interpreter's start, the imports and the normalizers' start-up included, and
    the process's exit (the spare copy it leaves to a detached process).

    ``against``: another checkout of jobpulse (the code before a change), whose ``jobpulse
    load`` takes turns with this one's, each ``loads`` times, on the same warehouse; a
    machine whose speed drifts then weighs on both alike."""
    if n <= 0 or loads <= 0:
        return
    env = {**os.environ, "JOBPULSE_LANDING_DIR": str(settings.landing_dir),
           "JOBPULSE_DATA_DIR": str(settings.data_dir)}
    here = Path(__file__).resolve().parents[1]
    checkouts = {"this checkout": here} if against is None else {
        "this checkout": here, str(against): against.resolve()}
    times: dict[str, list[float]] = {name: [] for name in checkouts}
    for number in range(loads):
        names = list(checkouts) if number % 2 == 0 else list(reversed(checkouts))
        for turn, name in enumerate(names):
            write_landing(settings, n, n, seed=200 + 2 * number + turn,
                          prefix=f"cold{number}-{turn}-", days=30,
                          start=datetime.date(2026, 10, 1))
            spare_ready(settings.db_path)
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-m", "pipeline.cli", "load", "--db",
                                   str(settings.db_path)], cwd=checkouts[name],
                                  env={**env, "PYTHONPATH": str(checkouts[name])},
                                  capture_output=True, text=True, check=False)
            seconds = time.monotonic() - started
            if done.returncode:
                lines = (done.stderr or done.stdout).strip().splitlines() or ["no output"]
                raise SystemExit(f"bench_warehouse: jobpulse load ({name}) failed: {lines[-1]}")
            times[name].append(seconds)
            print(f"jobpulse load {number + 1} (a fresh process, {name}): {n:,} new postings "
                  f"in {seconds:.1f}s", flush=True)
    spare_ready(settings.db_path)  # the last load's copy, still running after it exited
    for name, runs in times.items():
        print(f"  jobpulse load in a fresh process ({name}): median "
              f"{statistics.median(runs):.1f}s ({', '.join(f'{t:.1f}' for t in runs)})",
              flush=True)
    median = statistics.median(times["this checkout"])
    record("warehouse", f"`jobpulse load` of {n:,} new postings in a fresh process (as cron "
           "runs it)", f"median {median:.1f} s of {loads}")


def spare_ready(db: Path, timeout: float = 300.0) -> None:
    """Wait until the spare copy of the published ``db`` is made, as it is by the time of the
    next scheduled load; a warehouse too small for one has none to wait for."""
    wait_for_spares()
    deadline = time.monotonic() + timeout
    while wants_spare(db) and not spare_is_fresh(db) and time.monotonic() < deadline:
        time.sleep(0.2)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--per-file", type=int, default=50_000)
    ap.add_argument("--small", type=int, default=500,
                    help="new postings in each scheduled load after the bulk load")
    ap.add_argument("--loads", type=int, default=5,
                    help="scheduled loads after the bulk load (the first also starts the "
                    "normalizers, as a scheduler's first load does)")
    ap.add_argument("--cold", type=int, default=3,
                    help="`jobpulse load` runs of --small new postings, each in a fresh process")
    ap.add_argument("--cold-against", type=Path, metavar="CHECKOUT",
                    help="another jobpulse checkout whose cold loads take turns with these")
    ap.add_argument("--no-given", dest="given", action="store_false",
                    help="skip loading the files again with the normalizers' frames given "
                    "(what the rest of a load takes on its own)")
    ap.add_argument("--db", type=Path, help="reuse a loaded warehouse: only time the queries")
    ap.add_argument("--base", type=Path,
                    help="file keeping the bulk-loaded warehouse: built once, copied after")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        data = Path(tmp)
        settings = Settings(data_dir=data, db_path=data / "w.duckdb",
                            landing_dir=data / "landing")
        if db is None and args.base is not None and args.base.exists():
            shutil.copyfile(args.base, settings.db_path)
            print(f"copied the bulk-loaded warehouse from {args.base}", flush=True)
            scheduled_loads(settings, args.small, args.loads)
            cold_loads(settings, args.small, args.cold, args.cold_against)
            db = settings.db_path
        elif db is None:
            write_landing(settings, args.n, args.per_file)
            with keeping_frames() if args.given else contextlib.nullcontext({}) as kept:
                cpu_before = cpu_seconds()
                started = time.monotonic()
                report = load_warehouse(settings, lambda m: print("  " + m, flush=True))
                seconds = time.monotonic() - started
            own, children = (after - before for after, before in
                             zip(cpu_seconds(), cpu_before, strict=True))
            n = report.total_postings
            print(f"load: {n:,} postings in {seconds:.0f}s = {n / seconds:,.0f} postings/s",
                  flush=True)
            budget = cpu_budget(n, own, children)
            print(f"  {budget}", flush=True)
            for stage, sec in report.seconds.items():
                print(f"  {stage:<11} {sec:7.1f}s  {n / sec:>10,.0f} postings/s", flush=True)
            store = sum(v for k, v in report.seconds.items() if k != "read" and k != "normalize")
            print(f"  warehouse side (write + duplicates + aggregates): {n / store:,.0f} "
                  "postings/s", flush=True)
            files = sorted((settings.landing_dir / "bench").glob("*.jsonl"))
            base_seconds, rows = read_json_seconds(files)
            print(f"  DuckDB read_json of the same {len(files)} files into a table: "
                  f"{base_seconds:.1f}s = {rows / base_seconds:,.0f} rows/s; load / read_json "
                  f"= {base_seconds / seconds:.3f}", flush=True)
            record("warehouse", f"whole load of {n:,} generated postings",
                   f"{n / seconds:,.0f} postings/s ({seconds:.0f} s; read_json "
                   f"{rows / base_seconds:,.0f} rows/s, ratio {base_seconds / seconds:.3f}); "
                   f"{budget}")
            if args.given:
                spare_ready(settings.db_path)  # its 1 GB copy would share the cores
                given_load(settings.landing_dir, data / "given", kept, seconds)
            if args.base is not None:
                shutil.copyfile(settings.db_path, args.base)
            scheduled_loads(settings, args.small, args.loads)
            cold_loads(settings, args.small, args.cold, args.cold_against)
            db = settings.db_path
        for name, sql in QUERIES.items():
            times = []
            for _ in range(5):
                con = connect(db, read_only=True)
                started = time.perf_counter()
                con.execute(sql).fetchall()
                times.append((time.perf_counter() - started) * 1000)
                con.close()
            print(f"  {name:<34} median {statistics.median(times):7.1f} ms")
        # The last writer's spare copy and retired file are still being made or removed in
        # the folder about to be deleted.
        wait_for_spares()


if __name__ == "__main__":
    main()
