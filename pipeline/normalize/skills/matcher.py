"""The one-pass matcher: every surface form of the taxonomy in one Aho-Corasick automaton.

A key is a surface form *prefixed by a left-boundary character* (space, newline, ``(``,
``/``, ``,`` ...), and short forms also end with a right-boundary one.  The text is
lower-cased once and prefixed with ``"\\n"``, so a key can only match where a token
starts: the left boundary check is done inside the automaton.  This keeps the number of raw
hits tiny (``go`` inside ``good`` never even reaches Python).  For each raw hit Python only
checks the *right* boundary with a precomputed character set.  Valid hits are then resolved
leftmost-longest ("react native" beats "react", a blocker phrase such as "go to" beats "go").

Written out, every boundary character in front of every form makes ~435,000 keys, and
pyahocorasick took ~40 µs to scan 3 KB with them.  The automaton (``ahocorasick_rs``, in
Rust) holds the keys *by boundary class* instead: the lower-cased text is encoded to bytes
with one byte per character and every boundary character turned into the byte of its class
(left and right, left only, right only; any non-ASCII character becomes one "other" byte;
the space and "/" stay themselves, being inside many forms).  That is ~28,000 keys, and the
same matches: a class byte stands for exactly the characters of its class, and the few keys
that could stand for more than one written key (a non-ASCII neighbour, punctuation inside a
form) are checked against the text.  The same pass reports *marks*, words the extractor's
other rules look for ("our", "laptop", "//"), so those rules need not search the text again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import ahocorasick_rs
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


Payload = tuple[int, int, "str | None", "tuple[Form, ...]"]
"""(form length, 1 if the key ends with one boundary character after the form, simple, forms)."""

# Class bytes of the scanned text (see the module docstring).  Bytes 1-5 written in a text
# become 5, so that none of them passes for a class.
_BOTH, _LEFT_ONLY, _RIGHT_ONLY, _OTHER, _CONTROL = 1, 2, 3, 4, 5
# Boundary characters kept as themselves: the space inside multi-word forms and blockers
# ("spring boot", "the rest"), so that those keys stand for one written key each, and "/"
# ("ci/cd", and "//" marks a link).
_KEPT = " /"
_LEFT = frozenset(LEFT_BOUNDARY)
_RIGHT = frozenset(RIGHT_BOUNDARY)


def _class_table() -> bytes:
    table = bytearray(range(256))
    table[1:6] = bytes([_CONTROL] * 5)
    # UTF-8 lead bytes: every non-ASCII character is one "other" byte (continuations go).
    table[0x80:] = bytes([_OTHER] * 0x80)
    for ch in _LEFT | _RIGHT:
        if ch.isascii() and ch not in _KEPT:
            table[ord(ch)] = (_BOTH if ch in _LEFT and ch in _RIGHT
                              else _LEFT_ONLY if ch in _LEFT else _RIGHT_ONLY)
    return bytes(table)


def _exact(chars: frozenset[str]) -> frozenset[int]:
    """The bytes of the encoded text that only characters of ``chars`` become."""
    sources: dict[int, set[str]] = {}
    for c in range(128):
        sources.setdefault(_TABLE[c], set()).add(chr(c))
    sources.setdefault(_OTHER, set()).add("\u0080")  # and every other non-ASCII character
    return frozenset(b for b, cs in sources.items() if cs <= chars)


_TABLE = _class_table()
_CONTINUATION = bytes(range(0x80, 0xC0))
# Characters that stand for themselves in the encoded text.
_SELF = frozenset(chr(c) for c in range(128) if _TABLE[c] == c and c != _CONTROL)
_EXACT_LEFT = _exact(_LEFT)
_EXACT_RIGHT = _exact(_RIGHT)


#: A word to report the places of (lower case), and whether only after a non-word character.
Mark = tuple[str, bool]
# What a non-word character can be in the encoded text (ASCII upper case is lowered first).
_NON_WORD = sorted({bytes([_TABLE[c]]) for c in range(128)
                    if not (chr(c).isalnum() or chr(c) == "_")} | {bytes([_OTHER])})


def encode_classes(low: str) -> bytes:
    """``low`` as one byte per character, each boundary character as its class byte."""
    if low.isascii():
        return low.encode("ascii").translate(_TABLE)
    # surrogatepass: a lone surrogate (valid in a Python str, e.g. from JSON) is 3 bytes too.
    return low.encode("utf-8", "surrogatepass").translate(_TABLE, _CONTINUATION)


class FormMatcher:
    """Token-bounded, leftmost-longest hits of the taxonomy's forms in a text."""

    def __init__(self, taxonomy: Taxonomy, marks: Sequence[Mark] = ()) -> None:
        keys: dict[bytes, list[tuple[int, str, Payload]]] = {}
        lefts = {encode_classes(b) for b in LEFT_BOUNDARY}
        rights = {encode_classes(t) for t in RIGHT_BOUNDARY}
        #: Keys the written-out automaton would hold (reported by the benchmark).
        self.n_keys = 0
        for order, (surface, fl) in enumerate(_forms(taxonomy).items()):
            tail = 1 if len(surface) <= _TAIL_MAX_LEN and surface[-1] not in RIGHT_BOUNDARY else 0
            payload: Payload = (len(surface), tail, _simple(fl), tuple(fl))
            body = encode_classes(surface)
            for left in lefts:
                for right in rights if tail else (b"",):
                    keys.setdefault(left + body + right, []).append((order, surface, payload))
            self.n_keys += len(LEFT_BOUNDARY) * (len(RIGHT_BOUNDARY) if tail else 1)
        patterns = list(keys)
        #: Per pattern: its payload when a match of it is a match of exactly one written key,
        #: else None and the candidates (latest first, as a later add_word replaced an
        #: earlier one of the same key) go through :meth:`_check`.
        self._payloads: list[Payload | None] = []
        self._candidates: dict[int, list[tuple[str, Payload]]] = {}
        for pid, key in enumerate(patterns):
            cands = keys[key]
            surface, payload = cands[0][1], cands[0][2]
            exact = (len(cands) == 1 and key[0] in _EXACT_LEFT
                     and _SELF.issuperset(surface)
                     and (not payload[1] or key[-1] in _EXACT_RIGHT))
            self._payloads.append(payload if exact else None)
            if not exact:
                self._candidates[pid] = [(s, p) for _, s, p in sorted(cands, reverse=True)]
        # Marks go after the forms: a pattern number past the forms' is a mark's.
        self._n_forms = len(patterns)
        self._marks: list[tuple[int, int]] = []  # per pattern: (mark, text offset - start)
        for m, (word, after_word) in enumerate(marks):
            body = encode_classes(word)
            for left in _NON_WORD if after_word else (b"",):
                patterns.append(left + body)
                self._marks.append((m, len(left) - 1))
        self.n_marks = len(marks)
        self._patterns = patterns
        self.automaton: Any = ahocorasick_rs.BytesAhoCorasick(patterns)
        self.n_patterns = len(patterns)

    # Kept on disk between processes (skills/stored_extractor.py) without the Rust automaton,
    # which does not pickle: building it from the patterns is a tenth of building the matcher.
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["automaton"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.automaton = ahocorasick_rs.BytesAhoCorasick(self._patterns)

    def form_tuples(self) -> list[tuple[Form, ...]]:
        """The forms tuple of every surface form, the very objects hits carry."""
        seen = {id(p[3]): p[3] for p in self._payloads if p is not None}
        for cands in self._candidates.values():
            seen.update((id(p[3]), p[3]) for _, p in cands)
        return list(seen.values())

    def _check(self, pid: int, low: str, start: int, end: int) -> Payload | None:
        """The payload of the written key that ``low[start:end]`` is, if it is one."""
        actual = low[start:end]
        if actual[0] not in _LEFT:
            return None
        for surface, payload in self._candidates[pid]:
            tail = payload[1]
            if actual[1 : len(actual) - tail] == surface and (not tail or actual[-1] in _RIGHT):
                return payload
        return None

    def scan(self, text: str, marked: list[list[int]] | None = None) -> list[Hit]:
        """Valid token-bounded hits, leftmost-longest and non-overlapping, in text order.

        ``marked`` (one list per mark given to the matcher) receives the offsets in ``text``
        where each mark may be written: every place it is, and a few where it is not (a
        boundary character stands for its class, case is ignored).
        """
        # Boundaries on both sides so forms at the very start / end of the text match.
        low = "\n" + text.lower() + "\n"
        if len(low) != len(text) + 2:
            # A few characters (e.g. U+0130) lower-case to two; keep offsets aligned.
            low = "\n" + "".join(c if len(c.lower()) != 1 else c.lower() for c in text) + "\n"
        n = len(low)
        word = WORD_CHARS
        alnum = _ALNUM
        digits = _DIGITS
        payloads = self._payloads
        n_forms = self._n_forms
        marks = self._marks
        out: list[Hit] = []
        # Matches come by end position, longest first; a later-ending match that starts at or
        # before the previous kept one is longer and replaces it (leftmost-longest).
        for pid, kstart, kend in self.automaton.find_matches_as_indexes(
            encode_classes(low), overlapping=True
        ):
            if pid >= n_forms:
                if marked is not None:
                    m, shift = marks[pid - n_forms]
                    marked[m].append(kstart + shift)
                continue
            payload = payloads[pid]
            if payload is None:
                payload = self._check(pid, low, kstart, kend)
                if payload is None:
                    continue
            klen, tail, simple, fl = payload
            nxt = kend - tail  # index in `low` of the character after the form
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
            start = kstart  # the boundary before the form; low[i] == text[i - 1]
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
