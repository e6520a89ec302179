"""Skills class: the employer's own name is not a skill its ad asks for.

Companies named after their product ("PostHog | Product Engineer | Remote") would otherwise
count as demand for that product in every ad they post.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.skills import SkillExtractor
from pipeline.normalize.skills.employer import company_core, employer_spans


@pytest.mark.parametrize(
    ("company", "text", "absent", "present"),
    [
        ("PostHog", "PostHog | Product Engineer | Remote (EU) | Full-time\nWe build PostHog, "
         "open-source product analytics. Stack: Python, Django, ClickHouse, React.",
         "PostHog", {"Python", "Django", "ClickHouse", "React"}),
        ("ClickHouse, Inc.", "ClickHouse is hiring a Senior C++ Engineer to work on the "
         "ClickHouse query engine. Experience with Linux and C++ required.",
         "ClickHouse", {"C++", "Linux"}),
        ("Grafana Labs", "Grafana Labs | Backend Engineer | Remote\nHelp us build Grafana "
         "Cloud in Go. You know Prometheus and Kubernetes.",
         "Grafana", {"Go", "Prometheus", "Kubernetes"}),
        ("Tailscale", "Tailscale | Software Engineer | REMOTE | Go, WireGuard\nJoin tailscale.",
         "Tailscale", {"Go"}),
    ],
)
def test_employer_name_is_not_a_skill(extractor: SkillExtractor, company: str, text: str,
                                      absent: str, present: set[str]) -> None:
    found = set(extractor.extract(text, company=company))
    assert absent not in found
    assert present <= found


def test_another_employer_naming_the_product_still_counts(extractor: SkillExtractor) -> None:
    text = "Acme | Data Engineer | Berlin\nOur events land in ClickHouse and PostHog."
    found = set(extractor.extract(text, company="Acme GmbH"))
    assert {"ClickHouse", "PostHog"} <= found


def test_without_a_company_nothing_is_masked(extractor: SkillExtractor) -> None:
    assert "PostHog" in extractor.extract("PostHog | Product Engineer | Remote\nUses PostHog.")


def test_the_title_is_masked_too(extractor: SkillExtractor) -> None:
    assert "ClickHouse" not in extractor.extract("", title="ClickHouse Engineer",
                                                 company="ClickHouse")


def test_a_longer_word_is_not_the_company(extractor: SkillExtractor) -> None:
    # Elastic the company; Elasticsearch the product stays a skill.
    found = extractor.extract("We run Elasticsearch and Kibana on AWS.", company="Elastic N.V.")
    assert {"Elasticsearch", "Kibana", "AWS"} <= set(found)


@pytest.mark.parametrize(
    ("name", "core"),
    [("ClickHouse, Inc.", "ClickHouse"), ("Grafana Labs", "Grafana"), ("Acme GmbH", "Acme"),
     ("Foo Technologies Ltd", "Foo"), ("X", None), ("", None), (None, None)],
)
def test_company_core(name: str | None, core: str | None) -> None:
    assert company_core(name) == core


@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=40)))
def test_spans_never_raise_and_lie_inside_the_text(text: str, company: str | None) -> None:
    for start, end in employer_spans(text, company):
        assert 0 <= start < end <= len(text)


def test_load_and_rebuild_leave_the_employer_out(tmp_path) -> None:
    import json
    from datetime import UTC, datetime, timedelta

    import duckdb

    from pipeline.config import Settings
    from pipeline.ingest.loader import load_warehouse
    from pipeline.ingest.rebuild import rebuild_skills
    from warehouse.db import writer

    data = tmp_path / "data"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "landing")
    folder = settings.landing_dir / "hn"
    folder.mkdir(parents=True)
    started = datetime.now(UTC) - timedelta(minutes=2)
    item = {"source": "hn", "source_id": "1", "url": "https://news.ycombinator.com/item?id=1",
            "fetched_at": started.isoformat(), "crawl_run": "r", "jobTitle": "Product Engineer",
            "datePublished": "2026-03-02T12:00:00Z", "hiringOrganization": {"name": "PostHog"},
            "description": "PostHog | Product Engineer | Remote\nPython, Django and ClickHouse."}
    (folder / "r.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    (folder / "r.run.json").write_text(json.dumps({
        "run_id": "r", "source": "hn", "finish_reason": "finished", "pages": 1, "items": 1,
        "errors": {}, "started_at": started.isoformat(),
        "finished_at": (started + timedelta(minutes=1)).isoformat()}))
    assert not load_warehouse(settings).failed
    query = "select list(skill order by skill) from posting_skills"
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        assert con.execute(query).fetchone() == (["ClickHouse", "Django", "Python"],)
    with writer(settings.db_path) as con:
        rebuild_skills(con, workers=1)
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        assert con.execute(query).fetchone() == (["ClickHouse", "Django", "Python"],)


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("As a leading provider of IT monitoring our software ‘Checkmk’ monitors millions of "
         "devices. You write Python and C++.", "Checkmk", {"Python", "C++"}),
        ("Our product, Metabase, is used by 50,000 companies. Backend in Clojure.", "Metabase",
         {"Clojure"}),
        ('Our platform "Spacelift" orchestrates Terraform and Pulumi runs.', "Spacelift",
         {"Terraform", "Pulumi"}),
    ],
)
def test_a_product_the_ad_calls_its_own(extractor: SkillExtractor, text: str, absent: str,
                                        present: set[str]) -> None:
    found = set(extractor.extract(text))
    assert absent not in found
    assert present <= found


def test_our_stack_is_not_our_product(extractor: SkillExtractor) -> None:
    found = set(extractor.extract("Our stack: Python, PostgreSQL. Our platform runs on AWS."))
    assert {"Python", "PostgreSQL", "AWS"} <= found


def test_an_aside_in_the_company_field_is_not_its_name(extractor: SkillExtractor) -> None:
    text = ("Bitrise (YC, CI/CD for DevOps) | Senior Infrastructure Engineer | Remote\n"
            "We run Kubernetes on Google Cloud.")
    found = set(extractor.extract(text, company="Bitrise (YC, CI/CD for DevOps)"))
    assert "Bitrise" not in found
    assert {"CI/CD", "DevOps", "Kubernetes", "Google Cloud"} <= found


@given(st.text(alphabet="ab .+#-_éİ\\n", max_size=60), st.sampled_from(["ab", "a.b", "b-a", "éa"]))
def test_mentions_match_the_pattern(text: str, name: str) -> None:
    from pipeline.normalize.skills.employer import _mention_pattern, employer_spans

    expected = sorted(m.span() for m in _mention_pattern(name).finditer(text))
    assert sorted(employer_spans(text, name + " Inc")) == sorted(
        set(expected) | {m.span() for m in _mention_pattern(name + " Inc").finditer(text)})


def test_a_company_masks_the_same_from_the_cache_and_as_a_str_subclass() -> None:
    # Each distinct company's names are worked out once per process; a subclass of str is
    # worked out each time and masks the same.
    class Name(str):
        pass

    text = "Grafana Labs builds Grafana; at Grafana Labs (YC W20) you use Go and Grafana."
    first = employer_spans(text, "Grafana Labs (YC W20)")
    assert first and employer_spans(text, "Grafana Labs (YC W20)") == first
    assert employer_spans(text, Name("Grafana Labs (YC W20)")) == first
    assert employer_spans(text, "") == employer_spans(text, None) == []
