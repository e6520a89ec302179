"""``finditer`` / ``search`` / ``sub`` of a regex, trying it only where a match can start.

Python's ``re`` tries a big case-insensitive alternation at every position of a text (it has
no fast skip for ``re.I`` literals nor after a leading ``\\b``), so a few long texts cost far
more than the regex's few matches. Here every match of a pattern is known to begin with one of
its *literal starts* ("backend", "devops", ...), read from the pattern itself by the stdlib's
regex parser; one automaton pass over the lower-cased text finds where they occur, and the
pattern is tried (``Pattern.match``) only there, left to right, as ``finditer`` would. The
results are the regex's own matches, identical to ``Pattern.finditer``.

A branch led by ``\\w*`` or ``\\S+`` ("\\w*entwickl") may start anywhere in the run of such
characters before its literal: the leftmost place of the run not yet passed is tried, which is
where ``finditer`` finds it when nothing but ``\\b`` (before a word character) is asserted
before it. A pattern with a branch of any other start, or a Python without ``re._parser``
(private), falls back to the plain regex: slower, never different.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import ahocorasick_rs

try:
    from re import _parser as _sre
except ImportError:  # pragma: no cover - another Python: the plain regexes run
    _sre = None  # type: ignore[assignment]

__all__ = ["finditer", "search", "search_each", "sub"]

_MAX_START = 8
# The runs a branch may lead with, by the category the parser names them with.
_RUN: dict[object, Callable[[str], bool]] = {} if _sre is None else {
    _sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace()}
Run = tuple[object, int]  # category, least repeats
Start = tuple[str, bool, "Run | None", str]  # literal, may still grow, leading run, assertions
# What re.I matches to an ASCII letter but str.lower() does not make that letter (or makes two
# characters of): mapped first, so a folded text keeps every position.
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold(s: str) -> str:
    """``s`` lower-cased as ``re.I`` compares it, character for character."""
    return (s.translate(_FOLD) if "İ" in s or "ı" in s or "ſ" in s else s).lower()


def _starts(seq: Any, starts: set[Start]) -> set[Start]:
    """``starts`` grown by what the parsed ``seq`` must match first; a start that cannot tell
    what comes next stops growing (a shorter literal start is still a true one)."""
    for op, av in seq:
        if not any(grows for _t, grows, _r, _a in starts):
            break
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            mark = "b" if av == _sre.AT_BOUNDARY else "x"
            starts = {(t, g, r, a + mark * (g and not t)) for t, g, r, a in starts}
        elif op is _sre.LITERAL or (op is _sre.IN and all(o is _sre.LITERAL for o, _ in av)):
            chars = {fold(chr(c)) for _o, c in ([(op, av)] if op is _sre.LITERAL else av)}
            starts = {(t + c, len(t) < _MAX_START - 1, r, a) if g else (t, g, r, a)
                      for t, g, r, a in starts for c in chars}
        elif op is _sre.SUBPATTERN:
            starts = _starts(av[-1], starts)
        elif op is _sre.BRANCH:
            starts = set().union(*(_starts(b, starts) for b in av[1]))
        elif op is _sre.MAX_REPEAT and av[:2] == (0, 1):
            starts = starts | _starts(av[2], starts)
        elif (op is _sre.MAX_REPEAT and av[1] is _sre.MAXREPEAT and len(av[2]) == 1
              and av[2][0][0] is _sre.IN and len(av[2][0][1]) == 1
              and av[2][0][1][0][1] in _RUN):  # a leading \w* or \S+
            run = (av[2][0][1][0][1], av[0])
            starts = {(t, g and not t and r is None, run if g and not t else r, a)
                      for t, g, r, a in starts}
        else:
            starts = {(t, False, r, a) for t, g, r, a in starts}
    return starts


Automaton = tuple[ahocorasick_rs.AhoCorasick, list[tuple[tuple[int, "Run | None"], ...]]]


def _automaton(rxs: tuple[re.Pattern[str], ...]) -> Automaton | None:
    """An automaton of the literal starts of ``rxs`` (ahocorasick-rs: a third of pyahocorasick's
    time to report every occurrence in a text) and, for each start, its (pattern index, leading
    run) pairs; None when a match could begin with anything."""
    if _sre is None:
        return None
    anchors: dict[str, set[tuple[int, Run | None]]] = {}
    for i, rx in enumerate(rxs):
        for text, _g, run, asserts in _starts(_sre.parse(rx.pattern, rx.flags),
                                               {("", True, None, "")}):
            ok = run is None or not asserts or (
                run[0] == _sre.CATEGORY_WORD and set(asserts) == {"b"} and text[:1].isalnum())
            if not text or not ok:
                return None
            anchors.setdefault(text, set()).add((i, run))
    texts = list(anchors)
    return ahocorasick_rs.AhoCorasick(texts), [tuple(anchors[t]) for t in texts]


# By the patterns' ids (a Pattern hashes its whole compiled code on every lookup); the patterns
# are kept beside their automaton, so an id is never reused.
_AUTOMATA: dict[tuple[int, ...], tuple[tuple[re.Pattern[str], ...], Automaton | None]] = {}


def _places(rxs: tuple[re.Pattern[str], ...], s: str) -> list[list[tuple[int, int]]] | None:
    """Per pattern, the (first, last) places where one of its matches may start in ``s``;
    None: anywhere."""
    key = tuple(map(id, rxs))
    auto = (_AUTOMATA.get(key) or _AUTOMATA.setdefault(key, (rxs, _automaton(rxs))))[1]
    low = fold(s)
    if auto is None or len(low) != len(s):
        return None
    automaton, runs_of = auto
    places: list[list[tuple[int, int]]] = [[] for _ in rxs]
    for index, q, _end in automaton.find_matches_as_indexes(low, overlapping=True):
        for i, run in runs_of[index]:
            if run is None:
                places[i].append((q, q))
                continue
            p, inside = q, _RUN[run[0]]
            while p and inside(s[p - 1]):
                p -= 1
            places[i].append((p, q - run[1]))
    return places


def _matches(rx: re.Pattern[str], s: str, places: list[tuple[int, int]] | None
             ) -> Iterator[re.Match[str]]:
    if places is None:
        yield from rx.finditer(s)
        return
    pos, tried = 0, -1
    for first, last in sorted(places):
        at = max(first, pos)
        if at > last or at == tried:
            continue
        tried = at
        m = rx.match(s, at)
        if m is not None:  # never empty: a match holds its literal start
            yield m
            pos = m.end()


def finditer(rx: re.Pattern[str], s: str) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(s)``."""
    places = _places((rx,), s)
    return _matches(rx, s, None if places is None else places[0])


def search(rx: re.Pattern[str], s: str) -> re.Match[str] | None:
    """``rx.search(s)``."""
    return next(finditer(rx, s), None)


def search_each(rxs: tuple[re.Pattern[str], ...], s: str) -> list[re.Match[str] | None]:
    """``[rx.search(s) for rx in rxs]``, with one pass over ``s`` for all of them."""
    places = _places(rxs, s)
    if places is None:
        return [rx.search(s) for rx in rxs]
    return [next(_matches(rx, s, p), None) if p else None
            for rx, p in zip(rxs, places, strict=True)]


def sub(rx: re.Pattern[str], repl: str, s: str) -> str:
    """``rx.sub(repl, s)`` for a plain replacement string (no group references)."""
    out, end = [], 0
    for m in finditer(rx, s):
        out += (s[end:m.start()], repl)
        end = m.end()
    return "".join(out) + s[end:]
