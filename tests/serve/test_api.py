"""`jobpulse api` with FastAPI's test client on the demo warehouse: every endpoint answers as the
MCP tools and the views do, CSV and pagination work, bad parameters get a one-line 422, and the
Atom feed parses."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import duckdb
import pytest
from fastapi.testclient import TestClient

from bench.browser import free_port, wait_for_port
from pipeline.serve.api import create_app
from pipeline.serve.reader import WarehouseReader
from tests.conftest import ROOT, DemoBuild

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(demo_build: DemoBuild) -> Iterator[TestClient]:
    assert demo_build.returncode == 0, demo_build.output[-2000:]
    with TestClient(create_app(WarehouseReader(demo_build.db_path))) as c:
        yield c


@pytest.fixture(scope="module")
def con(demo_build: DemoBuild) -> Iterator[duckdb.DuckDBPyConnection]:
    c = duckdb.connect(str(demo_build.db_path), read_only=True)
    yield c
    c.close()


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/skills/trend", "/movers", "/pay", "/markets/compare", "/postings", "/stack",
            "/companies/{company}/stack", "/companies", "/warehouse", "/warehouse/{relation}",
            "/sql", "/feeds/postings.atom"} <= paths
    assert client.get("/docs").status_code == 200


def test_skill_trend_json_and_csv_agree_with_the_view(client: TestClient,
                                                      con: duckdb.DuckDBPyConnection) -> None:
    params = {"skills": ["Rust", "go"], "since": "2026-01", "until": "2026-06"}
    body = client.get("/skills/trend", params=params).json()
    expected = con.execute(
        "select count(*) from skill_monthly_share where basis = 'new' and skill in ('Rust', "
        "'Go') and month between '2026-01-01' and '2026-06-30'").fetchone()[0]
    assert body["row_count"] == expected > 0
    text = client.get("/skills/trend", params={**params, "format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == expected
    assert {r["skill"] for r in rows} == {"Rust", "Go"}


def test_movers_pay_and_markets(client: TestClient, con: duckdb.DuckDBPyConnection) -> None:
    movers = client.get("/movers", params={"limit": 5}).json()
    assert movers["rows"] and all(r["significant"] for r in movers["rows"])
    pay = client.get("/pay", params={"skill": "Python", "pay_type": "salary"}).json()
    (median,), = con.execute(
        "select usd_median from pay_by_skill where skill = 'Python' and pay_kind = 'salary' "
        "and pay_period = 'year' and market = 'all' and employment_type = 'all' and "
        "currency = 'all'").fetchall()
    assert pay["usd"]["rows"][0]["median"] == pytest.approx(float(median))
    compared = client.get("/markets/compare", params={"markets": ["US", "DE"]}).json()
    assert {m["market"] for m in compared["markets"]} == {"US", "DE"}


def test_postings_page_through(client: TestClient) -> None:
    first = client.get("/postings", params={"q": "python", "limit": 3}).json()
    second = client.get("/postings", params={"q": "python", "limit": 3, "offset": 3}).json()
    assert first["matching"] == second["matching"] >= 6
    ids = [r["posting_id"] for r in first["rows"] + second["rows"]]
    assert len(set(ids)) == 6


def test_companies(client: TestClient) -> None:
    using = client.get("/companies", params={"skill": "Go", "limit": 3}).json()
    assert using["rows"]
    name = using["rows"][0]["company"]
    stack = client.get(f"/companies/{name}/stack").json()
    assert stack["company"] == name and "Go" in {r["skill"] for r in stack["skills"]["rows"]}


def test_your_stack_json_and_csv(client: TestClient) -> None:
    params = {"skills": ["Python", "PostgreSQL"], "contract_only": True}
    body = client.get("/stack", params=params).json()
    assert body["contract_only"] and body["recent_matching"] >= body["postings"]["row_count"]
    rows = list(csv.DictReader(io.StringIO(
        client.get("/stack", params={**params, "format": "csv"}).text)))
    assert len(rows) == body["postings"]["row_count"]
    assert all(r["employment_type"] in ("contract", "freelance") for r in rows)


def test_warehouse_and_sql(client: TestClient) -> None:
    assert any(r["name"] == "postings" for r in client.get("/warehouse").json()["relations"])
    assert client.get("/warehouse/postings").json()["columns"]
    answer = client.get("/sql", params={"query": "select 1 as one", "format": "csv"})
    assert answer.text.splitlines() == ["one", "1"]


@pytest.mark.parametrize(("path", "params", "says"), [
    ("/sql", {"query": "drop table postings"}, "only SELECT"),
    ("/sql", {"query": "select * from read_text('/etc/hostname')"}, "read-only"),
    ("/pay", {"pay_type": "week"}, "pay_type"),
    ("/skills/trend", {"skills": "Pythn"}, "did you mean Python"),
    ("/skills/trend", {}, "skills"),
    ("/postings", {"limit": 1000}, "limit"),
    ("/warehouse/nope", {}, "no table or view"),
])
def test_bad_parameters_get_one_line_422(client: TestClient, path: str,
                                         params: dict[str, object], says: str) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert isinstance(detail, str) and says in detail and "\n" not in detail


def test_atom_feed_of_a_saved_query(client: TestClient) -> None:
    answer = client.get("/feeds/postings.atom", params={"q": "python", "work_mode": "remote"})
    assert answer.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(answer.content)
    entries = root.findall(f"{ATOM}entry")
    assert entries and len(entries) <= 50
    assert all(e.find(f"{ATOM}link").get("href", "").startswith("http") for e in entries)


def test_served_on_a_port(demo_build: DemoBuild) -> None:
    import urllib.request

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "api", "--port", str(port), "--db",
         str(demo_build.db_path)], env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/movers?limit=2") as reply:
            assert reply.status == 200 and b'"rows"' in reply.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
