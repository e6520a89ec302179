"""Careers URLs to boards, the boards-file edit, board sources, and what a board's answer means
(no crawls: pure functions and files)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from crawlers.ats_boards import read_boards_file
from handoff.boards import (
    DEAD_AFTER,
    BoardHealth,
    StateError,
    classify,
    dump_state,
    parse_state,
    record_run,
)
from pipeline.ops.boards import board_sources
from pipeline.ops.boards_file import BoardsFileError, add_board, find_board
from pipeline.ops.boards_url import TOKEN, BoardRef, recognise

CASES = [
    ("https://boards.greenhouse.io/acme", "greenhouse", "acme"),
    ("https://job-boards.greenhouse.io/acme/jobs/4012345", "greenhouse", "acme"),
    ("https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true", "greenhouse", "acme"),
    ("https://boards.greenhouse.io/embed/job_board?for=acme", "greenhouse", "acme"),
    ("https://jobs.lever.co/acme/5f1c-uuid", "lever", "acme"),
    ("jobs.lever.co/acme", "lever", "acme"),
    ("https://jobs.ashbyhq.com/acme/7d2e?utm_source=x", "ashby", "acme"),
    ("https://api.ashbyhq.com/posting-api/job-board/acme", "ashby", "acme"),
    ("https://jobs.smartrecruiters.com/AcmeGroup/743999-engineer", "smartrecruiters",
     "AcmeGroup"),
    ("https://careers.smartrecruiters.com/AcmeGroup", "smartrecruiters", "AcmeGroup"),
    ("https://apply.workable.com/acme/", "workable", "acme"),
    ("https://apply.workable.com/acme/j/1A2B3C/", "workable", "acme"),
    ("https://acme.recruitee.com/o/backend-engineer", "recruitee", "acme"),
    ("https://acme.jobs.personio.de/job/123?language=en", "personio", "acme"),
    ("https://acme.jobs.personio.com/", "personio", "acme"),
    ("https://acme.wd5.myworkdayjobs.com/en-US/External_Careers/job/Remote/Engineer_R1",
     "workday", "acme.wd5.External_Careers"),
    ("https://acme.wd1.myworkdayjobs.com/AcmeJobs", "workday", "acme.wd1.AcmeJobs"),
    ("https://acme.wd103.myworkdayjobs.com/wday/cxs/acme/Ext/jobs", "workday", "acme.wd103.Ext"),
    ("https://acme.bamboohr.com/careers/42", "bamboohr", "acme"),
    ("HTTPS://ACME.BambooHR.com/jobs/", "bamboohr", "acme"),
]


@pytest.mark.parametrize(("url", "source", "token"), CASES)
def test_each_ats_pattern_is_recognised(url: str, source: str, token: str) -> None:
    assert recognise(url) == BoardRef(source, token)


@pytest.mark.parametrize("url", [
    "https://example.com/careers", "https://www.greenhouse.io/", "https://jobs.lever.co/",
    "https://www.bamboohr.com/careers", "https://app.recruitee.com/", "ftp://jobs.lever.co/x",
    "https://acme.myworkdayjobs.com/External", "https://acme.wd5.myworkdayjobs.com/en-US",
    "https://boards.greenhouse.io/embed/job_board", "https://jobs.lever.co/a%2Fb..",
    "not a url at all", "",
])
def test_other_urls_are_not_boards(url: str) -> None:
    assert recognise(url) is None


HOST_TOKENS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True).filter(
    lambda t: t not in {"www", "api", "app", "apply", "jobs", "careers", "help", "support",
                        "docs", "status", "blog", "developers", "marketplace"})
PATH_TOKENS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,40}", fullmatch=True).filter(
    lambda t: t not in {"embed", "api", "v1", "posting-api", "wday"}
    and t.strip(".") == t and ".." not in t)
TEMPLATES = {
    "greenhouse": ["https://job-boards.greenhouse.io/{t}", "https://boards.greenhouse.io/{t}/jobs/1"],
    "lever": ["https://jobs.lever.co/{t}/abc"],
    "ashby": ["https://jobs.ashbyhq.com/{t}"],
    "smartrecruiters": ["https://jobs.smartrecruiters.com/{t}/1-x"],
    "workable": ["https://apply.workable.com/{t}/"],
}
HOST_TEMPLATES = {
    "recruitee": "https://{t}.recruitee.com/", "personio": "https://{t}.jobs.personio.de/",
    "bamboohr": "https://{t}.bamboohr.com/careers",
}


@given(token=PATH_TOKENS, source=st.sampled_from(sorted(TEMPLATES)), pick=st.integers(0, 1))
def test_path_tokens_come_back_as_written(token: str, source: str, pick: int) -> None:
    templates = TEMPLATES[source]
    url = templates[pick % len(templates)].format(t=token)
    assert recognise(url) == BoardRef(source, token)


@given(token=HOST_TOKENS, source=st.sampled_from(sorted(HOST_TEMPLATES)))
def test_subdomain_tokens_come_back(token: str, source: str) -> None:
    assert recognise(HOST_TEMPLATES[source].format(t=token)) == BoardRef(source, token)


SITES = PATH_TOKENS.filter(lambda s: s != "wday"
                          and not re.fullmatch(r"[a-z]{2}(-[A-Za-z]{2,4})?", s))


@given(tenant=HOST_TOKENS, n=st.integers(1, 999), site=SITES,
       locale=st.sampled_from(["", "en-US/", "de-DE/", "fr/"]))
def test_workday_token_is_tenant_datacentre_site(tenant: str, n: int, site: str,
                                                 locale: str) -> None:
    url = f"https://{tenant}.wd{n}.myworkdayjobs.com/{locale}{site}/job/x"
    assert recognise(url) == BoardRef("workday", f"{tenant}.wd{n}.{site}")


@given(st.text(max_size=200))
def test_any_text_is_a_board_or_none(text: str) -> None:
    ref = recognise(text)
    assert ref is None or TOKEN.fullmatch(ref.token)


def test_board_sources_are_the_board_spider_subclasses() -> None:
    import importlib

    from crawlers.ats_boards import BoardSpider
    from pipeline.ops.sources import SOURCES

    real = set()
    for slug in SOURCES:
        module = importlib.import_module(f"crawlers.spiders.{slug}")
        real |= {v.name for v in vars(module).values() if isinstance(v, type)
                 and issubclass(v, BoardSpider) and v is not BoardSpider
                 and getattr(v, "name", None)}
    assert board_sources() == sorted(real)
    assert {"greenhouse", "lever", "ashby"} <= real


def test_board_sources_follow_inheritance(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "from crawlers.ats_boards import BoardSpider\n"
        "class A(BoardSpider):\n    name = 'a'\n"
        "class Plain:\n    name = 'plain'\n")
    (tmp_path / "b.py").write_text(
        "import crawlers.ats_boards as boards\nfrom typing import ClassVar\n"
        "from .a import A\n"
        "class B(A):\n    name: ClassVar[str] = 'b'\n"
        "class C(boards.BoardSpider):\n    name = 'c'\n")
    assert board_sources(tmp_path) == ["a", "b", "c"]


BOARDS = """\
# Boards: keep this comment.
greenhouse:
  gitlab: GitLab   # a comment on an entry
  stripe: Stripe

  # Lever next.
lever:
  - palantir
  - spotify
# Ashby, last.
ashby:
"""


def test_add_keeps_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "boards.yaml"
    path.write_text(BOARDS)
    add_board(path, "greenhouse", "acme", "Acme: The Company")
    add_board(path, "lever", "newco", "ignored in a list")
    add_board(path, "ashby", "1password", None)
    add_board(path, "workday", "acme.wd5.External", "Acme")
    text = path.read_text()
    assert text.startswith("# Boards: keep this comment.\n")
    assert "  stripe: Stripe\n  acme: 'Acme: The Company'\n\n  # Lever next.\n" in text
    assert "  - spotify\n  - newco\n# Ashby, last.\n" in text
    assert text.endswith("ashby:\n  1password:\n\nworkday:\n  acme.wd5.External: Acme\n")
    assert read_boards_file(path, "greenhouse") == {
        "gitlab": "GitLab", "stripe": "Stripe", "acme": "Acme: The Company"}
    assert read_boards_file(path, "ashby") == {"1password": None}
    assert list(read_boards_file(path, "lever")) == ["palantir", "spotify", "newco"]
    assert find_board(path, "greenhouse", "GitLab") == "gitlab"
    assert find_board(path, "lever", "gitlab") is None


def test_add_refuses_what_it_cannot_edit_safely(tmp_path: Path) -> None:
    path = tmp_path / "boards.yaml"
    path.write_text("lever: [palantir]\n")
    with pytest.raises(BoardsFileError, match="on one line"):
        add_board(path, "lever", "newco", None)
    path.write_text("greenhouse: [unclosed\n")
    with pytest.raises(BoardsFileError, match="not a readable boards file"):
        add_board(path, "greenhouse", "acme", None)
    assert path.read_text() == "greenhouse: [unclosed\n"


def test_add_to_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "boards.yaml"
    add_board(path, "lever", "acme", "Acme")
    assert yaml.safe_load(path.read_text()) == {"lever": {"acme": "Acme"}}


@pytest.mark.parametrize(("outcome", "kind"), [
    ({"status": 200, "jobs": 4, "error": None}, "live"),
    ({"status": 200, "jobs": 0, "error": None}, "empty"),
    ({"status": 404, "jobs": 0, "error": None}, "moved"),
    ({"status": 410, "jobs": 0, "error": None}, "moved"),
    ({"status": 200, "jobs": 3, "error": None, "moved_to": "https://acme.example/jobs"},
     "moved"),
    ({"status": 200, "jobs": 0, "error": "html_not_json"}, "broken"),
    ({"status": 503, "jobs": 0, "error": None}, "broken"),
    ({"status": None, "jobs": 0, "error": "TimeoutError"}, "broken"),
])
def test_classify(outcome: dict, kind: str) -> None:
    assert classify(outcome) == kind


def test_three_moved_or_empty_runs_make_a_board_dead() -> None:
    moved = {"status": 404, "jobs": 0, "error": None}
    empty = {"status": 200, "jobs": 0, "error": None}
    broken = {"status": 503, "jobs": 0, "error": None}
    live = {"status": 200, "jobs": 2, "error": None}
    state: dict[str, BoardHealth] = {}
    for run, outcome in enumerate([moved, broken, empty, moved], start=1):
        state = record_run(state, {"acme": outcome}, f"2026-11-0{run}T00:00:00Z")
    # A broken answer neither counts nor resets: moved, empty, moved is three in a row.
    assert state["acme"] == BoardHealth(DEAD_AFTER, "2026-11-04T00:00:00Z")
    state = record_run(state, {"acme": empty}, "2026-11-05T00:00:00Z")
    assert state["acme"].dead_since == "2026-11-04T00:00:00Z"
    assert record_run(state, {"acme": live}, "2026-11-06T00:00:00Z") == {}
    assert parse_state(dump_state(state)) == state
    assert parse_state(dump_state({"ok": BoardHealth()})) == {}


@pytest.mark.parametrize("text", [b"{", b"[]", b'{"boards": []}',
                                  b'{"boards": {"a": {"streak": -1}}}',
                                  b'{"boards": {"a": {"streak": 1, "dead_since": 5}}}'])
def test_a_bad_state_file_is_refused(text: bytes) -> None:
    with pytest.raises(StateError):
        parse_state(text)
