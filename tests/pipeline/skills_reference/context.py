"""Disambiguation by context: when a matched form counts as the skill (rule 5 and lists).

A gated form is also an ordinary English word, so it needs technical corroboration nearby: an
ungated skill, a cue word, or a skill of a related kind, depending on its ``gate``.  A form in
the wrong case still counts when it sits in a list of ungated skills.  Links are not text: a
form inside a URL never counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

import ahocorasick

from pipeline.normalize.skills.taxonomy import Taxonomy, norm_key
from tests.pipeline.skills_reference.matcher import LEFT_BOUNDARY, WORD_CHARS, Form, Hit

#: Characters within which an ungated skill or cue word corroborates a ``gate: context`` form.
CONTEXT_WINDOW = 120
#: Characters within which an ungated skill corroborates a ``gate: list`` form.
LIST_WINDOW = 30
#: Separator length allowed between list items for the "sandwiched in a list" rule.
LIST_GAP = 3

_URL_TAIL = re.compile(r" ?\S*")

# Coarse domains for the "related" gate: a gated form counts next to an ungated skill of the
# same domain ("Segment Amplitude BigQuery", "Groovy Prism").
_DOMAINS = {
    "dev": ("language", "framework", "library", "runtime", "build_tool", "testing", "ide",
            "hardware"),
    "data": ("database", "data_analytics", "ai_ml", "messaging_streaming"),
    "ops": ("cloud", "cloud_service", "cloud_platform", "container_orchestration", "devops_ci",
            "observability", "os", "web_server", "virtualization", "network", "security",
            "version_control"),
    "proto": ("api_style", "protocol_format"),
    "biz": ("cms_platform", "business_platform"),
}
# Managed cloud services and brokers are data and ops tools at once (BigQuery, Kinesis).
_DOMAINS["data"] += ("cloud_service", "cloud_platform")
_DOMAIN_OF: dict[str, set[str]] = {}
for _dom, _cats in _DOMAINS.items():
    for _cat in _cats:
        _DOMAIN_OF.setdefault(_cat, set()).add("dom:" + _dom)


class ContextRules:
    """The corroboration tables of one taxonomy: cue words and which skills are related."""

    def __init__(self, taxonomy: Taxonomy, closure: dict[str, tuple[str, ...]]) -> None:
        # Cue words are only needed to corroborate a gated form, so they live in a second
        # automaton that is run over the few windows that need it (keeps the main pass lean).
        cue_automaton = ahocorasick.Automaton()
        for c in taxonomy.cues:
            low = norm_key(c)
            for b in LEFT_BOUNDARY:
                cue_automaton.add_word(b + low, len(low))
        if len(cue_automaton):
            cue_automaton.make_automaton()
            self._cue_automaton: Any = cue_automaton
        else:
            self._cue_automaton = None
        # "related" gate: two skills are related when they share a category, or one is in the
        # other's parent chain, or they share a parent.  Encoded as overlapping label sets.
        self._group: dict[str, frozenset[str]] = {
            n: frozenset({"cat:" + s.category, *("fam:" + a for a in closure[n])})
            for n, s in taxonomy.skills.items()
        }
        self._domain: dict[str, frozenset[str]] = {
            n: frozenset({*_DOMAIN_OF.get(s.category, {"dom:" + s.category}), *self._group[n]})
            for n, s in taxonomy.skills.items()
        }

    def has_cue(self, text: str, lo: int, hi: int) -> bool:
        """Is there a technical cue word in ``text[lo:hi]``?"""
        if self._cue_automaton is None:
            return False
        lo = max(lo, 0)
        window = "\n" + text[lo:hi].lower() + "\n"
        word = WORD_CHARS
        return any(window[end + 1] not in word for end, _ in self._cue_automaton.iter(window))

    def corroborated(self, text: str, hits: Sequence[Hit], gated: list[tuple[int, Form]],
                     strong_extra: dict[int, str], *, trusted: bool) -> set[str]:
        """Skills of the ``gated`` forms (start, form) whose gate the context satisfies.

        ``strong_extra`` names the ungated skills among hits off the fast path (by index).
        ``trusted`` (titles): any skill or cue word in the text is enough.
        """
        apos: list[int] = []  # positions of ungated skills (ascending)
        aname: list[str] = []
        for i, h in enumerate(hits):
            name = h[2] if h[2] is not None else strong_extra.get(i)
            if name is not None:
                apos.append(h[0])
                aname.append(name)
        out: set[str] = set()
        for pos, f in gated:
            name: str = f.skill  # type: ignore[assignment]
            if name in out:
                continue
            if trusted:
                ok = bool(apos) or self.has_cue(text, 0, len(text))
            else:
                ok = self._gate_passes(text, pos, name, f.gate, apos, aname)
            if ok:
                out.add(name)
        return out

    def _gate_passes(self, text: str, pos: int, name: str, gate: str | None,
                     apos: list[int], aname: list[str]) -> bool:
        """Does the context around ``pos`` satisfy ``name``'s gate (see the package rules)?"""
        if gate == "list":
            k = bisect_left(apos, pos - LIST_WINDOW)
            return k < len(apos) and apos[k] <= pos + LIST_WINDOW
        if gate == "related" or gate == "strict":
            table = self._domain if gate == "related" else self._group
            group = table[name]
            k = bisect_left(apos, pos - CONTEXT_WINDOW)
            while k < len(apos) and apos[k] <= pos + CONTEXT_WINDOW:
                if not group.isdisjoint(table[aname[k]]):
                    return True
                k += 1
            return False
        k = bisect_left(apos, pos - CONTEXT_WINDOW)
        return (k < len(apos) and apos[k] <= pos + CONTEXT_WINDOW) or self.has_cue(
            text, pos - CONTEXT_WINDOW, pos + CONTEXT_WINDOW
        )


def sandwiched(text: str, hits: Sequence[Hit], weak: list[tuple[int, Form]],
               strong_extra: dict[int, str]) -> set[str]:
    """Skills of wrong-case forms (hit index, form) that sit in a list of ungated skills.

    Lower-case tag lines spell everything in lower case: "reactjs django go docker",
    "javascript less css".
    """
    out: set[str] = set()
    for i, f in weak:
        if f.skill is None or f.skill in out:
            continue
        start, end = hits[i][0], hits[i][1]
        left = i > 0 and (hits[i - 1][2] is not None or i - 1 in strong_extra) and (
            start - hits[i - 1][1] <= LIST_GAP
        )
        right = i + 1 < len(hits) and (
            hits[i + 1][2] is not None or i + 1 in strong_extra
        ) and hits[i + 1][0] - end <= LIST_GAP
        if (left or right) and (left or line_edge(text, start, -1)) and (
            right or line_edge(text, end, 1)
        ):
            out.add(f.skill)
    return out


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of links ("https://...", "www...."): str.find plus one anchored match each."""
    spans = []
    tail = _URL_TAIL.match
    for marker in ("://", "www."):
        i = text.find(marker)
        while i >= 0:
            a = i
            if marker == "://":
                # back up over the scheme, allowing the tokenised "http ://" form
                a = i - 1
                if a >= 0 and text[a] == " ":
                    a -= 1
                while a >= 0 and i - a < 8 and text[a].isalpha():
                    a -= 1
                a += 1
            m = tail(text, i + len(marker))
            b = m.end() if m else i + len(marker)
            spans.append((a, b))
            i = text.find(marker, b)
    return spans


def line_edge(text: str, pos: int, step: int) -> bool:
    """True if only spaces separate ``pos`` from a line break / the text edge."""
    if step < 0:
        j = pos - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        return j < 0 or text[j] == "\n"
    j = pos
    while j < len(text) and text[j] in " \t":
        j += 1
    return j >= len(text) or text[j] == "\n"
