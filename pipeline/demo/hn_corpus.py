"""Seeded generator of a synthetic HN "Who is hiring?" corpus in the Algolia API's exact shapes.

``jobpulse demo`` serves the files written here from a local HTTP server and crawls them with the
real HN spider, so the shapes follow the live API (``shared/sources/README.md`` section 1):

* ``hn/stories.json`` - the ``hits`` of ``search_by_date?tags=story,author_whoishiring``, newest
  first: three stories a month, posted at 11:00 US-Eastern on the first weekday of the month.
* ``hn/items/<id>.json`` - the ``items/{id}`` tree of every "Who is hiring?" thread and, optionally,
  every "Freelancer? Seeking freelancer?" and "Who wants to be hired?" thread. The "Who wants to
  be hired?" threads come from their own random stream (``hn_seeking_posts``), so adding them
  changed no other thread; their ids are HN-like but not interleaved with the other threads'.

All text comes from ``hn_postings`` and ``hn_prose``; nothing is copied from real postings. Output
depends only on the arguments (one ``random.Random`` per month and thread, no wall clock): equal
arguments give byte-identical files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from pipeline.demo.hn_calendar import id_at, iso_time, iter_hn_months, thread_post_time
from pipeline.demo.hn_markup import esc, escaped, fill, join_paragraphs
from pipeline.demo.hn_postings import (
    Company,
    client_paragraphs,
    job_paragraphs,
    new_company,
    nonengineering_paragraphs,
    seeker_paragraphs,
)
from pipeline.demo.hn_prose import BOT_COMMENTS, GUIDE_FREELANCE, GUIDE_HIRING, GUIDE_WANTS, REPLIES
from pipeline.demo.hn_seeking_posts import seeking_thread_posts
from pipeline.demo.hn_trends import LANGUAGES, SEASON, YEAR_VOLUME, sample
from pipeline.demo.hn_vocab import LOCATIONS, handle
from pipeline.demo.seeded_trends import (
    FREELANCE_JOINS,
    NON_ENGINEERING_SHARE,
    PARTIAL_HOURS,
    freelance_threads_in,
    month_year,
    trend,
)

BOT = "whoishiring"


HIRING = "Who is hiring?"


WANTS = "Who wants to be hired?"


FREELANCE = "Freelancer? Seeking freelancer?"


_DAY = 86400


@attrs.frozen
class CorpusSummary:
    """What ``write_hn_corpus`` wrote: ``threads`` "Who is hiring?" threads holding ``postings``
    non-deleted top-level comments (job ads plus the odd misplaced seeker or bot note)."""

    threads: int
    postings: int
    first_month: dt.date
    last_month: dt.date
    seekers: int = 0
    """Non-deleted top-level posts of the "Who wants to be hired?" threads."""


@attrs.define
class _Node:
    time: int
    author: str
    text: str | None  # None renders as a deleted node
    children: list[_Node] = attrs.Factory(list)
    id: int = 0


def _offset(rng: random.Random) -> int:
    """Seconds after the story: a burst in the first hours, then a tail over ~2 weeks."""
    r = rng.random()
    if r < 0.45:
        sec = rng.expovariate(1 / 5400)
    elif r < 0.72:
        sec = rng.uniform(3 * 3600, 48 * 3600)
    else:
        sec = 2 * _DAY + rng.expovariate(1 / (3.5 * _DAY))
    return int(min(max(sec, 15), 15 * _DAY))


def _add_noise(rng: random.Random, top: list[_Node], start: int, reply_p: float,
               deleted_p: float) -> None:
    for node in list(top):
        if rng.random() < reply_p:
            question, answer = rng.choice(REPLIES)
            q = _Node(node.time + 60 + int(rng.expovariate(1 / 20000)), handle(rng),
                      join_paragraphs([fill(question,
                                            escaped({"place": rng.choice(LOCATIONS)[0]}))]))
            node.children.append(q)
            if rng.random() < 0.5:
                when = q.time + 120 + int(rng.expovariate(1 / 30000))
                q.children.append(_Node(when, node.author, join_paragraphs([esc(answer)])))
            if rng.random() < 0.1:
                q.children.append(_Node(q.time + 300, "", None))
    for _ in range(max(1, round(len(top) * deleted_p * rng.uniform(0.5, 1.5)))):
        dead = _Node(start + _offset(rng), "", None)
        if rng.random() < 0.1:
            text = join_paragraphs([esc("Why was this removed?")])
            dead.children.append(_Node(dead.time + 900, handle(rng), text))
        top.append(dead)


def _hiring_thread(rng: random.Random, year: float, start: int, count: int,
                   pool: list[Company], used: set[str]) -> list[_Node]:
    top: list[_Node] = []
    recent = list(dict.fromkeys(pool))  # companies that posted lately tend to post again
    rng.shuffle(recent)
    this_month: list[Company] = []
    for _ in range(count):
        if recent and rng.random() < 0.45:
            company = recent.pop()
        else:
            company = new_company(rng, used, sample(rng, LANGUAGES, 1)[0], year)
        this_month.append(company)
        when = _offset(rng)
        if rng.random() < NON_ENGINEERING_SHARE:
            paras = nonengineering_paragraphs(rng, year, company)
        else:
            lang = company.lang if rng.random() < 0.7 else sample(rng, LANGUAGES, 1)[0]
            paras = job_paragraphs(rng, year, company, lang, when < PARTIAL_HOURS * 3600)
        text = join_paragraphs(paras, rng.random() < 0.05)
        top.append(_Node(start + when, company.poster, text))
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):  # seekers who picked the wrong thread
        text = join_paragraphs(seeker_paragraphs(rng, year, False), rng.random() < 0.3)
        top.append(_Node(start + _offset(rng), handle(rng), text))
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        text = join_paragraphs([esc(rng.choice(BOT_COMMENTS))])
        top.append(_Node(start + rng.randint(60, _DAY), BOT, text))
    _add_noise(rng, top, start, reply_p=0.08, deleted_p=0.012)
    pool[:] = (pool + this_month)[-3 * count:]
    return top


def _freelance_thread(rng: random.Random, year: float, start: int, count: int,
                      used: set[str]) -> list[_Node]:
    top = []
    for _ in range(count):  # demand side about half, freelancers advertising themselves the rest
        paras = (client_paragraphs(rng, year, used) if rng.random() < 0.5
                 else seeker_paragraphs(rng, year, True))
        top.append(_Node(start + _offset(rng), handle(rng),
                         join_paragraphs(paras, rng.random() < 0.05)))
    _add_noise(rng, top, start, reply_p=0.04, deleted_p=0.01)
    return top


def _wants_thread(seed: int, month: dt.date, months: Sequence[dt.date], start: int,
                  now: int | None, taken: set[int], bounds: tuple[int, int]) -> list[_Node]:
    """A "Who wants to be hired?" thread from its own stream, its ids clear of ``taken``."""
    rng, posts = seeking_thread_posts(seed, month, months[0], months[-1], bounds)
    top = [_Node(start + _offset(rng), user, text) for user, text in posts]
    _add_noise(rng, top, start, reply_p=0.03, deleted_p=0.01)
    top = top if now is None else _cut(top, now)
    last = 0
    for node in sorted(_walk(top), key=lambda n: n.time):
        last = max(id_at(node.time), last + 1)
        while last in taken:
            last += 1
        node.id = last
    top.sort(key=lambda n: (n.time, n.id))
    return top


def _write_tree(items_dir: Path, root: dict[str, Any], top: list[_Node], written: set[str]
                ) -> int:
    """Write a thread's ``items`` tree under ``root``; returns its live comments."""
    sid = root["id"]
    root["children"] = [_tree(n, sid, sid) for n in top]
    (items_dir / f"{sid}.json").write_text(_dump(root), encoding="utf-8")
    written.add(f"{sid}.json")
    return sum(1 for n in _walk(top) if n.text is not None)


def _month_count(rng: random.Random, month: dt.date, bounds: tuple[int, int]) -> int:
    level = trend(YEAR_VOLUME, month_year(month)) * SEASON[month.month - 1]
    frac = min(max((level * rng.uniform(0.96, 1.04) - 0.55) / 0.6, 0.0), 1.0)
    return bounds[0] + round((bounds[1] - bounds[0]) * frac)


def _cut(nodes: list[_Node], until: int) -> list[_Node]:
    """The part of a thread already posted at ``until`` (a partial month)."""
    kept = [n for n in nodes if n.time <= until]
    for n in kept:
        n.children = _cut(n.children, until)
    return kept


def _walk(nodes: list[_Node]) -> list[_Node]:
    out = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.children))
    return out


def _tree(node: _Node, parent_id: int, story_id: int) -> dict[str, Any]:
    node.children.sort(key=lambda n: (n.time, n.id))
    kids = [_tree(k, node.id, story_id) for k in node.children]
    if node.text is None:  # the hn-search serializer drops every other field of a deleted item
        return {"id": node.id, "children": kids}
    return {"id": node.id, "created_at": iso_time(node.time, True), "created_at_i": node.time,
            "type": "comment", "author": node.author, "title": None, "url": None,
            "text": node.text, "points": None, "parent_id": parent_id, "story_id": story_id,
            "options": [], "children": kids}


def _hit(sid: int, title: str, guide: Sequence[str], ts: int, kids: list[int], comments: int,
         points: int, updated: int) -> dict[str, Any]:
    text = "<p>".join(esc(p) for p in guide)  # the search index keeps Firebase's raw paragraphs
    hl = {k: {"value": v, "matchLevel": "none", "matchedWords": []}
          for k, v in (("author", BOT), ("story_text", text), ("title", title))}
    return {"_highlightResult": hl, "_tags": ["story", f"author_{BOT}", f"story_{sid}", "ask_hn"],
            "author": BOT, "children": kids, "created_at": iso_time(ts), "created_at_i": ts,
            "num_comments": comments, "objectID": str(sid), "points": points, "story_id": sid,
            "story_text": text, "title": title, "updated_at": iso_time(updated)}


def _root(sid: int, title: str, guide: Sequence[str], ts: int, points: int,
          kids: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": sid, "created_at": iso_time(ts, True), "created_at_i": ts, "type": "story",
            "author": BOT, "title": title, "url": None,
            "text": join_paragraphs([esc(p) for p in guide]),
            "points": points, "parent_id": None, "story_id": sid, "options": [], "children": kids}


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_hn_corpus(root: Path, *, seed: int = 7, months: int = 48,
                    end: dt.date = dt.date(2026, 11, 1),
                    postings_per_month: tuple[int, int] = (230, 330),
                    freelance_from: dt.date | None = FREELANCE_JOINS,
                    partial_last_month: bool = True, seeking: bool = True,
                    seekers_per_month: tuple[int, int] = (20, 36)) -> CorpusSummary:
    """Write ``root/hn/stories.json`` and ``root/hn/items/*.json`` for the ``months`` months
    ending with ``end``'s month. ``postings_per_month`` bounds the job ads per hiring thread (a
    few seekers, bot notes and deleted comments come on top); "Freelancer?" threads run in
    ``FREELANCE_EARLY`` and from ``freelance_from``'s month (``None``: not again); with
    ``partial_last_month`` the last month's threads hold only their first ``PARTIAL_HOURS``
    hours; with ``seeking`` the "Who wants to be hired?" threads are written too
    (``hn_seeking_posts``), ``seekers_per_month`` posts each. Stale item files are removed."""
    items_dir = root / "hn" / "items"
    items_dir.mkdir(parents=True, exist_ok=True)
    month_list = iter_hn_months(end, months)
    pool: list[Company] = []
    used: set[str] = set()
    hits: list[dict[str, Any]] = []
    written: set[str] = set()
    last_id = postings = seekers = 0
    for month in month_list:
        rng = random.Random(f"{seed}:{month.isoformat()}:hiring")
        frng = random.Random(f"{seed}:{month.isoformat()}:freelance")
        year = month_year(month)
        start = int(thread_post_time(month).timestamp()) + rng.randint(0, 50)
        count = _month_count(rng, month, postings_per_month)
        hiring = _hiring_thread(rng, year, start, count, pool, used)
        freelance = None
        if freelance_threads_in(month, freelance_from):
            freelance = _freelance_thread(frng, year, start, _month_count(frng, month, (80, 140)),
                                          used)
        now = None
        if partial_last_month and month == month_list[-1]:
            now = start + PARTIAL_HOURS * 3600
            hiring = _cut(hiring, now)
            freelance = None if freelance is None else _cut(freelance, now)
        # The account posts freelancer, wants, hiring in a row: hiring gets the highest id.
        fid = max(id_at(start), last_id + 1)
        last_id = fid + 2
        nodes = _walk(hiring) + _walk(freelance or [])
        for _, node in sorted(enumerate(nodes), key=lambda p: (p[1].time, p[0])):
            last_id = max(id_at(node.time), last_id + rng.randint(1, 4))
            node.id = last_id
        label = f"({calendar.month_name[month.month]} {month.year})"
        threads = [(fid + 2, HIRING, GUIDE_HIRING, hiring, rng.randint(150, 600)),
                   (fid + 1, WANTS, GUIDE_WANTS, None, rng.randint(100, 400))]
        freelance_points = rng.randint(40, 200)
        if freelance is not None:
            threads.append((fid, FREELANCE, GUIDE_FREELANCE, freelance, freelance_points))
        for sid, name, guide, top, points in threads:
            title = f"Ask HN: {name} {label}"
            if top is None:
                # The wants thread draws from its own stream; this month's stream draws what
                # it drew before the thread existed, so every other thread stays the same.
                comments = rng.randint(150, 500)
                wants = _wants_thread(seed, month, month_list, start, now,
                                      {n.id for n in nodes} | {fid, fid + 1, fid + 2},
                                      seekers_per_month) if seeking else None
                hits.append(_hit(sid, title, guide, start, [n.id for n in wants or []],
                                 comments if wants is None else _write_tree(
                                     items_dir, _root(sid, title, guide, start, points, []),
                                     wants, written), points,
                                 min(start + 28 * _DAY, now or start + 28 * _DAY)))
                seekers += sum(1 for n in wants or [] if n.text is not None)
                continue
            top.sort(key=lambda n: (n.time, n.id))
            live = [n for n in _walk(top) if n.text is not None]
            updated = max((n.time for n in live), default=start) + rng.randint(3600, 9 * _DAY)
            updated = min(updated, now or updated)
            hits.append(_hit(sid, title, guide, start, [n.id for n in top], len(live), points,
                             updated))
            if name == HIRING:
                postings += sum(1 for n in top if n.text is not None)
            kids = [_tree(n, sid, sid) for n in top]
            body = _dump(_root(sid, title, guide, start, points, kids))
            (items_dir / f"{sid}.json").write_text(body, encoding="utf-8")
            written.add(f"{sid}.json")
    for stale in items_dir.glob("*.json"):
        if stale.name not in written:
            stale.unlink()
    hits.sort(key=lambda h: (h["created_at_i"], h["story_id"]), reverse=True)
    (root / "hn" / "stories.json").write_text(_dump(hits), encoding="utf-8")
    return CorpusSummary(len(month_list), postings, month_list[0], month_list[-1], seekers)
