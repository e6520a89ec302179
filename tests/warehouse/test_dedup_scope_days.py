"""An incremental duplicate pass reads band keys only in the days that can matter
(``queries/dedup_scope.sql``), and still pairs as a full pass does at the edges of those days:
an earlier copy up to the window before the load's first posting, and the old bucket-mates of
a posting whose text and date both changed, whatever their days."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np

from pipeline.config import Settings
from pipeline.ingest.duplicates import EVERY_DAY, WINDOW_DAYS, scope_days
from pipeline.ingest.loader import load_warehouse
from tests.warehouse.test_dedup_sql import _full_pass_of, _stored, _write_run

DAY = dt.date(2025, 3, 1)
WORDS = ["queue", "cache", "shard", "replica", "schema", "index", "tenant", "ledger", "invoice",
         "payment", "broker", "stream", "worker", "cluster", "gateway", "token", "session",
         "audit", "metric", "trace", "alert", "deploy", "rollout", "canary", "backfill",
         "partition", "snapshot", "archive", "export", "import", "billing", "search", "ranking",
         "feed"]


def _body(seed: int, words: int = 70) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def _item(source_id: str, title: str, body: str, day: dt.date) -> dict:
    return {"source": "bench", "source_id": source_id, "url": f"https://example.org/{source_id}",
            "fetched_at": "2026-11-02T00:00:00Z", "jobTitle": title,
            "datePublished": f"{day.isoformat()}T12:00:00Z",
            "hiringOrganization": {"name": "Acme Robotics"}, "jobLocation": {"raw": "Berlin"},
            "description": body}


def _load(settings: Settings, run_id: str, items: list[dict]) -> None:
    _write_run(settings, run_id, items)
    messages: list[str] = []
    assert not load_warehouse(settings, messages.append).failed
    assert any("paired again" in m for m in messages), messages  # incremental, not full


def _text_pairs(settings: Settings) -> set[tuple[str, str]]:
    return {(a, b) for a, b, evidence, _ in _stored(settings.db_path)[1] if evidence == "text"}


def test_a_pass_pairs_at_the_edges_of_the_days_it_reads(tmp_path: Path) -> None:
    data = tmp_path / "w"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    original = _body(1)
    # Three copies of one ad under different titles (so no exact key pairs them) ten days
    # apart, and forty unrelated ads over two years around them.
    _write_run(settings, "base", [
        _item("a", "Backend Engineer", original, DAY),
        _item("b", "Platform Engineer", original + " Apply today.", DAY + dt.timedelta(10)),
        _item("c", "API Developer", original + " Remote friendly.", DAY + dt.timedelta(20)),
        *(_item(f"f{n}", "Data Engineer", _body(100 + n), DAY + dt.timedelta(18 * n - 360))
          for n in range(40))])
    assert not load_warehouse(settings).failed
    copies = {("bench:a", "bench:b"), ("bench:a", "bench:c"), ("bench:b", "bench:c")}
    assert _text_pairs(settings) == copies

    # A new copy 40 days after the first: its earlier copies lie before every posting of the
    # load, within the window.
    _load(settings, "new", [_item("n", "Software Engineer", original + " Join us.",
                                  DAY + dt.timedelta(40))])
    later = {("bench:a", "bench:n"), ("bench:b", "bench:n"), ("bench:c", "bench:n")}
    assert _text_pairs(settings) == copies | later
    assert _stored(settings.db_path) == _full_pass_of(settings.db_path, tmp_path)

    # The second copy becomes another ad, dated 300 days on: its old bucket-mates, far from
    # the load's only posting, are paired again, and keep their pairs with the others.
    _load(settings, "changed", [_item("b", "Platform Engineer", _body(2),
                                      DAY + dt.timedelta(300))])
    assert _text_pairs(settings) == {("bench:a", "bench:c"), ("bench:a", "bench:n"),
                                     ("bench:c", "bench:n")}
    assert _stored(settings.db_path) == _full_pass_of(settings.db_path, tmp_path)


def test_scope_days_follow_the_waiting_postings() -> None:
    days = np.array([20_100, 20_150, 20_120], dtype=np.int32)
    assert scope_days(days, replaced=False) == {
        "window_days": WINDOW_DAYS, "pending_from": 20_100, "pending_to": 20_150 + WINDOW_DAYS,
        "laters_from": 20_100, "laters_to": 20_150 + WINDOW_DAYS,
        "candidates_from": 20_100 - WINDOW_DAYS}
    # A replaced signature's bucket-mates may lie on any day.
    replaced = scope_days(days, replaced=True)
    assert (replaced["laters_from"], replaced["laters_to"]) == EVERY_DAY
    assert replaced["candidates_from"] == EVERY_DAY[0] - WINDOW_DAYS
    assert replaced["pending_from"] == 20_100
    # No waiting posting has a band (every one too short to sign): the bounds are unused.
    assert scope_days(np.array([], dtype=np.int32), replaced=False)["pending_from"] == 0

