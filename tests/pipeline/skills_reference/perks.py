"""An operating system offered as equipment is a perk, not a skill the job asks for.

Benefit sections name the machines people get: "state of the art laptops (MacOS, Linux or
Windows, pick your weapon of choice)", "a choice to work from Mac or Linux", "iPhone or Android
phone". Counting those makes every such ad a demand for macOS or Windows. So an operating
system whose sentence talks about equipment or a free choice of it is not counted there; the
same name elsewhere in the ad still is.
"""

from __future__ import annotations

import re

__all__ = ["equipment_spans"]

# Words that say the machine is given, or its system chosen, by the person hired. Not
# "devices" or "phones": "testing on iOS and Android devices" is the job.
_CUE = re.compile(
    r"\b(?:laptops?|notebooks?|macbooks?|workstations?|equipment|of your choice|"
    r"choice of (?:os|operating system|laptop|hardware|machine)|a choice to work|"
    r"pick your|choose your|weapon of choice)\b",
    re.IGNORECASE,
)
# At most this far from the cue: a benefit bullet is short, a run-on line is not.
_REACH = 120
# Sentence ends; a line break ends a benefit bullet too.
_END = re.compile(r"[.!?;\n]")


def equipment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text`` that talk about equipment or a choice of it."""
    spans: list[tuple[int, int]] = []
    for cue in _CUE.finditer(text):
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
