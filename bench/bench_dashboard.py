"""Benchmark the dashboard: each page's render time and filter-change time in real Chromium.

``python -m bench.bench_dashboard [--n 1000000] [--db PATH] [--keep]``. Without ``--db`` it
builds a warehouse of N generated postings by bulk SQL (not the loader: only the dashboard is
timed), refreshes the marts, starts ``jobpulse dashboard`` and drives Debian's chromium with
Playwright. Per page it prints, as medians:

- first visit: the page's first render on a fresh server, for one person who opens the first
  page and then each other page by its sidebar link; over ``--rounds`` fresh servers;
- new profile: each page opened by its address in an empty browser profile, as a bookmark
  in a new browser, on a fresh server;
- warm: 3 reloads once the page has been shown;
- filter: 7 changes of the Sources filter (a different source each time, so no cached
  result answers it).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from bench.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGES,
    free_port,
    wait_for_port,
)
from warehouse.db import connect
from warehouse.marts import refresh_marts
from warehouse.migrate import migrate

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1440, "height": 1000}
SOURCES = ["hn", "hn_freelance", "greenhouse", "lever", "ashby", "remoteok", "remotive",
           "himalayas", "jobicy", "arbeitnow", "weworkremotely", "jsonld"]
SKILLS = {
    "language": ["Python", "Java", "Go", "TypeScript", "JavaScript", "Rust", "C#", "Kotlin",
                 "Ruby", "PHP", "Scala", "Elixir"],
    "cloud": ["AWS", "Azure", "Google Cloud"],
    "framework": ["Django", "Spring", "FastAPI", "Rails", "Node.js", ".NET", "Laravel"],
    "database": ["PostgreSQL", "MySQL", "MongoDB", "Redis", "Cassandra", "DynamoDB"],
    "container_orchestration": ["Docker", "Kubernetes"],
    "messaging_streaming": ["Kafka", "RabbitMQ"],
}
COUNTRIES = ["US", "US", "US", "GB", "DE", "CA", "NL", "FR", "IN", "PL", "ES", "AU"]
CITIES = ["New York", "San Francisco", "London", "Berlin", "Toronto", "Amsterdam", "Paris",
          "Bangalore", "Warsaw", "Madrid", "Sydney", "Austin"]

# One row per posting from range(): hash() of the row number and a salt stands in for random.
GENERATE = """
insert into postings by name
select
    'bench:' || i as posting_id,
    $sources[pick(hash(i, 1), len($sources))] as source,
    cast(i as varchar) as source_id,
    'https://jobs.example/' || i as url,
    ['Senior', 'Junior', 'Lead', ''][pick(hash(i, 2), 4)] || ' Backend Engineer' as title,
    'Company ' || (hash(i, 3) % 20000) as company,
    'We build APIs with generated text number ' || i as description,
    timestamptz '2022-01-01' + to_days(cast(hash(i, 4) % 1460 as integer)) as posted_at,
    timestamptz '2022-01-01' + to_days(cast(hash(i, 4) % 1460 as integer)) as first_seen_at,
    timestamptz '2022-01-01' + to_days(cast(hash(i, 4) % 1460 + 20 + hash(i, 5) % 60 as integer))
        as last_seen_at,
    'h' || i as content_hash,
    'bench' as last_run_id,
    $countries[pick(hash(i, 6), len($countries))] as country,
    case when hash(i, 7) % 3 = 0 then $cities[pick(hash(i, 8), len($cities))] end as city,
    ['remote', 'onsite', 'hybrid', null][pick(hash(i, 9), 4)] as work_mode,
    ['senior', 'entry', 'lead', 'mid', null][pick(hash(i, 2), 5)] as seniority_band,
    ['full_time', 'contract', 'freelance', null][pick(hash(i, 10), 4)] as employment_type,
    case when hash(i, 11) % 10 < 4 then
        case when hash(i, 12) % 10 < 8 then 'salary' else 'rate' end end as pay_kind,
    case when hash(i, 11) % 10 < 4 then
        case when hash(i, 12) % 10 < 8 then 'year' when hash(i, 12) % 2 = 0 then 'hour'
             else 'day' end end as pay_period,
    case when hash(i, 11) % 10 < 4 then ['USD', 'EUR', 'GBP'][pick(hash(i, 13), 3)] end
        as pay_currency
from range($n) as t(i)
"""

PAY = """
update postings set
    pay_min = case pay_period when 'year' then 60000 + hash(posting_id) % 100000
                              when 'hour' then 40 + hash(posting_id) % 80
                              else 300 + hash(posting_id) % 600 end,
    pay_max = case pay_period when 'year' then 80000 + hash(posting_id) % 100000
                              when 'hour' then 60 + hash(posting_id) % 80
                              else 400 + hash(posting_id) % 600 end
where pay_kind is not null;
update postings set
    usd_rate = case pay_currency when 'EUR' then 1.08 when 'GBP' then 1.27 else 1 end,
    pay_usd_min = pay_min * usd_rate, pay_usd_max = pay_max * usd_rate
where pay_kind is not null;
update postings set
    pay_annual_usd_min = case pay_period when 'year' then pay_usd_min
        when 'hour' then pay_usd_min * 2080 else pay_usd_min * 260 end,
    pay_annual_usd_max = case pay_period when 'year' then pay_usd_max
        when 'hour' then pay_usd_max * 2080 else pay_usd_max * 260 end,
    pay_hourly_usd_min = case pay_period when 'year' then pay_usd_min / 2080
        when 'hour' then pay_usd_min else pay_usd_min / 8 end,
    pay_hourly_usd_max = case pay_period when 'year' then pay_usd_max / 2080
        when 'hour' then pay_usd_max else pay_usd_max / 8 end
where pay_kind is not null;
"""

# 2 to 6 skills a posting, skewed towards the front of the list (popular skills).
SKILL_ROWS = """
insert into posting_skills
select distinct p.posting_id,
    $skills[1 + cast(floor(pow((hash(p.posting_id, k) % 1000) / 1000.0, 2) * len($skills))
                     as integer)]
from postings as p, range(6) as r(k)
where k < 2 + hash(p.posting_id, 99) % 5
"""


def build(db: Path, n: int) -> None:
    started = time.monotonic()
    con = connect(db)
    migrate(con)
    # hash() is unsigned and list indexes are signed: one cast, in one place.
    con.execute("create or replace temp macro pick(h, n) as 1 + cast(h % n as bigint)")
    skills = [s for names in SKILLS.values() for s in names]
    con.executemany("insert into skills values (?, ?, null)",
                    [(s, c) for c, names in SKILLS.items() for s in names])
    con.execute(GENERATE, {"n": n, "sources": SOURCES, "countries": COUNTRIES,
                           "cities": CITIES})
    con.execute(PAY)
    con.execute(SKILL_ROWS, {"skills": skills})
    con.executemany(
        "insert into crawl_runs (run_id, source, started_at, finished_at, status, items_seen, "
        "error_count, errors) values (?, ?, now() - to_hours(?), now() - to_hours(?) "
        "+ interval 5 minute, ?, ?, ?, ?)",
        [(f"{s}-{k}", s, 6 * k + 1, 6 * k + 1, "partial" if k % 3 == 0 else "ok",
          n // len(SOURCES), 2 if k % 3 == 0 else 0,
          '{"http_500": 2}' if k % 3 == 0 else "{}") for s in SOURCES for k in range(20)])
    built = time.monotonic()
    refresh_marts(con)
    con.execute("checkpoint")
    con.close()
    print(f"built {n:,} postings in {built - started:.1f} s, "
          f"marts in {time.monotonic() - built:.1f} s")


def wait_idle(page: object, timeout_ms: int = 120_000) -> None:
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout_ms)  # type: ignore[attr-defined]
    page.wait_for_selector(  # type: ignore[attr-defined]
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)


def render(page: object, url: str) -> float:
    started = time.monotonic()
    page.goto(url, wait_until="domcontentloaded")  # type: ignore[attr-defined]
    wait_idle(page)
    return time.monotonic() - started


def change_source(page: object, source: str) -> float:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first  # type: ignore[attr-defined]
    box.click()
    page.keyboard.type(source)  # type: ignore[attr-defined]
    started = time.monotonic()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    # The rerun may be over before we look (Playwright's TimeoutError then): it was quick.
    with contextlib.suppress(Exception):
        page.wait_for_selector(  # type: ignore[attr-defined]
            '[data-testid="stApp"]:not([data-test-script-state="notRunning"])', timeout=2_000)
    wait_idle(page)
    return time.monotonic() - started


@contextlib.contextmanager
def dashboard_server(db: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "dashboard", "--port",
                             str(port), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def navigate(page: object, path: str) -> float:
    """Click the page's link in the sidebar, as a person moves between pages."""
    started = time.monotonic()
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').click()  # type: ignore[attr-defined]
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(f"/{path}"))  # type: ignore[attr-defined]
    with contextlib.suppress(Exception):  # the rerun may be over before we look
        page.wait_for_selector(  # type: ignore[attr-defined]
            '[data-testid="stApp"]:not([data-test-script-state="notRunning"])', timeout=2_000)
    wait_idle(page)
    return time.monotonic() - started


def first_renders(browser: object, db: Path, rounds: int, *, by_link: bool
                  ) -> dict[str, float]:
    """Median over fresh servers of each page's first render: the server has not run that
    page's queries yet.

    ``by_link``: one person opens the first page, then each other page by its link in the
    sidebar (only the first page finds the browser's cache empty). Otherwise every page is
    opened by its address in an empty browser profile, as a bookmark in a new browser.
    """
    times: dict[str, list[float]] = {path: [] for path in PAGES}
    for _ in range(rounds):
        with dashboard_server(db) as base:
            context = browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
            page = context.new_page()
            for i, path in enumerate(PAGES):
                if by_link and i > 0:
                    times[path].append(navigate(page, path))
                    continue
                if i > 0:
                    context.close()
                    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
                    page = context.new_page()
                times[path].append(render(page, f"{base}/{path}"))
            context.close()
    return {path: statistics.median(values) for path, values in times.items()}


def measure(db: Path, rounds: int) -> list[tuple[str, float, float, float, float]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        first = first_renders(browser, db, rounds, by_link=True)
        cold = first_renders(browser, db, rounds, by_link=False)
        with dashboard_server(db) as base:
            page = browser.new_page(viewport=VIEWPORT)
            for path, name in PAGES.items():
                render(page, f"{base}/{path}")
                warm = statistics.median(render(page, f"{base}/{path}") for _ in range(3))
                changes = []
                # Single changes vary by up to 0.5 s on 2 cores: take the median of several.
                for source in SOURCES[2:9]:
                    render(page, f"{base}/{path}")
                    changes.append(change_source(page, source))
                results.append((name, first[path], cold[path], warm, statistics.median(changes)))
        browser.close()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="postings to generate")
    parser.add_argument("--db", type=Path, help="reuse this warehouse (built if missing)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="fresh servers to take each first render's median over")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        sys.exit(f"needs {CHROMIUM} (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            build(db, args.n)
        print(f"{'page':<16}{'first visit':>13}{'new profile':>13}{'warm (med 3)':>14}"
              f"{'filter (med 7)':>16}")
        for name, first, cold, warm, change in measure(db, args.rounds):
            print(f"{name:<16}{first:>12.2f}s{cold:>12.2f}s{warm:>13.2f}s{change:>15.2f}s")


if __name__ == "__main__":
    main()
