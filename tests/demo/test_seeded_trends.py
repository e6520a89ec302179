"""The demo corpus carries exactly the known answer documented in ``pipeline.demo.seeded_trends``.

The corpus is written with the generators only (no crawl) and its texts are read with the real
skill extractor, so these tests see what the warehouse will see: within ``hn`` Go and Rust rise
and PHP and Perl fall by the documented amounts between Aug-Oct 2025 and Aug-Oct 2026, nothing
else moves beyond sampling noise, freelancer threads join in their month with their own mix,
non-engineering ads are present in their share, and the partial last month would mislead.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import random
import re
from collections import Counter
from pathlib import Path

import attrs
import pytest

from pipeline.demo import ats_vocab, board_vocab, seeded_trends
from pipeline.demo.corpus import DEMO_END
from pipeline.demo.greenhouse_corpus import write_corpus as write_greenhouse
from pipeline.demo.hn_corpus import CorpusSummary
from pipeline.demo.nonengineering import TITLES
from pipeline.demo.seeded_trends import (
    FREELANCE_EARLY,
    FREELANCE_JOINS,
    NON_ENGINEERING_SHARE,
    SEEDED,
    SEEDED_FALLING,
    SEEDED_RISING,
    expected_change,
)
from pipeline.normalize.skills.extractor import SkillExtractor
from pipeline.normalize.skills.taxonomy import load_taxonomy

END = DEMO_END
RECENT = [dt.date(2026, m, 1) for m in (8, 9, 10)]
EARLIER = [dt.date(2025, m, 1) for m in (8, 9, 10)]
HEADER_SEP = re.compile(r"\s(?:\||-|–|/|·)\s")


@attrs.frozen
class Ad:
    source: str  # "hn" | "hn_freelance"
    month: dt.date
    engineering: bool
    skills: frozenset[str]


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _read(root: Path, since: dt.date) -> list[Ad]:
    """Employer ads of the hiring and freelancer threads from ``since``, with their skills."""
    extractor = SkillExtractor(load_taxonomy())
    stories = json.loads((root / "hn" / "stories.json").read_text(encoding="utf-8"))
    ads = []
    for hit in stories:
        path = root / "hn" / "items" / f"{hit['story_id']}.json"
        if not path.exists():
            continue
        source = "hn_freelance" if hit["title"].startswith("Ask HN: Freelancer?") else "hn"
        posted = dt.datetime.fromtimestamp(hit["created_at_i"], dt.UTC).date().replace(day=1)
        if posted < since:
            continue
        for node in json.loads(path.read_text(encoding="utf-8"))["children"]:
            text = node.get("text")
            if not text or node["author"] == "whoishiring":
                continue
            first = _plain(re.split(r"</p>|<p>", text.removeprefix("<p>"))[0]).strip()
            if first.startswith("SEEKING WORK") or (
                    source == "hn_freelance" and not first.startswith("SEEKING FREELANCER")):
                continue  # seekers are supply, not demand
            fields = {f.strip() for f in HEADER_SEP.split(first)}
            ads.append(Ad(source, posted, not fields & TITLES,
                          frozenset(extractor.extract_html(text))))
    return ads


@pytest.fixture(scope="module")
def ads(demo_hn_corpus: tuple[Path, CorpusSummary]) -> list[Ad]:
    return _read(demo_hn_corpus[0], EARLIER[0])  # exactly the demo's corpus


def _share(ads: list[Ad], source: str, months: list[dt.date], skill: str) -> tuple[float, int]:
    window = [a for a in ads if a.source == source and a.month in months and a.engineering]
    return sum(skill in a.skills for a in window) / len(window), len(window)


def _z(ads: list[Ad], skill: str, source: str = "hn") -> tuple[float, float, float]:
    """(recent share, earlier share, z of the change) for engineering ads of ``source``."""
    p2, n2 = _share(ads, source, RECENT, skill)
    p1, n1 = _share(ads, source, EARLIER, skill)
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return p2, p1, (p2 - p1) / se if se else 0.0


def test_the_truth_is_declared_once_and_documented() -> None:
    assert set(SEEDED) == set(SEEDED_RISING) | set(SEEDED_FALLING)
    doc = seeded_trends.__doc__ or ""
    for skill in SEEDED:
        change, half = expected_change(skill, RECENT, EARLIER)
        line = next(ln for ln in doc.splitlines() if ln.startswith(f"{skill} "))
        assert f"{100 * change:+.1f} points" in line and f"+/- {100 * half:.1f})" in line, line
        assert abs(change) > 1.5 * half  # large enough to find with the demo's volume
        assert (change > 0) == (skill in SEEDED_RISING)


def test_seeded_skills_move_by_the_documented_amount(ads: list[Ad]) -> None:
    for skill in SEEDED:
        recent, earlier, z = _z(ads, skill)
        change, half = expected_change(skill, RECENT, EARLIER)
        se = half / 1.96
        assert abs((recent - earlier) - change) < 2.6 * se, (skill, earlier, recent, change)
        assert (z > 1.96) if skill in SEEDED_RISING else (z < -1.96), (skill, z)


def test_every_other_skill_stays_flat_within_hn(ads: list[Ad]) -> None:
    skills = set().union(*(a.skills for a in ads if a.source == "hn")) - set(SEEDED)
    moved = {s: round(z, 2) for s in skills if abs(z := _z(ads, s)[2]) > 3.5}
    assert moved == {}
    for common in ("Python", "Java", "TypeScript", "Ruby", "PostgreSQL", "AWS", "React",
                   "Docker", "Terraform", "Kubernetes", "OpenAI"):
        assert abs(_z(ads, common)[2]) < 3, common


def test_freelancer_threads_join_with_their_own_mix(ads: list[Ad]) -> None:
    freelance = [a for a in ads if a.source == "hn_freelance"]
    assert min(a.month for a in freelance) == FREELANCE_JOINS
    assert not [a for a in freelance if a.month in EARLIER]
    php, n = _share(ads, "hn_freelance", RECENT, "PHP")
    go = _share(ads, "hn_freelance", RECENT, "Go")[0]
    assert n > 100 and php > 0.2 and go < 0.08
    # Pooled with hn, its arrival hides most of PHP's fall: the source-mix trap.
    hn_recent, hn_earlier, _ = _z(ads, "PHP")
    hn_n = _share(ads, "hn", RECENT, "PHP")[1]
    pooled = (hn_recent * hn_n + php * n) / (hn_n + n)
    assert hn_recent - hn_earlier < -0.02 and pooled - hn_earlier > hn_recent - hn_earlier + 0.02


def test_nonengineering_ads_have_their_share_and_tools(ads: list[Ad]) -> None:
    for source in ("hn", "hn_freelance"):
        mine = [a for a in ads if a.source == source]
        share = sum(not a.engineering for a in mine) / len(mine)
        assert abs(share - NON_ENGINEERING_SHARE) < 0.035, (source, share)
    hn = [a for a in ads if a.source == "hn"]
    for months in (EARLIER, RECENT):  # flat over time
        window = [a for a in hn if a.month in months]
        assert abs(sum(not a.engineering for a in window) / len(window)
                   - NON_ENGINEERING_SHARE) < 0.04
    other = [a for a in hn if not a.engineering]
    tools = sum(bool(a.skills & {"Salesforce", "HubSpot", "Looker", "SQL"}) for a in other)
    assert tools > 0.5 * len(other)
    assert sum(bool(a.skills & set(SEEDED) | {"Python"} & a.skills) for a in other) > 0.1 * len(
        other)  # engineering skills named in passing
    assert not any("Salesforce" in a.skills for a in hn if a.engineering)


def test_the_partial_month_would_make_a_spurious_mover(ads: list[Ad]) -> None:
    hn = [a for a in ads if a.source == "hn" and a.engineering]
    per_month = Counter(a.month for a in hn)
    full = [per_month[m] for m in per_month if m != END]
    assert per_month[END] < 0.65 * min(full)
    partial, _ = _share(ads, "hn", [END], "Kubernetes")
    recent, _ = _share(ads, "hn", RECENT, "Kubernetes")
    assert partial - recent > 0.08


@pytest.mark.parametrize("draw", ["ats", "board"])
def test_snapshot_sources_have_flat_mixes_and_nonengineering_ads(draw: str) -> None:
    rng = random.Random(3)
    if draw == "ats":
        jobs = [(j.title, j.published.date(), j.intro + " ".join(j.duties))
                for _ in range(60) for j in ats_vocab.company_jobs(
                    rng, "Acme", 50, end=END, months=48, pay_share=0.5)]
    else:
        names = board_vocab.companies(rng, 20)
        jobs = [(j.title, j.posted.date(), " ".join(j.paragraphs)) for j in (
            board_vocab.make_job(rng, names, months=48, end=END) for _ in range(3000))]
    other = [j for j in jobs if any(j[0].endswith(t) for t in TITLES)]
    assert abs(len(other) / len(jobs) - NON_ENGINEERING_SHARE) < 0.03
    assert sum(bool(re.search(r"Salesforce|HubSpot|Figma|Looker|SQL|Zendesk|Jira", j[2]))
               for j in other) > 0.6 * len(other)
    # Survivors carry no trend: Go is as common in old postings as in new ones.
    old = [j for j in jobs if j[1] < dt.date(2025, 1, 1)]
    new = [j for j in jobs if j[1] >= dt.date(2025, 1, 1)]
    go_old, go_new = (sum(" Go " in j[2] or "Go services" in j[2] for j in part) / len(part)
                      for part in (old, new))
    assert abs(go_new - go_old) < 0.04


def test_written_board_holds_nonengineering_jobs(tmp_path: Path) -> None:
    write_greenhouse(tmp_path, seed=7, months=48, end=END)
    titles = [job["title"] for board in (tmp_path / "greenhouse").glob("*.json")
              for job in json.loads(board.read_text(encoding="utf-8"))["jobs"]]
    other = sum(t in TITLES for t in titles)
    assert 0.04 < other / len(titles) < 0.22


def test_freelancer_threads_leave_then_join(demo_hn_corpus: tuple[Path, CorpusSummary]) -> None:
    stories = json.loads((demo_hn_corpus[0] / "hn" / "stories.json").read_text("utf-8"))
    months = {dt.datetime.fromtimestamp(h["created_at_i"], dt.UTC).date().replace(day=1)
              for h in stories if h["title"].startswith("Ask HN: Freelancer?")}
    # A first run that stops (the source leaves), a gap, then back for good (it joins).
    assert min(months) == FREELANCE_EARLY[0]
    assert max(m for m in months if m < FREELANCE_JOINS) == FREELANCE_EARLY[1]
    assert min(m for m in months if m > FREELANCE_EARLY[1]) == FREELANCE_JOINS
