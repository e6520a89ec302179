"""`jobpulse mcp` through the MCP SDK's own client over stdio, on the demo warehouse: every tool
answers, and its figures are the ones the same SQL gives when run directly."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import duckdb
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from tests.conftest import ROOT, DemoBuild

TOOLS = {"skill_trend", "movers", "pay", "compare_markets", "search_postings", "company_stack",
         "companies_using", "describe_warehouse", "sql", "your_stack", "skill_supply"}


def _call_all(db: Path, calls: list[tuple[str, dict[str, Any]]]
              ) -> tuple[set[str], list[tuple[bool, str]]]:
    """Start the server once, list its tools and make every call; (names, [(error, text)])."""
    async def run() -> tuple[set[str], list[tuple[bool, str]]]:
        params = StdioServerParameters(
            command=sys.executable, args=["-m", "pipeline.cli", "mcp", "--db", str(db)],
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, cwd=str(ROOT))
        async with stdio_client(params) as (read, write), ClientSession(read, write) as s:
            await s.initialize()
            names = {t.name for t in (await s.list_tools()).tools}
            out = []
            for name, args in calls:
                result = await s.call_tool(name, args)
                out.append((result.is_error, result.content[0].text))
            return names, out

    return anyio.run(run)


CALLS: list[tuple[str, dict[str, Any]]] = [
    ("skill_trend", {"skills": ["python", "Go"], "since": "2026-01", "until": "2026-10"}),
    ("movers", {"limit": 10}),
    ("pay", {"skill": "Python", "pay_type": "salary"}),
    ("pay", {"pay_type": "day"}),
    ("compare_markets", {"markets": ["US", "de", "remote"], "skills": ["Python"]}),
    ("search_postings", {"query": "rust", "limit": 5}),
    ("companies_using", {"skill": "Go", "limit": 5}),
    ("company_stack", {"company": "__FIRST_COMPANY__"}),
    ("describe_warehouse", {}),
    ("describe_warehouse", {"relation": "skill_movers"}),
    ("sql", {"query": "select source, count(*) as n from postings group by 1 order by 1"}),
    ("your_stack", {"skills": ["go", "Kubernetes"], "remote_only": True, "limit": 5}),
    # refusals: one clear message each, never a crash
    ("sql", {"query": "insert into skills values ('x', 'y', null)"}),
    ("sql", {"query": "select * from read_csv('/etc/passwd')"}),
    ("skill_trend", {"skills": ["Pythn"]}),
    ("skill_trend", {"skills": ["Python"], "since": "June"}),
    ("pay", {"skill": "Python", "pay_type": "week"}),
    ("company_stack", {"company": "No Such Company Ltd"}),
]


Answered = tuple[set[str], dict[int, Any], duckdb.DuckDBPyConnection]


@pytest.fixture(scope="module")
def answers(demo_build: DemoBuild) -> Iterator[Answered]:
    assert demo_build.returncode == 0, demo_build.output[-2000:]
    con = duckdb.connect(str(demo_build.db_path), read_only=True)
    company = con.execute(
        "select company from postings where company is not null and role_family <> "
        "'non_engineering' group by 1 order by count(*) desc, 1 limit 1").fetchone()[0]
    calls = [(n, {**a, "company": company} if a.get("company") == "__FIRST_COMPANY__" else a)
             for n, a in CALLS]
    names, results = _call_all(demo_build.db_path, calls)
    parsed = {i: (err, text if err else json.loads(text)) for i, (err, text) in
              enumerate(results)}
    yield names, parsed, con
    con.close()


def test_every_tool_is_listed(answers) -> None:  # type: ignore[no-untyped-def]
    names, _, _ = answers
    assert names == TOOLS


def test_every_call_but_the_refusals_succeeds(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, _ = answers
    for i, (error, body) in parsed.items():
        assert error == (i >= 12), (CALLS[i], body)


def test_skill_trend_is_the_share_view(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, con = answers
    body = parsed[0][1]
    assert body["skills"] == ["Python", "Go"]
    expected = con.execute(
        "select month::varchar, skill, share, postings_with_skill from skill_monthly_share "
        "where basis = 'new' and skill in ('Python', 'Go') and month between '2026-01-01' "
        "and '2026-10-31' order by month, skill").fetchall()
    got = [(r["month"], r["skill"], r["share"], r["postings_with_skill"]) for r in body["rows"]]
    assert got == [(m, s, pytest.approx(sh), n) for m, s, sh, n in expected]
    assert got


def test_movers_are_the_significant_rows(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, con = answers
    expected = con.execute(
        "select skill, direction from skill_movers where role_family = 'engineering' "
        "and significant order by change_pp desc, skill").fetchall()
    got = [(r["skill"], r["direction"]) for r in parsed[1][1]["rows"]]
    assert got == [tuple(e) for e in expected][:10]
    assert {"Go", "PHP"} <= {s for s, _ in got}


def test_pay_matches_the_pay_view_in_usd_and_local(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, con = answers
    body = parsed[2][1]
    (median, n), = con.execute(
        "select usd_median, postings from pay_by_skill where skill = 'Python' and "
        "pay_kind = 'salary' and pay_period = 'year' and market = 'all' and "
        "employment_type = 'all' and currency = 'all'").fetchall()
    row = body["usd"]["rows"][0]
    assert (row["median"], row["postings"]) == (pytest.approx(float(median)), n)
    assert body["original_currency"], "the demo pays in several currencies"
    for local in body["original_currency"]:
        (lm,), = con.execute(
            "select median from pay_by_skill where skill = 'Python' and pay_kind = 'salary' "
            "and pay_period = 'year' and market = 'all' and employment_type = 'all' and "
            "currency = ?", [local["currency"]]).fetchall()
        assert local["median"] == pytest.approx(float(lm))
    day = parsed[3][1]
    assert day["pay_type"] == "day" and all(r["skill"] == "all" for r in day["rows"])


def test_compare_markets(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, con = answers
    body = parsed[4][1]
    assert {m["market"] for m in body["markets"]} == {"US", "DE", "remote"}
    (us,), = con.execute("select sum(postings) from market_monthly where skill = 'all' "
                         "and market = 'US'").fetchall()
    assert next(m["postings"] for m in body["markets"] if m["market"] == "US") == us
    assert {r["market"] for r in body["salary_usd_by_skill"]["rows"]} <= {"US", "DE", "remote"}


def test_search_postings_links_and_count(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, _ = answers
    body = parsed[5][1]
    assert body["matching"] >= len(body["rows"]) > 0
    assert all(r["url"] and r["url"].startswith("http") for r in body["rows"])
    assert body["row_count"] <= 5


def test_companies_and_their_stacks(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, con = answers
    using = parsed[6][1]["rows"]
    assert using and all(r["postings"] >= 1 for r in using)
    stack = parsed[7][1]
    (jobs,), = con.execute(
        "select count(distinct coalesce(duplicate_group_id, posting_id)) from postings "
        "where lower(company) = lower(?) and role_family <> 'non_engineering'",
        [stack["company"]]).fetchall()
    assert stack["postings"] == jobs
    assert stack["skills"]["rows"][0]["postings"] <= jobs


def test_describe_and_sql(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, con = answers
    names = {r["name"] for r in parsed[8][1]["relations"]}
    assert {"postings", "skill_monthly_share", "skill_movers"} <= names
    assert any(c["name"] == "change_pp" for c in parsed[9][1]["columns"])
    expected = con.execute("select source, count(*) from postings group by 1 order by 1"
                           ).fetchall()
    assert [tuple(r) for r in parsed[10][1]["rows"]] == expected


def test_refusals_say_why_in_one_line(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, _ = answers
    messages = [parsed[i][1] for i in range(12, len(CALLS))]
    assert "only SELECT" in messages[0]
    assert "read-only" in messages[1] or "file" in messages[1]
    assert "did you mean Python" in messages[2]
    assert "YYYY-MM" in messages[3]
    # The SDK checks arguments against the schema; its message names the allowed values.
    assert "'salary', 'hour' or 'day'" in messages[4]
    assert "No Such Company" in messages[5]
    ours = messages[:4] + messages[5:]
    assert all("\n" not in m and "Traceback" not in m for m in ours)


def test_your_stack(answers) -> None:  # type: ignore[no-untyped-def]
    _, parsed, con = answers
    body = parsed[11][1]
    assert body["skills"] == ["Go", "Kubernetes"] and body["matches_at_least"] == 2
    assert 0 < body["recent_matching"] <= body["recent_jobs"]
    for row in body["postings"]["rows"]:
        assert row["work_mode"] == "remote" and row["skills_matched"] >= 2
        assert {"Go", "Kubernetes"} <= set(row["skills"])
    assert {p["pay_type"] for p in body["pay_usd"]} <= {"salary", "hour", "day"}
    assert 1 <= len(body["widen_with"]) <= 2
    assert all(w["skill"] not in ("Go", "Kubernetes") for w in body["widen_with"])
