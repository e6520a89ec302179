"""Run a spider in its own subprocess (Twisted's reactor cannot restart in one process).

The crawl writes its landing file and manifest, to a folder or an S3 location
(``handoff/landing.py``); if the subprocess dies before writing the manifest, one is written
here with ``status: failed``, so the loader records the failure.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs

from handoff.landing import (
    LandingLocation,
    LandingStore,
    S3Location,
    file_digest,
    manifest_key,
    parse_location,
)
from handoff.s3 import S3Options
from handoff.stores import open_store
from pipeline.errors import JobpulseError
from pipeline.ops.sources import get_source

LOCAL_SETTINGS = {
    # A loopback server is ours (tests, demo): no throttling needed, and no politeness owed.
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "RETRY_TIMES": "2",
    "JOBPULSE_BACKOFF_BASE": "0.05",
}

STOP_KILL_SECONDS = 60.0
"""After asking a crawl to stop, how long it may take to close before it is killed."""

@attrs.frozen
class CrawlResult:
    source: str
    run_id: str
    returncode: int
    landing_file: Path | str
    """A path, or the ``s3://`` URI of the landing object."""
    manifest: dict[str, Any]
    log_file: Path
    seconds: float

    @property
    def ok(self) -> bool:
        return crawl_ok(self.returncode, self.manifest)


def crawl_ok(returncode: int, manifest: Mapping[str, Any]) -> bool:
    """The crawl finished and landed its items (a failed S3 upload marks its manifest failed)."""
    return (returncode == 0 and manifest.get("finish_reason") == "finished"
            and manifest.get("status") != "failed")


def new_run_id() -> str:
    """Sortable, collision-safe: UTC time plus pid and a random suffix."""
    return (datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            + f"-{os.getpid() % 100000:05d}{os.urandom(2).hex()}")


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_SLUG = re.compile(r"^[a-z0-9_]+$")
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
_ARG_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SETTING_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
RESERVED_ARGS = frozenset({"crawl_run", "base_url"})
"""Set by :func:`run_crawl` itself: an argument of the same name would override them."""


def check_crawl_inputs(source: str, run_id: str, args: Mapping[str, str],
                       settings: Mapping[str, str]) -> None:
    """``ValueError`` unless every name is plain: source and run id become landing paths.

    The command is an argument list (no shell), so values reach the spider verbatim; only the
    names around them are checked here, and the spiders validate their own values.
    """
    if not _SLUG.fullmatch(source):
        raise ValueError(f"invalid source name {source!r}")
    if not _RUN_ID.fullmatch(run_id):
        raise ValueError(f"invalid run id {run_id!r}: expected letters, digits, '_', '.', '-'")
    for key, value in args.items():
        if not _ARG_NAME.fullmatch(key):
            raise ValueError(f"invalid spider argument name {key!r}")
        if key in RESERVED_ARGS:
            raise ValueError(f"spider argument {key!r} is set by jobpulse, not by callers")
        if "\0" in str(value):
            raise ValueError(f"spider argument {key!r} contains a NUL byte")
    for key, value in settings.items():
        if not _SETTING_NAME.fullmatch(key):
            raise ValueError(f"invalid Scrapy setting name {key!r}")
        if "\0" in str(value):
            raise ValueError(f"setting {key!r} contains a NUL byte")


def crawl_command(source: str, run_id: str, *, base_url: str | None,
                  args: Mapping[str, str], settings: Mapping[str, str]) -> list[str]:
    check_crawl_inputs(source, run_id, args, settings)
    command = [sys.executable, "-m", "scrapy", "crawl", source, "-a", f"crawl_run={run_id}"]
    if base_url:
        command += ["-a", f"base_url={base_url}"]
    for key, value in args.items():
        command += ["-a", f"{key}={value}"]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    return command


@attrs.frozen
class _CrawlPlan:
    """Everything a crawl subprocess needs, and where what it leaves behind will be."""

    run_id: str
    command: list[str]
    env: dict[str, str]
    store: LandingStore
    data_key: str
    local_file: Path | None
    """The landing file when landing in a folder; ``None`` for S3."""
    staging: Path | None
    """Scrapy's temporary folder for an S3 feed, removed once the crawl is over."""
    log_file: Path

    @property
    def manifest_key(self) -> str:
        return manifest_key(self.data_key)

    def items_so_far(self) -> int:
        return _count_lines(self.local_file) if self.local_file else _staged_lines(self.staging)


def run_crawl(source: str, *, landing_dir: LandingLocation, base_url: str | None = None,
              args: Mapping[str, str] | None = None, settings: Mapping[str, str] | None = None,
              log_dir: Path | None = None,
              progress: Callable[[int], None] | None = None,
              stop: threading.Event | None = None,
              own_session: bool = False,
              redis_url: str | None = None,
              crawl_id: str | None = None,
              worker: int | None = None,
              on_start: Callable[[int], None] | None = None,
              env: Mapping[str, str] | None = None) -> CrawlResult:
    """Crawl one source into ``landing_dir``; ``progress`` gets the item count every second.

    ``landing_dir`` is a folder or an ``s3://`` location: the crawl's items then go to S3
    through Scrapy's feed storage (with the ``AWS_*`` settings among ``settings``, else boto3's
    environment), and an unusable bucket stops the crawl before it starts
    (:class:`~pipeline.errors.LandingUnavailable`). Its log goes to ``log_dir``, by default
    ``logs`` beside a landing folder, or ``$JOBPULSE_DATA_DIR/logs`` for S3.

    When ``stop`` is set, the crawl gets SIGTERM (Scrapy closes the spider, so the feed and the
    manifest are still written) and is killed if it has not exited ``STOP_KILL_SECONDS`` later.
    ``own_session`` starts it in its own session, so a Ctrl-C at the terminal reaches only the
    caller, which then decides when the crawl stops.

    With ``redis_url`` the crawl is worker ``worker`` of the distributed crawl ``crawl_id``
    (``crawlers/distributed.py``, keys in ``handoff/queue.py``): it shares its queue and
    dupefilter with the crawl's other workers and writes its own landing file and manifest. A
    worker that does not finish cleanly hands the requests it had taken back to the crawl, for
    the crawl's next worker to fetch.
    ``on_start`` gets the crawl process id once it runs. ``env`` adds environment variables
    for the crawl alone (the demo's stand-in API keys, ``pipeline/ops/keys.py``).
    """
    plan = _plan_crawl(source, landing_dir=landing_dir, base_url=base_url, args=args,
                       settings=settings, log_dir=log_dir, redis_url=redis_url,
                       crawl_id=crawl_id, worker=worker, env=env)
    store, data_key = plan.store, plan.data_key
    started = time.monotonic()
    started_at = datetime.now(UTC).isoformat()
    try:
        returncode = _run_subprocess(plan, progress=progress, stop=stop,
                                     own_session=own_session, on_start=on_start)
        seconds = time.monotonic() - started
        if not store.exists(plan.manifest_key):
            # Only a worker's failed manifest names its crawl; single-process ones stay as
            # they were.
            failed_args: dict[str, Any] = {}
            if redis_url:
                failed_args = {"worker": str(worker if worker is not None else 0),
                               "crawl_id": crawl_id}
            _settle_dead_crawl(plan, source, started_at, returncode, failed_args)
    finally:
        if plan.staging is not None:
            shutil.rmtree(plan.staging, ignore_errors=True)
    manifest = json.loads(store.read(plan.manifest_key))
    if redis_url and crawl_id and not crawl_ok(returncode, manifest):
        _release_worker(redis_url, source, crawl_id, worker, plan.log_file)
    if not store.exists(data_key):
        # Nothing landed (the spider could not start, or its upload failed): an empty file
        # keeps run and file paired, so the loader records the run.
        store.write_atomic(data_key, b"")
    return CrawlResult(source, plan.run_id, returncode, plan.local_file or store.name(data_key),
                       manifest, plan.log_file, seconds)


def _plan_crawl(source: str, *, landing_dir: LandingLocation, base_url: str | None,
                args: Mapping[str, str] | None, settings: Mapping[str, str] | None,
                log_dir: Path | None, redis_url: str | None, crawl_id: str | None,
                worker: int | None, env: Mapping[str, str] | None = None) -> _CrawlPlan:
    """Merge the source's defaults into the spider's arguments and settings, open and check the
    landing store, and make the log folder (and the staging folder of an S3 feed)."""
    spec = get_source(source)
    if redis_url and spec.key is not None:
        # A shared queue stores every request whole, and with it the key (URL or header).
        raise JobpulseError(f"{source} is crawled with your API key, which a shared Redis "
                            f"queue would store; crawl it with `jobpulse crawl {source}`")
    run_id = new_run_id()
    if redis_url and worker is not None:
        # Workers of one crawl start in the same second from the same parent process: the
        # worker number keeps their run ids, hence their landing files, apart.
        run_id += f"-w{worker}"
    merged_args = dict(spec.default_args)
    merged_args.update(args or {})
    merged_settings = dict(LOCAL_SETTINGS) if base_url and is_loopback(base_url) else {}
    merged_settings.update(settings or {})
    if redis_url:
        from handoff.queue import distributed_settings

        if not crawl_id:
            raise ValueError("a distributed crawl (redis_url) needs a crawl_id")
        merged_settings.update(distributed_settings(redis_url, crawl_id, worker))
    landing = parse_location(landing_dir)
    if isinstance(landing, Path):
        landing = landing.resolve()
        log_dir = log_dir or landing.parent / "logs"
    else:
        log_dir = log_dir or Path(os.environ.get("JOBPULSE_DATA_DIR", "data")) / "logs"
    store = open_store(landing, S3Options.from_settings(merged_settings))
    # Hours of crawling should not end in an upload to a bucket that is not there.
    store.check()
    log_file = log_dir.resolve() / source / f"{run_id}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    data_key = f"{source}/{run_id}.jsonl"
    local_file = landing / data_key if isinstance(landing, Path) else None
    # Checked before anything is created on disk: a bad argument name leaves nothing behind.
    check_crawl_inputs(source, run_id, merged_args, merged_settings)
    staging: Path | None = None
    if isinstance(landing, S3Location):
        # Scrapy writes an S3 feed to a temporary file and uploads it when the feed closes; a
        # folder of our own lets progress count its lines, and is removed whatever happens.
        staging = Path(tempfile.mkdtemp(prefix=f"jobpulse-feed-{run_id}-"))
        merged_settings.setdefault("FEED_TEMPDIR", str(staging))
    crawl_env = {**os.environ, **(env or {}), "SCRAPY_SETTINGS_MODULE": "crawlers.settings",
                 "JOBPULSE_LANDING_DIR": str(landing)}
    command = crawl_command(source, run_id, base_url=base_url, args=merged_args,
                            settings=merged_settings)
    return _CrawlPlan(run_id, command, crawl_env, store, data_key, local_file, staging, log_file)


def _run_subprocess(plan: _CrawlPlan, *, progress: Callable[[int], None] | None,
                    stop: threading.Event | None, own_session: bool,
                    on_start: Callable[[int], None] | None) -> int:
    """Run the crawl to its end, reporting progress and passing on a stop; its return code."""
    with plan.log_file.open("wb") as log:
        proc = subprocess.Popen(plan.command, stdout=log, stderr=subprocess.STDOUT,
                                env=plan.env, start_new_session=own_session)
        if on_start is not None:
            on_start(proc.pid)
        asked_to_stop: float | None = None
        while proc.poll() is None:
            # Waiting on the process (not sleeping) returns the moment the crawl exits.
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.5)
            if progress is not None:
                progress(plan.items_so_far())
            if stop is not None and stop.is_set():
                if asked_to_stop is None:
                    asked_to_stop = time.monotonic()
                    proc.terminate()
                elif time.monotonic() - asked_to_stop > STOP_KILL_SECONDS:
                    proc.kill()
    return proc.returncode


def _settle_dead_crawl(plan: _CrawlPlan, source: str, started_at: str, returncode: int,
                       failed_args: dict[str, Any]) -> None:
    """Land what a crawl that died without a manifest left behind, and write its failed one."""
    store, data_key = plan.store, plan.data_key
    if plan.staging is not None:
        _land_staged_feed(store, data_key, plan.staging)
    if not store.exists(data_key):
        store.write_atomic(data_key, b"")
    # The crawl is dead, so what landed is final: the digest lets the loader tell it from a
    # file cut later.
    _write_failed_manifest(store, plan.manifest_key, plan.run_id, source, started_at,
                           returncode, plan.log_file, failed_args,
                           landing=file_digest(store.read(data_key)))


def _land_staged_feed(store: LandingStore, data_key: str, staging: Path) -> None:
    """Upload what a crawl that died before closing its S3 feed had written to it.

    A local crawl's file keeps the lines written before a kill; this keeps them on S3 as well
    (the data before the failed manifest, as always). The loader skips a cut-off last line.
    """
    files = [path for path in staging.iterdir() if path.is_file()] if staging.is_dir() else []
    if len(files) == 1 and not store.exists(data_key):
        store.write_atomic(data_key, files[0].read_bytes())


def _staged_lines(folder: Path | None) -> int:
    """Lines in the feed Scrapy is writing to ``folder`` before uploading it."""
    if folder is None:
        return 0
    return sum(_count_lines(path) for path in folder.iterdir()) if folder.is_dir() else 0


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except FileNotFoundError:
        return 0


def last_error_line(log_file: Path) -> str:
    """The most telling line of a failed crawl's log (the exception, else the last line)."""
    try:
        lines = log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "no log"
    for line in reversed(lines):
        if "Error" in line or "error:" in line:
            return line.strip()[:300]
    return lines[-1].strip()[:300] if lines else "no output"


def _release_worker(redis_url: str, source: str, crawl_id: str, worker: int | None,
                    log_file: Path) -> None:
    """Hand a failed worker's taken requests back to its crawl (best effort: noted in its log)."""
    import redis

    from handoff.queue import connect, release_worker

    try:
        released = release_worker(connect(redis_url), source, crawl_id,
                                  str(worker if worker is not None else 0))
        note = f"jobpulse: released {released} request(s) for the crawl's next run\n"
    except redis.RedisError as exc:
        note = f"jobpulse: could not release this worker's requests: {exc}\n"
    with log_file.open("a", encoding="utf-8") as log:
        log.write(note)


def _write_failed_manifest(store: LandingStore, relative: str, run_id: str, source: str,
                           started_at: str, returncode: int, log_file: Path,
                           args: dict[str, Any] | None = None,
                           landing: dict[str, Any] | None = None) -> None:
    manifest: dict[str, Any] = {
        "run_id": run_id, "source": source, "status": "failed", "started_at": started_at,
        "finished_at": datetime.now(UTC).isoformat(),
        "finish_reason": f"crawler exited with {returncode}: {last_error_line(log_file)}",
        "failure": f"the crawler exited with {returncode}: {last_error_line(log_file)}",
        "pages": 0, "items": 0, "dropped": 0, "errors": {f"crawler_exit_{returncode}": 1},
        "complete_listing": False,
    }
    if args:
        manifest["args"] = args
    if landing is not None:
        manifest["landing"] = landing
    store.write_atomic(relative, json.dumps(manifest, indent=1).encode("utf-8"))
