"""The one-pass matcher: every surface form of the taxonomy in one Aho-Corasick automaton.

Every surface form is added to a single pyahocorasick automaton *prefixed by each
left-boundary character* (space, newline, ``(``, ``/``, ``,`` ...).  The text is
lower-cased once and prefixed with ``"\\n"``, so a key can only match where a token
starts: the left boundary check is done inside the automaton, in C.  This keeps the
number of raw hits tiny (``go`` inside ``good`` never even reaches Python).  For each raw
hit Python only checks the *right* boundary with a precomputed character set.  Valid
hits are then resolved leftmost-longest ("react native" beats "react", a blocker phrase
such as "go to" beats "go").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ahocorasick
import attrs

from pipeline.normalize.skills.taxonomy import Taxonomy, norm_key

# A token may start right after one of these.  "." is deliberately absent so that ".net"
# inside "asp.net" or "js" inside "node.js" cannot start a match; "-" is present so that
# "non-java" or "spring-boot" style compounds still expose their parts.
LEFT_BOUNDARY = (
    " \n\t\r\f\v(/[{,;:\"'*|<>-=~!?"
    # no-break space, bullets, dashes, ellipsis, curly quotes, arrows and check marks
    "\u00a0\u2022\u00b7\u2013\u2014\u2026\u2018\u201c\u25cf\u25aa\u2192\u2713\u2714"
)

# Short and ambiguous forms are also keyed with each of these after them, so that "c", "r" or
# "go" do not produce a raw hit at every word starting with those letters.
RIGHT_BOUNDARY = " \n\t\r,;:)]}/|.!?'\"-&*<>=\u00a0\u2019\u201d"
#: Forms this short get right-boundary keys (longer ones rarely prefix common words).
_TAIL_MAX_LEN = 3

# A match is rejected when followed by one of these: they continue the token ("javascript",
# "c#", "go_lang").  "+" is not here on purpose: "c++" is a key of its own and wins the overlap
# against "c", while "java 8+" or "es6+" should still count.
WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_#")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_DIGITS = frozenset("0123456789")
# Forms at least this long that end in a letter may carry a glued version number (python3).
_MIN_VERSIONED = 4

# Payload kinds stored in the automaton.
STRONG, GATED, BLOCKER = 0, 1, 2


@attrs.frozen
class Form:
    """One surface form as stored in the automaton payload."""

    kind: int
    skill: str | None
    cased: str | None = None  # exact original-case spelling required, if any
    gate: str | None = None


#: ``(start, end, simple, forms)``: offsets into the text; ``simple`` is the skill name when
#: the key is a single ungated case-insensitive form (the fast path), else ``None``.
Hit = tuple[int, int, "str | None", "tuple[Form, ...]"]


def _simple(forms: Iterable[Form]) -> str | None:
    """Skill name when the key carries exactly one ungated, case-insensitive form."""
    fl = list(forms)
    if len(fl) == 1 and fl[0].kind == STRONG and fl[0].cased is None:
        return fl[0].skill
    return None


def _variants(form: str) -> set[str]:
    """Lower-cased spellings of one form: as written, hyphenated and glued for multi-word,
    and with spaces around its inner punctuation (see :func:`_spaced`)."""
    low = norm_key(form)
    out = {low}
    if " " in low and low.count(" ") <= 3 and all(part.isalnum() for part in low.split(" ")):
        out.add(low.replace(" ", "-"))
        out.add(low.replace(" ", ""))
    for v in list(out):
        out |= _spaced(v)
    return out


# Punctuation inside a name that writers (and tokenisers) set off with spaces: "Node. js",
# "ASP .NET", ". NET Core", "CI / CD", "Spring ( Boot )", "Salesforce . com".
#: Names with more spaceable characters than this keep only their written form.
_MAX_SPACEABLE = 2


def _spaced(low: str) -> set[str]:
    """Spellings of ``low`` with spaces set around its inner punctuation marks.

    "." and "/" before a letter may get a space before, after or on both sides ("node. js",
    "asp .net", "ci / cd"); a leading one only after (". net": a space before it is outside
    the form).  Brackets get a space inside ("spring ( boot )").  Version dots ("http/1.1")
    are left alone.
    """
    nxt = low[1:] + " "
    prv = " " + low[:-1]
    marks = [i for i, c in enumerate(low) if (c in "./" and nxt[i].isalpha())
             or (c == "(" and nxt[i] != " ") or (c == ")" and prv[i] != " ")]
    if not marks or len(marks) > _MAX_SPACEABLE:
        return set()
    out = {low}
    for i in reversed(marks):
        c = low[i]
        if c == "(":
            opts: tuple[str, ...] = ("( ",)
        elif c == ")":
            opts = (" )",)
        elif i == 0:
            opts = (c + " ",)
        else:
            opts = (" " + c, c + " ", " " + c + " ")
        out |= {v[:i] + o + v[i + 1 :] for v in out for o in opts}
    out.discard(low)
    return out


def _forms(taxonomy: Taxonomy) -> dict[str, list[Form]]:
    """Every lower-cased key spelling with the forms it stands for (a blocker is a form too)."""
    forms: dict[str, list[Form]] = {}

    def add(surface: str, f: Form, *, variants: bool = True) -> None:
        for v in _variants(surface) if variants else {norm_key(surface)}:
            forms.setdefault(v, []).append(f)

    for s in taxonomy.skills.values():
        amb = set(s.ambiguous) if s.ambiguous else {s.name, *s.aliases}
        for surface in (s.name, *s.aliases):
            if surface in amb and (s.gate or s.case_sensitive):
                f = Form(GATED if s.gate else STRONG, s.name,
                         surface if s.case_sensitive else None, s.gate)
                add(surface, f, variants=not s.case_sensitive)
            else:
                add(surface, Form(STRONG, s.name))
    for b in taxonomy.blockers:
        add(b, Form(BLOCKER, None), variants=False)
    return forms


class FormMatcher:
    """Token-bounded, leftmost-longest hits of the taxonomy's forms in a text."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        automaton = ahocorasick.Automaton()
        #: Keys in the automaton (reported by the benchmark).
        self.n_keys = 0
        for surface, fl in _forms(taxonomy).items():
            tailed = len(surface) <= _TAIL_MAX_LEN
            if tailed and surface[-1] not in RIGHT_BOUNDARY:
                # payload: (form length, 1 = key ends with one boundary char after the form)
                payload = (len(surface), 1, _simple(fl), tuple(fl))
                for b in LEFT_BOUNDARY:
                    for t in RIGHT_BOUNDARY:
                        automaton.add_word(b + surface + t, payload)
                self.n_keys += len(LEFT_BOUNDARY) * len(RIGHT_BOUNDARY)
            else:
                payload = (len(surface), 0, _simple(fl), tuple(fl))
                for b in LEFT_BOUNDARY:
                    automaton.add_word(b + surface, payload)
                self.n_keys += len(LEFT_BOUNDARY)
        automaton.make_automaton()
        self.automaton: Any = automaton

    def scan(self, text: str) -> list[Hit]:
        """Valid token-bounded hits, leftmost-longest and non-overlapping, in text order."""
        # Boundaries on both sides so forms at the very start / end of the text match.
        low = "\n" + text.lower() + "\n"
        if len(low) != len(text) + 2:
            # A few characters (e.g. U+0130) lower-case to two; keep offsets aligned.
            low = "\n" + "".join(c if len(c.lower()) != 1 else c.lower() for c in text) + "\n"
        n = len(low)
        word = WORD_CHARS
        alnum = _ALNUM
        digits = _DIGITS
        out: list[Hit] = []
        # automaton.iter reports matches by end position; a later-ending match that starts
        # at or before the previous kept one is longer and replaces it (leftmost-longest).
        for end, (klen, tail, simple, fl) in self.automaton.iter(low):
            nxt = end + 1 - tail  # index in `low` of the character after the form
            ch = low[nxt]
            if ch in word:
                if ch in digits and klen >= _MIN_VERSIONED and low[nxt - 1] in alnum:
                    # Glued version ("python3", "html5"): accept if the digits end the token.
                    j = nxt + 1
                    while j < n and (low[j] in digits or low[j] == "."):
                        j += 1
                    if j < n and low[j] in word and low[j] not in digits:
                        continue
                else:
                    continue
            elif (ch == "." and low[nxt + 1] in alnum) or (ch > "\x7f" and ch.isalnum()):
                continue
            start = nxt - klen - 1  # low[i] == text[i - 1]
            if low[start] == "-" and low[start - 2 : start] == "ex" and (
                start < 3 or low[start - 3] not in alnum
            ):
                continue  # "ex-Unity folks", "ex-Stripe": a former employer, not a skill
            while out and out[-1][1] > start:
                if out[-1][0] < start:
                    break  # the earlier-starting match wins
                out.pop()
            else:
                out.append((start, nxt - 1, simple, fl))
        return out
