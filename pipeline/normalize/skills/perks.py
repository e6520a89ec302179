"""An operating system offered as equipment is a perk, not a skill the job asks for.

Benefit sections name the machines people get: "state of the art laptops (MacOS, Linux or
Windows, pick your weapon of choice)", "a choice to work from Mac or Linux", "iPhone or Android
phone". Counting those makes every such ad a demand for macOS or Windows. So an operating
system whose sentence talks about equipment or a free choice of it is not counted there; the
same name elsewhere in the ad still is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["CUE_STARTS", "equipment_spans"]

# Words that say the machine is given, or its system chosen, by the person hired. Not
# "devices" or "phones": "testing on iOS and Android devices" is the job.
_CUE = re.compile(
    r"\b(?:laptops?|notebooks?|macbooks?|workstations?|equipment|of your choice|"
    r"choice of (?:os|operating system|laptop|hardware|machine)|a choice to work|"
    r"pick your|choose your|weapon of choice)\b",
    re.IGNORECASE,
)
# What each alternative of _CUE starts with, lower-cased: a cue can only start where one is.
CUE_STARTS = ("laptop", "notebook", "macbook", "workstation", "equipment", "of your choice",
               "choice of ", "a choice to work", "pick your", "choose your", "weapon of choice")
# The only non-ASCII characters that match an ASCII letter under re.IGNORECASE (İ ı ſ, the
# Kelvin sign); with none of them, _CUE matches where the lower-cased text has the letters.
_CASE_TWINS = "\u0130\u0131\u017f\u212a"
# At most this far from the cue: a benefit bullet is short, a run-on line is not.
_REACH = 120
# Sentence ends; a line break ends a benefit bullet too.
_END = re.compile(r"[.!?;\n]")


def equipment_spans(text: str, starts: Iterable[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text`` that talk about equipment or a choice of it.

    ``starts``: offsets where a cue may start (at least all those where one does; see
    :data:`CUE_STARTS`), when the caller has them; else they are looked for.
    """
    spans: list[tuple[int, int]] = []
    for cue in _cues(text, starts):
        if spans and cue.start() < spans[-1][1]:
            continue
        floor = max(0, cue.start() - _REACH)
        before = [m.end() for m in _END.finditer(text, floor, cue.start())]
        start = before[-1] if before else floor
        after = _END.search(text, cue.end(), cue.end() + _REACH)
        end = after.start() if after else min(len(text), cue.end() + _REACH)
        # "... Windows? You can pick your weapon of choice!": a question ending inside the
        # parenthesis that holds the cue belongs to the same aside.
        opened = text.rfind("(", max(0, start - 80), cue.start())
        if opened != -1 and text.find(")", opened, cue.start()) == -1:
            start = min(start, opened)
        spans.append((start, end))
    return spans


def _cues(text: str, starts: Iterable[int] | None) -> Iterator[re.Match[str]]:
    """``_CUE.finditer(text)``, tried only where a cue's first word is written: the regex
    engine would try every position of a 3 KB ad."""
    if not text.isascii() and any(c in text for c in _CASE_TWINS):
        yield from _CUE.finditer(text)
        return
    if starts is None:
        low = text.lower()  # as long as text: U+0130, the one character that grows, is a twin
        starts = [i for word in CUE_STARTS for i in _find_all(low, word)]
    end = 0
    for i in sorted(starts):
        if i >= end and (m := _CUE.match(text, i)) is not None:  # \b still sees text[i - 1]
            yield m
            end = m.end()


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)
