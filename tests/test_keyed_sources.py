"""Keyed sources: skipped with one line (not a failure) without their key, by `crawl`,
`crawl --all` and the scheduler; listed with their key's state; the key masked in logs."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crawlers import keys
from pipeline.cli.commands import cli
from pipeline.errors import JobpulseError
from pipeline.ops import crawl as crawl_module
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.ops.keys import demo_env, key_status, skip_line
from pipeline.ops.schedule import SchedulerService
from pipeline.ops.schedule_config import load_config
from pipeline.ops.sources import SOURCES

KEYED = sorted(slug for slug, source in SOURCES.items() if source.key is not None)
ADZUNA_LINE = "adzuna: skipped, set JOBPULSE_ADZUNA_KEY=app_id:app_key to crawl it"
REED_LINE = "reed: skipped, set JOBPULSE_REED_KEY=api_key to crawl it"


@pytest.fixture
def no_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """No key set, a private data dir, and ``run_crawl`` replaced: the sources it was asked for."""
    for slug in KEYED:
        monkeypatch.delenv(SOURCES[slug].key.env, raising=False)  # type: ignore[union-attr]
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("JOBPULSE_LANDING_DIR", raising=False)
    crawled: list[str] = []

    def fake_run_crawl(source: str, **kwargs: Any) -> CrawlResult:
        crawled.append(source)
        manifest = {"finish_reason": "finished", "items": 1, "pages": 1, "errors": {}}
        return CrawlResult(source, "run", 0, tmp_path / f"{source}.jsonl", manifest,
                           tmp_path / f"{source}.log", 0.1)

    monkeypatch.setattr(crawl_module, "run_crawl", fake_run_crawl)
    return crawled


def test_registry_and_spiders_name_the_same_variable() -> None:
    assert KEYED == ["adzuna", "reed"]
    for slug in KEYED:
        module = importlib.import_module(f"crawlers.spiders.{slug}")
        assert SOURCES[slug].key.env == module.KEY_ENV  # type: ignore[union-attr]


def test_skip_line_and_status() -> None:
    adzuna = SOURCES["adzuna"]
    assert skip_line(adzuna, {}) == ADZUNA_LINE
    assert skip_line(adzuna, {"JOBPULSE_ADZUNA_KEY": "  "}) == ADZUNA_LINE
    assert skip_line(adzuna, {"JOBPULSE_ADZUNA_KEY": "a:b"}) is None
    assert skip_line(SOURCES["hn"], {}) is None and key_status(SOURCES["hn"]) is None
    assert demo_env(adzuna) == {"JOBPULSE_ADZUNA_KEY": "demo-app:demo-key"}
    assert demo_env(SOURCES["hn"]) == {}


def test_crawl_of_a_keyed_source_without_its_key_is_one_line(no_keys: list[str]) -> None:
    result = CliRunner().invoke(cli, ["crawl", "adzuna"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [ADZUNA_LINE]
    assert no_keys == []


def test_crawl_all_skips_keyed_sources_and_runs_the_others(no_keys: list[str]) -> None:
    result = CliRunner().invoke(cli, ["crawl", "--all"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines.count(ADZUNA_LINE) == 1 and lines.count(REED_LINE) == 1
    assert sum("adzuna" in line or "reed" in line for line in lines) == 2
    assert no_keys == [slug for slug in SOURCES if slug not in KEYED]


def test_a_malformed_key_stops_the_crawl_with_one_line(no_keys: list[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPULSE_ADZUNA_KEY", "no-colon-secret")
    result = CliRunner().invoke(cli, ["crawl", "--all"])
    assert result.exit_code == 1 and no_keys == []
    assert result.output.splitlines() == [
        "Error: JOBPULSE_ADZUNA_KEY is set but is not of the form app_id:app_key"]


def test_crawl_with_the_key_set_runs_it(no_keys: list[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPULSE_REED_KEY", "k")
    result = CliRunner().invoke(cli, ["crawl", "reed", "adzuna"])
    assert result.exit_code == 0, result.output
    assert no_keys == ["reed"]
    assert ADZUNA_LINE in result.output.splitlines()


def test_sources_says_which_need_a_key_and_whether_it_is_set(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOBPULSE_ADZUNA_KEY", raising=False)
    monkeypatch.setenv("JOBPULSE_REED_KEY", "reed-secret-value")
    output = CliRunner().invoke(cli, ["sources"]).output
    assert "reed-secret-value" not in output
    lines = output.splitlines()
    keyed = [line.strip() for line in lines if "needs a key" in line]
    assert keyed == [
        "needs a key: JOBPULSE_ADZUNA_KEY=app_id:app_key (not set: skipped by crawl --all and "
        "schedule)",
        "needs a key: JOBPULSE_REED_KEY=api_key (set)"]


def test_scheduler_skips_without_the_key(no_keys: list[str], tmp_path: Path,
                                         caplog: pytest.LogCaptureFixture) -> None:
    from pipeline.config import Settings

    config_file = tmp_path / "schedule.yaml"
    config_file.write_text("sources:\n  adzuna: {enabled: true}\n  hn: {enabled: false}\n")
    service = SchedulerService(load_config(config_file), Settings.from_env())
    with caplog.at_level(logging.INFO, logger="pipeline.ops.schedule"):
        service.run_source("adzuna")
    assert no_keys == []
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [ADZUNA_LINE]
    assert caplog.records[0].levelno == logging.WARNING


def test_keyed_sources_stay_off_a_shared_queue(tmp_path: Path) -> None:
    with pytest.raises(JobpulseError, match="shared Redis queue would store"):
        run_crawl("reed", landing_dir=tmp_path / "landing", redis_url="redis://127.0.0.1:9/0",
                  crawl_id="c1", worker=0)
    assert not (tmp_path / "landing").exists()


@pytest.fixture
def masking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo what :func:`crawlers.keys.hide` installs in this process once the test is over."""
    monkeypatch.setattr(keys, "_HIDDEN", set())
    monkeypatch.setattr(keys, "_previous_factory", None)
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())


def test_a_read_key_is_masked_in_every_log_record(masking: None,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("JOBPULSE_TEST_KEY", "id+1/x:s3cr3t value")
    assert keys.read_key("JOBPULSE_TEST_KEY", "app_id:app_key", parts=2) == [
        "id+1/x", "s3cr3t value"]
    header = keys.basic_auth("s3cr3t value")
    log = logging.getLogger("test.keys")
    with caplog.at_level(logging.INFO, logger="test.keys"):
        log.info("GET %s", "https://x.test/?app_id=id%2B1%2Fx&app_key=s3cr3t+value")
        log.info("header %s", header)
        try:
            raise ValueError("refused s3cr3t value")
        except ValueError:
            log.exception("failed")
    text = caplog.text
    assert "s3cr3t" not in text and "id%2B1" not in text and header[6:] not in text
    assert "app_id=***&app_key=***" in text and "refused ***" in text


def test_a_missing_or_malformed_key_is_named_not_shown(masking: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPULSE_TEST_KEY", "only-one-part")
    with pytest.raises(keys.MissingKey) as raised:
        keys.read_key("JOBPULSE_TEST_KEY", "app_id:app_key", parts=2)
    assert str(raised.value) == "set JOBPULSE_TEST_KEY=app_id:app_key to crawl this source"
    monkeypatch.delenv("JOBPULSE_TEST_KEY")
    with pytest.raises(keys.MissingKey):
        keys.read_key("JOBPULSE_TEST_KEY", "api_key")
