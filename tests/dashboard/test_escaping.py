"""Text from postings is shown as text: a ``<script>`` in a title is never interpreted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def hostile_db(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = settings.landing_dir / "hn"
    folder.mkdir(parents=True, exist_ok=True)
    items = [{
        "source": "hn", "source_id": str(n), "url": f"https://hn.example/{n}",
        "fetched_at": "2026-10-05T00:00:00Z", "crawl_run": "evil",
        "jobTitle": f"Backend Engineer {SCRIPT}" if n == 1 else "Backend Engineer",
        "datePublished": "2026-10-01T15:00:00Z",
        "hiringOrganization": {"name": f"Acme <b>{n}</b>"},
        "description": f"We use Python and PostgreSQL on AWS. {SCRIPT} "
                       "<img src=x onerror=alert(2)>",
    } for n in range(1, 4)]
    (folder / "evil.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items),
                                       encoding="utf-8")
    (folder / "evil.run.json").write_text(json.dumps({
        "run_id": "evil", "source": "hn", "finish_reason": "finished",
        "started_at": "2026-10-05T00:00:00+00:00", "finished_at": "2026-10-05T00:01:00+00:00",
        "pages": 1, "items": len(items), "dropped": 0, "errors": {},
    }))
    assert not load_warehouse(settings).failed
    monkeypatch.setenv("JOBPULSE_DB", str(settings.db_path))
    from dashboard.data import query

    query.clear()
    return settings.db_path


def test_script_in_a_posting_shows_as_text_on_the_postings_page(hostile_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("screens/postings.py").run()
    assert not at.exception
    frame = at.dataframe[0].value
    titles = list(frame["title"])
    assert f"Backend Engineer {SCRIPT}" in titles, "the title is kept verbatim, as text"
    assert any(SCRIPT in d for d in frame["description"])
    # No element that could render HTML carries posting text.
    for element in [*at.markdown, *at.caption, *at.info, *at.title]:
        assert "<script>" not in element.value
    assert not any(getattr(m, "allow_html", False) for m in at.markdown)
    assert not at.get("html")


def test_search_for_markup_matches_it_as_text(hostile_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("screens/postings.py").run()
    at.text_input(key="postings_search").set_value("<script>").run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert len(frame) == 3  # every description has it; only one title
    assert "**3** postings match" in "\n".join(m.value for m in at.markdown)
