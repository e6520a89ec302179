"""Greenhouse pay custom fields end to end: a board in the 2026 ``metadata`` shape crawled
through the replay server, its landed items enriched."""

from __future__ import annotations

import json
from decimal import Decimal

from pipeline.config import Settings
from pipeline.normalize.enrich import enrich
from pipeline.normalize.record import posting_row
from pipeline.ops.crawl import run_crawl
from tests.conftest import ReplayServer


def test_metadata_pay_lands_and_is_read(replay: ReplayServer, settings: Settings) -> None:
    result = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                       base_url=replay.base("greenhouse"), args={"boards": "brackenfield"})
    lines = result.landing_file.read_text(encoding="utf-8").splitlines()
    items = {i["source_id"]: i for i in map(json.loads, filter(str.strip, lines))}
    assert len(items) == 6
    # The recruiter's ``user`` field never lands.
    assert "@" not in json.dumps(list(items.values()))
    out = {k: enrich(posting_row(i), i) for k, i in items.items()}
    hourly = out["7400004001"]
    assert (hourly["pay_min"], hourly["pay_max"], hourly["pay_period"]) == (
        Decimal("32.69"), Decimal("45.00"), "hour")
    assert hourly["pay_period_inferred"] is True and hourly["pay_source"] == "structured"
    assert hourly["employment_type"] == "contract" and hourly["seniority"] == "junior"
    assert out["7400004002"]["pay_currency"] == "EUR"
    assert out["7400004002"]["pay_period"] == "year"
    assert out["7400004004"]["pay_min"] is None       # a "Team Size" number range
    assert out["7400004006"]["pay_min"] is None       # no period fits 6000-8000
