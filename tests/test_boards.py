"""``jobpulse boards check``, ``add`` and ``revive`` against the replay server, and the board
spiders' check mode they run on."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import scrapy
from click.testing import CliRunner, Result
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from crawlers.ats_boards import BoardSpider
from crawlers.spiders.lever import LeverSpider
from handoff.boards import BoardHealth, dump_state, parse_state, state_key
from pipeline.cli import cli
from pipeline.config import Settings
from tests.conftest import FIXTURE_SITES, ReplayServer

BOARDS = """\
# Test boards.
greenhouse:
  harborline: Harborline
  tidewater: Tidewater   # answers HTML
  saltmarsh: Saltmarsh   # redirected off the ATS
  nosuch: Gone           # 404

ashby:
  driftwood: Driftwood   # no jobs
  lumenworks: Lumenworks # was dead, answers live
  vanished: Vanished     # 404, dead
"""


def run(settings: Settings, *args: str) -> Result:
    env = {"JOBPULSE_DATA_DIR": str(settings.data_dir),
           "JOBPULSE_LANDING_DIR": str(settings.landing_dir)}
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture
def boards_file(tmp_path: Path) -> Path:
    path = tmp_path / "boards.yaml"
    path.write_text(BOARDS, encoding="utf-8")
    return path


def write_state(settings: Settings, source: str, state: dict[str, BoardHealth]) -> Path:
    path = settings.landing_dir / state_key(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dump_state(state))
    return path


def test_check_reports_every_board_and_marks_dead_ones(
        replay: ReplayServer, settings: Settings, boards_file: Path) -> None:
    port = replay.url.rsplit(":", 1)[1]
    replay.set_faults({
        "/greenhouse/v1/boards/tidewater/jobs": {"body": "<!doctype html><p>We moved</p>",
                                                 "content_type": "text/html"},
        # A company that left the ATS: its board sends readers to its own site.
        "/greenhouse/v1/boards/saltmarsh/jobs": {"status": 301, "headers": {
            "Location": f"http://localhost:{port}/greenhouse/v1/boards/harborline/jobs"}},
    })
    state = write_state(settings, "ashby", {
        "lumenworks": BoardHealth(3, "2026-11-01T00:00:00Z"),
        "vanished": BoardHealth(4, "2026-10-01T00:00:00Z")})
    result = run(settings, "boards", "check", "greenhouse", "ashby",
                 "--base-url", replay.url + "/{source}", "--boards-file", str(boards_file))
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split(None, 2)[1:] for line in result.output.splitlines()}
    assert lines["greenhouse/harborline"] == ["live", "3 jobs"]
    assert lines["greenhouse/tidewater"] == ["broken", "html_not_json (HTTP 200)"]
    assert lines["greenhouse/saltmarsh"][0] == "moved"
    assert "redirected to http://localhost:" in lines["greenhouse/saltmarsh"][1]
    assert lines["greenhouse/nosuch"] == ["moved", "HTTP 404"]
    assert lines["ashby/driftwood"] == ["empty", "HTTP 200"]
    assert lines["ashby/lumenworks"][0] == "live"
    assert lines["ashby/lumenworks"][1].endswith("(was dead: revived)")
    assert lines["ashby/vanished"] == ["moved", "HTTP 404  DEAD since 2026-10-01"]
    assert result.output.splitlines()[-1] == (
        "checked 7 boards of 2 sources: 2 live, 1 empty, 3 moved, 1 broken; 1 dead (skipped "
        "by crawls; `jobpulse boards revive` brings one back); 1 revived")
    # The live answer cleared the dead board's streak; a check does not advance streaks.
    assert parse_state(state.read_bytes()) == {
        "vanished": BoardHealth(4, "2026-10-01T00:00:00Z")}
    assert not (settings.landing_dir / "greenhouse").exists()  # nothing landed


def test_check_usage_and_config_errors_are_one_line(
        replay: ReplayServer, settings: Settings, boards_file: Path, tmp_path: Path) -> None:
    result = run(settings, "boards", "check", "remoteok")
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: 'remoteok' is not a board source")
    assert len(result.output.strip().splitlines()) == 1
    result = run(settings, "boards", "check", "lever", "ashby", "--base-url", replay.url)
    assert result.exit_code == 2 and "{source}" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("lever:\n  'bad token!': Bad\n")
    result = run(settings, "boards", "check", "lever", "--base-url", replay.base("lever"),
                 "--boards-file", str(broken))
    assert result.exit_code == 1
    assert result.output.startswith("Error: lever: the check did not run:")
    assert "invalid board name" in result.output and len(result.output.splitlines()) == 1


def test_add_recognises_checks_and_edits(replay: ReplayServer, settings: Settings,
                                         boards_file: Path) -> None:
    base = replay.base("ashby")
    added = run(settings, "boards", "add", "https://jobs.ashbyhq.com/quillpoint/abc-123",
                "--name", "Quillpoint", "--base-url", base, "--boards-file", str(boards_file))
    assert added.exit_code == 0, added.output
    assert added.output.splitlines() == [
        "ashby/quillpoint: live, 2 jobs", f"added ashby/quillpoint to {boards_file}"]
    assert boards_file.read_text().endswith(
        "  vanished: Vanished     # 404, dead\n  quillpoint: Quillpoint\n")
    refused = run(settings, "boards", "add", "https://jobs.ashbyhq.com/nosuchboard",
                  "--base-url", base, "--boards-file", str(boards_file))
    assert refused.exit_code == 1
    assert refused.output == ("Error: ashby/nosuchboard not added: the board answered moved "
                              "(HTTP 404); --no-check adds it anyway\n")
    assert "nosuchboard" not in boards_file.read_text()


def test_add_without_check_present_and_unknown(settings: Settings, boards_file: Path) -> None:
    before = boards_file.read_text()
    present = run(settings, "boards", "add", "https://boards.greenhouse.io/HarborLine/jobs/1",
                  "--boards-file", str(boards_file))
    assert present.exit_code == 0
    assert present.output == f"greenhouse/harborline is already in {boards_file}\n"
    unknown = run(settings, "boards", "add", "https://careers.example.com/jobs",
                  "--boards-file", str(boards_file))
    assert unknown.exit_code == 2 and len(unknown.output.splitlines()) == 1
    assert "is not a board URL of a known ATS" in unknown.output
    assert boards_file.read_text() == before
    added = run(settings, "boards", "add", "jobs.lever.co/newco", "--no-check",
                "--boards-file", str(boards_file))
    assert added.exit_code == 0, added.output
    # No lever section yet: a new one at the end.
    assert boards_file.read_text() == before + "\nlever:\n  newco:\n"


def test_revive(settings: Settings) -> None:
    path = write_state(settings, "greenhouse", {"acme": BoardHealth(3, "2026-11-01T00:00:00Z"),
                                                "other": BoardHealth(1, None)})
    result = run(settings, "boards", "revive", "greenhouse", "acme")
    assert result.exit_code == 0
    assert result.output.startswith("greenhouse/acme revived (dead since 2026-11-01)")
    assert json.loads(path.read_text()) == {"boards": {"other": {"streak": 1,
                                                                 "dead_since": None}}}
    again = run(settings, "boards", "revive", "greenhouse", "acme")
    assert again.output == "greenhouse/acme is not dead; nothing to do\n"
    path.write_text("{broken")
    bad = run(settings, "boards", "revive", "greenhouse", "acme")
    assert bad.exit_code == 1 and bad.output.startswith("Error: ") \
        and "unreadable board state" in bad.output


def _drain(request: scrapy.Request, response: TextResponse) -> list:
    async def drain() -> list:
        return [out async for out in request.callback(response, **request.cb_kwargs)]
    return asyncio.run(drain())


def _answer(request: scrapy.Request, body: bytes) -> TextResponse:
    return TextResponse(request.url, body=body, request=request,
                        headers={"Content-Type": "application/json"})


def test_check_mode_keeps_the_answer_and_drops_items_and_further_pages() -> None:
    body = (FIXTURE_SITES / "lever" / "copperleaf.json").read_bytes()
    args = {"base_url": "http://lever.test", "boards": "copperleaf", "page_size": "2"}
    crawling = LeverSpider.from_crawler(get_crawler(LeverSpider), **args)
    request = crawling.board_request("copperleaf")
    out = list(request.callback(_answer(request, body), **request.cb_kwargs))
    # A full page: a crawl lands its postings and asks for the next page.
    assert sum(isinstance(o, scrapy.Request) for o in out) == 1 and len(out) == 6
    checking = LeverSpider.from_crawler(get_crawler(LeverSpider), check="1", **args)
    request = checking._checking(checking.board_request("copperleaf"))
    assert _drain(request, _answer(request, body)) == []
    assert checking.board_outcomes == {"copperleaf": {"status": 200, "jobs": 5, "error": None}}


class TwoStepSpider(BoardSpider):
    """A board behind a first request that tells nothing about the board yet."""

    name = "twostep"

    def board_request(self, board: str) -> scrapy.Request:
        return scrapy.Request(f"http://ats.test/{board}/token", callback=self.parse_token,
                              errback=self.on_error, cb_kwargs={"board": board})

    def parse_token(self, response: TextResponse, board: str) -> Iterator[scrapy.Request]:
        yield scrapy.Request(f"http://ats.test/{board}/jobs", callback=self.parse_jobs,
                             cb_kwargs={"board": board})

    def parse_jobs(self, response: TextResponse, board: str) -> Iterator[Any]:
        self.load_board(response, "jobs")
        yield from ()


def test_check_mode_follows_requests_until_the_board_has_answered() -> None:
    spider = TwoStepSpider.from_crawler(get_crawler(TwoStepSpider), boards="acme", check="1")
    first = spider._checking(spider.board_request("acme"))
    (follow,) = _drain(first, _answer(first, b"{}"))
    assert follow.url == "http://ats.test/acme/jobs" and not spider.board_outcomes
    assert _drain(follow, _answer(follow, b'{"jobs": [{"id": 1}]}')) == []
    assert spider.board_outcomes["acme"] == {"status": 200, "jobs": 1, "error": None}
