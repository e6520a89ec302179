"""Skills taxonomy and fast skill extraction from job-posting text.

Every number jobpulse shows is a count of skills, so this module decides what "a posting
mentions Kubernetes" means.  It has two parts:

* :class:`Taxonomy` — the canonical technologies loaded from ``pipeline/normalize/taxonomy.yaml``
  (name, category, optional parent, surface forms, disambiguation rules).
* :class:`SkillExtractor` — turns free text into a sorted tuple of canonical names.

Matching algorithm (one pass, no per-skill regex loop)
------------------------------------------------------
Every surface form is added to a single pyahocorasick automaton *prefixed by each
left-boundary character* (space, newline, ``(``, ``/``, ``,`` ...).  The text is
lower-cased once and prefixed with ``"\\n"``, so a key can only match where a token
starts: the left boundary check is done inside the automaton, in C.  This keeps the
number of raw hits tiny (``go`` inside ``good`` never even reaches Python).  For each raw
hit Python only checks the *right* boundary with a precomputed character set.  Valid
hits are then resolved leftmost-longest ("react native" beats "react", a blocker phrase
such as "go to" beats "go").

Disambiguation rules (also documented in the header of ``taxonomy.yaml``)
------------------------------------------------------------------------
1. Token boundaries: a form matches only as a whole token.  ``Java`` never matches inside
   ``JavaScript`` (``s`` is a word character), ``C`` never inside ``C#``/``C++`` (``#`` and
   ``+`` count as word characters), ``.NET`` never inside ``ASP.NET``/``VB.NET`` (``p`` is not a
   left boundary).  A ``.`` followed by a letter or digit continues the token, so ``node``
   does not match in ``node.js`` or a host name.
2. ``ex-<name>`` is a former employer ("ex-Stripe engineers"), never a skill.
3. Blockers: phrases that contain a skill form but are ordinary English ("go to", "C-level",
   "C-suite", "on the go", "salt lake") are keys too; they win the overlap and emit nothing.
4. ``case_sensitive``: the form must appear with exactly the case written in the YAML
   (``Go`` but not ``go``; ``R`` but not ``r``; ``REST`` but not ``rest``).
5. ``gate``: the form is also an ordinary English word.  It counts only with technical
   corroboration:

   * ``gate: context`` — an ungated skill or a technical cue word (``developer``,
     ``framework``, ``programming``...) within :data:`CONTEXT_WINDOW` characters;
   * ``gate: list`` — an ungated skill within :data:`LIST_WINDOW` characters, i.e. the form
     sits in a list of technologies ("Python, R, SQL").  Cue words are not enough.

   A gated form in the title counts when the title holds a skill or a cue word; a form
   supplied through ``tags=`` always counts (the source labelled it).
6. Parents: a matched skill adds its parent chain (``AWS Lambda`` adds ``AWS``).

Nothing is loaded at import time; :func:`load_taxonomy` is the only function doing I/O.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import ahocorasick
import attrs
import yaml

__all__ = [
    "CONTEXT_WINDOW",
    "LIST_WINDOW",
    "Skill",
    "SkillExtractor",
    "Taxonomy",
    "TaxonomyError",
    "html_to_text",
    "load_taxonomy",
]

DEFAULT_TAXONOMY_PATH = Path(__file__).with_name("taxonomy.yaml")

#: Characters within which an ungated skill or cue word corroborates a ``gate: context`` form.
CONTEXT_WINDOW = 120
#: Characters within which an ungated skill corroborates a ``gate: list`` form.
LIST_WINDOW = 30

GATES = ("context", "list", "related", "strict")

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
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_#")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_DIGITS = frozenset("0123456789")
# Forms at least this long that end in a letter may carry a glued version number (python3).
_MIN_VERSIONED = 4

# Payload kinds stored in the automaton.
_STRONG, _GATED, _BLOCKER = 0, 1, 2

_WS_RE = re.compile(r"\s+")
_URL_TAIL = re.compile(r" ?\S*")
#: Separator length allowed between list items for the "sandwiched in a list" rule.
LIST_GAP = 3

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


class TaxonomyError(ValueError):
    """The taxonomy file is malformed (not YAML, duplicate name, unknown parent, bad field...)."""


@attrs.frozen
class Skill:
    """One canonical technology.

    ``aliases`` holds every surface form (lower- or mixed-case as written in the YAML),
    the canonical name excluded.  The remaining fields carry the disambiguation rules.
    """

    name: str
    category: str
    parent: str | None
    aliases: tuple[str, ...]
    gate: str | None = None
    case_sensitive: bool = False
    #: Forms the gate / case rule applies to; empty means "all forms including the name".
    ambiguous: tuple[str, ...] = ()
    #: Generic concept (CI/CD, microservices...): extracted for the product, excluded from
    #: evaluation against gold that drops concepts.
    concept: bool = False


def _norm_key(name: str) -> str:
    return _WS_RE.sub(" ", name.strip()).casefold()


class Taxonomy:
    """Canonical skills plus the lookup tables the extractor needs."""

    version: str
    skills: dict[str, Skill]

    def __init__(
        self,
        version: str,
        skills: Iterable[Skill],
        *,
        cues: Iterable[str] = (),
        blockers: Iterable[str] = (),
        categories: Iterable[str] = (),
    ) -> None:
        self.version = str(version)
        self.skills = {}
        for s in skills:
            if s.name in self.skills:
                raise TaxonomyError(f"duplicate skill name {s.name!r}")
            self.skills[s.name] = s
        self.cues: tuple[str, ...] = tuple(cues)
        self.blockers: tuple[str, ...] = tuple(blockers)
        self.categories: tuple[str, ...] = tuple(categories) or tuple(
            sorted({s.category for s in self.skills.values()})
        )
        for s in self.skills.values():
            if s.parent is not None and s.parent not in self.skills:
                raise TaxonomyError(f"{s.name!r}: unknown parent {s.parent!r}")
            if s.category not in self.categories:
                raise TaxonomyError(f"{s.name!r}: unknown category {s.category!r}")
            if s.gate is not None and s.gate not in GATES:
                raise TaxonomyError(f"{s.name!r}: unknown gate {s.gate!r}")
        # Canonical names win over aliases; among aliases the first skill declaring it wins
        # (the taxonomy test asserts there are no accidental collisions).
        self._lookup: dict[str, str] = {}
        for s in self.skills.values():
            self._lookup[_norm_key(s.name)] = s.name
        for s in self.skills.values():
            for a in s.aliases:
                self._lookup.setdefault(_norm_key(a), s.name)

    def __repr__(self) -> str:
        return f"Taxonomy(version={self.version!r}, skills={len(self.skills)})"

    def resolve(self, name: str) -> str | None:
        """Canonical name for a canonical name or alias (case-insensitive), else ``None``."""
        if not isinstance(name, str):
            return None
        key = _norm_key(name)
        hit = self._lookup.get(key)
        if hit is None and "-" in key:
            # Source tags spell multi-word names with hyphens ("amazon-web-services").
            hit = self._lookup.get(key.replace("-", " "))
        return hit

    def by_category(self, category: str | None = None) -> list[Skill]:
        """Skills of one category (all skills when ``None``), sorted by name."""
        return sorted(
            (s for s in self.skills.values() if category is None or s.category == category),
            key=lambda s: s.name.casefold(),
        )

    def ancestors(self, name: str) -> list[str]:
        """Parent chain of ``name`` (nearest first), cycle-safe."""
        out: list[str] = []
        parent = self.skills[name].parent
        while parent is not None and parent not in out and parent != name:
            out.append(parent)
            parent = self.skills[parent].parent
        return out


def _as_tuple(value: Any, field: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaxonomyError(f"{name!r}: {field} must be a list of strings")
    return tuple(value)


def load_taxonomy(path: str | os.PathLike[str] | None = None) -> Taxonomy:
    """Read a taxonomy YAML file (default: ``taxonomy.yaml`` next to this module)."""
    p = Path(path) if path is not None else DEFAULT_TAXONOMY_PATH
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(p, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader)  # noqa: S506 - safe loader
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"{p}: not UTF-8 text (byte {exc.start + 1})") from None
    except yaml.YAMLError as exc:
        # The full message spans lines (with a caret); its position and problem fit in one.
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise TaxonomyError(f"{p}{where}: not valid YAML ({problem})") from None
    if not isinstance(data, dict) or "skills" not in data:
        raise TaxonomyError(f"{p}: expected a mapping with 'version' and 'skills'")
    skills = []
    for i, raw in enumerate(data["skills"] or []):
        if not isinstance(raw, dict) or "name" not in raw or "category" not in raw:
            raise TaxonomyError(f"{p}: skill #{i} needs 'name' and 'category'")
        name = str(raw["name"])
        unknown = set(raw) - {
            "name", "category", "parent", "aliases", "gate", "case_sensitive",
            "ambiguous", "concept",
        }
        if unknown:
            raise TaxonomyError(f"{name!r}: unknown field(s) {sorted(unknown)}")
        ambiguous = _as_tuple(raw.get("ambiguous"), "ambiguous", name)
        aliases = _as_tuple(raw.get("aliases"), "aliases", name)
        # Ambiguous forms are surface forms too (for resolve()); keep declared order.
        all_aliases = tuple(dict.fromkeys(a for a in aliases + ambiguous if a != name))
        skills.append(
            Skill(
                name=name,
                category=str(raw["category"]),
                parent=raw.get("parent"),
                aliases=all_aliases,
                gate=raw.get("gate"),
                case_sensitive=bool(raw.get("case_sensitive", False)),
                ambiguous=ambiguous,
                concept=bool(raw.get("concept", False)),
            )
        )
    return Taxonomy(
        str(data.get("version", "0")),
        skills,
        cues=_as_tuple(data.get("cues"), "cues", "<top>"),
        blockers=_as_tuple(data.get("blockers"), "blockers", "<top>"),
        categories=_as_tuple(data.get("categories"), "categories", "<top>"),
    )


@attrs.frozen
class _Form:
    """One surface form as stored in the automaton payload."""

    kind: int
    skill: str | None
    cased: str | None = None  # exact original-case spelling required, if any
    gate: str | None = None


_Hit = tuple[int, int, "str | None", "tuple[_Form, ...]"]


def _simple(forms: Iterable[_Form]) -> str | None:
    """Skill name when the key carries exactly one ungated, case-insensitive form."""
    fl = list(forms)
    if len(fl) == 1 and fl[0].kind == _STRONG and fl[0].cased is None:
        return fl[0].skill
    return None


def _variants(form: str) -> set[str]:
    """Lower-cased spellings of one form: as written, hyphenated and glued for multi-word."""
    low = _norm_key(form)
    out = {low}
    if " " in low and low.count(" ") <= 3 and all(part.isalnum() for part in low.split(" ")):
        out.add(low.replace(" ", "-"))
        out.add(low.replace(" ", ""))
    return out


class SkillExtractor:
    """Find canonical skills in text.  Build once per taxonomy; ``extract`` is thread-safe."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        forms: dict[str, list[_Form]] = {}

        def add(surface: str, f: _Form, *, variants: bool = True) -> None:
            for v in _variants(surface) if variants else {_norm_key(surface)}:
                forms.setdefault(v, []).append(f)

        for s in taxonomy.skills.values():
            amb = set(s.ambiguous) if s.ambiguous else {s.name, *s.aliases}
            for surface in (s.name, *s.aliases):
                if surface in amb and (s.gate or s.case_sensitive):
                    f = _Form(_GATED if s.gate else _STRONG, s.name,
                              surface if s.case_sensitive else None, s.gate)
                    add(surface, f, variants=not s.case_sensitive)
                else:
                    add(surface, _Form(_STRONG, s.name))
        for b in taxonomy.blockers:
            add(b, _Form(_BLOCKER, None), variants=False)

        automaton = ahocorasick.Automaton()
        self._n_keys = 0
        for surface, fl in forms.items():
            tailed = len(surface) <= _TAIL_MAX_LEN
            if tailed and surface[-1] not in RIGHT_BOUNDARY:
                # payload: (form length, 1 = key ends with one boundary char after the form)
                payload = (len(surface), 1, _simple(fl), tuple(fl))
                for b in LEFT_BOUNDARY:
                    for t in RIGHT_BOUNDARY:
                        automaton.add_word(b + surface + t, payload)
                self._n_keys += len(LEFT_BOUNDARY) * len(RIGHT_BOUNDARY)
            else:
                payload = (len(surface), 0, _simple(fl), tuple(fl))
                for b in LEFT_BOUNDARY:
                    automaton.add_word(b + surface, payload)
                self._n_keys += len(LEFT_BOUNDARY)
        automaton.make_automaton()
        self._automaton = automaton
        # Cue words are only needed to corroborate a gated form, so they live in a second
        # automaton that is run over the few windows that need it (keeps the main pass lean).
        cue_automaton = ahocorasick.Automaton()
        for c in taxonomy.cues:
            low = _norm_key(c)
            for b in LEFT_BOUNDARY:
                cue_automaton.add_word(b + low, len(low))
        if len(cue_automaton):
            cue_automaton.make_automaton()
            self._cue_automaton: Any = cue_automaton
        else:
            self._cue_automaton = None
        self._closure: dict[str, tuple[str, ...]] = {
            n: (n, *taxonomy.ancestors(n)) for n in taxonomy.skills
        }
        # "related" gate: two skills are related when they share a category, or one is in the
        # other's parent chain, or they share a parent.  Encoded as overlapping label sets.
        self._group: dict[str, frozenset[str]] = {
            n: frozenset({"cat:" + s.category, *("fam:" + a for a in self._closure[n])})
            for n, s in taxonomy.skills.items()
        }
        self._domain: dict[str, frozenset[str]] = {
            n: frozenset({*_DOMAIN_OF.get(s.category, {"dom:" + s.category}), *self._group[n]})
            for n, s in taxonomy.skills.items()
        }

    # -- hot path -------------------------------------------------------------------------
    def _scan(self, text: str) -> list[_Hit]:
        """Valid token-bounded hits, leftmost-longest and non-overlapping, in text order.

        Each hit is ``(start, end, simple, forms)`` with offsets into ``text``; ``simple`` is
        the skill name when the key is a single ungated case-insensitive form (fast path).
        """
        # Boundaries on both sides so forms at the very start / end of the text match.
        low = "\n" + text.lower() + "\n"
        if len(low) != len(text) + 2:
            # A few characters (e.g. U+0130) lower-case to two; keep offsets aligned.
            low = "\n" + "".join(c if len(c.lower()) != 1 else c.lower() for c in text) + "\n"
        n = len(low)
        word = _WORD_CHARS
        alnum = _ALNUM
        digits = _DIGITS
        out: list[_Hit] = []
        # automaton.iter reports matches by end position; a later-ending match that starts
        # at or before the previous kept one is longer and replaces it (leftmost-longest).
        for end, (klen, tail, simple, fl) in self._automaton.iter(low):
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

    def _candidates(self, text: str, *, trusted: bool = False) -> set[str]:
        """Skills found in ``text`` after case and gate checks.

        ``trusted`` (titles): a gated form counts if any skill or cue word is in the text.
        """
        hits = self._scan(text)
        if not hits:
            return set()
        if "//" in text or "www." in text:
            urls = _url_spans(text)
            if urls:
                hits = [h for h in hits if not any(a <= h[0] < b for a, b in urls)]
                if not hits:
                    return set()
        # Fast path: most hits carry one plain form; everything else needs case/gate checks.
        found = {h[2] for h in hits if h[2] is not None}
        rest = [i for i, h in enumerate(hits) if h[2] is None]
        if not rest:
            return found
        gated: list[tuple[int, _Form]] = []
        weak: list[tuple[int, _Form]] = []  # index of hit whose case did not match
        strong_extra: dict[int, str] = {}  # index -> skill, for non-fast-path strong hits
        for i in rest:
            start, end, _, fl = hits[i]
            for f in fl:
                if f.cased is not None and text[start:end] != f.cased:
                    weak.append((i, f))
                    continue
                kind = f.kind
                if kind == _STRONG:
                    found.add(f.skill)  # type: ignore[arg-type]
                    strong_extra[i] = f.skill  # type: ignore[assignment]
                elif kind == _GATED:
                    gated.append((start, f))
                # blockers only exist to win the overlap
        apos: list[int] = []  # positions of ungated skills (ascending)
        aname: list[str] = []
        if gated:
            for i, h in enumerate(hits):
                name = h[2] if h[2] is not None else strong_extra.get(i)
                if name is not None:
                    apos.append(h[0])
                    aname.append(name)
        for pos, f in gated:
            name: str = f.skill  # type: ignore[assignment]
            if name in found:
                continue
            gate = f.gate
            if trusted:
                ok = bool(apos) or self._has_cue(text, 0, len(text))
            elif gate == "list":
                k = bisect_left(apos, pos - LIST_WINDOW)
                ok = k < len(apos) and apos[k] <= pos + LIST_WINDOW
            elif gate == "related" or gate == "strict":
                table = self._domain if gate == "related" else self._group
                group = table[name]
                k = bisect_left(apos, pos - CONTEXT_WINDOW)
                ok = False
                while k < len(apos) and apos[k] <= pos + CONTEXT_WINDOW:
                    if not group.isdisjoint(table[aname[k]]):
                        ok = True
                        break
                    k += 1
            else:
                k = bisect_left(apos, pos - CONTEXT_WINDOW)
                ok = (k < len(apos) and apos[k] <= pos + CONTEXT_WINDOW) or self._has_cue(
                    text, pos - CONTEXT_WINDOW, pos + CONTEXT_WINDOW
                )
            if ok:
                found.add(name)
        # A form in the wrong case still counts when it is sandwiched in a list of ungated
        # skills, as in lower-case tag lines: "reactjs django go docker", "javascript less css".
        for i, f in weak:
            if f.skill is None or f.skill in found:
                continue
            start, end = hits[i][0], hits[i][1]
            left = i > 0 and (hits[i - 1][2] is not None or i - 1 in strong_extra) and (
                start - hits[i - 1][1] <= LIST_GAP
            )
            right = i + 1 < len(hits) and (
                hits[i + 1][2] is not None or i + 1 in strong_extra
            ) and hits[i + 1][0] - end <= LIST_GAP
            if (left or right) and (left or _line_edge(text, start, -1)) and (
                right or _line_edge(text, end, 1)
            ):
                found.add(f.skill)
        return found

    def _has_cue(self, text: str, lo: int, hi: int) -> bool:
        """Is there a technical cue word in ``text[lo:hi]``?"""
        if self._cue_automaton is None:
            return False
        lo = max(lo, 0)
        window = "\n" + text[lo:hi].lower() + "\n"
        word = _WORD_CHARS
        return any(window[end + 1] not in word for end, _ in self._cue_automaton.iter(window))

    def extract(
        self, text: str, *, title: str | None = None, tags: Sequence[str] = ()
    ) -> tuple[str, ...]:
        """Sorted, de-duplicated canonical names in ``text`` (plus title and tags).

        Parents of matched skills are added.  Never raises on any ``str``.
        """
        found = self._candidates(text) if isinstance(text, str) and text else set()
        if title and isinstance(title, str):
            found |= self._candidates(title, trusted=True)
        if tags and not isinstance(tags, str):
            for tag in tags:
                if isinstance(tag, str):
                    name = self.taxonomy.resolve(tag)
                    if name is not None:
                        found.add(name)
        if not found:
            return ()
        closure = self._closure
        out: set[str] = set()
        for name in found:
            out.update(closure[name])
        return tuple(sorted(out))

    def extract_html(
        self, html: str, *, title: str | None = None, tags: Sequence[str] = ()
    ) -> tuple[str, ...]:
        """Convert HTML to clean text, then :meth:`extract`."""
        return self.extract(html_to_text(html), title=title, tags=tags)


def _url_spans(text: str) -> list[tuple[int, int]]:
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


def _line_edge(text: str, pos: int, step: int) -> bool:
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


def html_to_text(html: str) -> str:
    """Fast HTML to plain text with entities decoded (html-text, bs4 as a fallback)."""
    if not html:
        return ""
    try:
        import html_text

        return str(html_text.extract_text(html, guess_layout=True))
    except Exception:  # noqa: BLE001 - malformed markup must never stop a crawl
        try:
            from bs4 import BeautifulSoup

            return BeautifulSoup(html, "html.parser").get_text("\n")
        except Exception:  # noqa: BLE001
            import html as _html

            return _html.unescape(re.sub(r"<[^>]*>", " ", html))
