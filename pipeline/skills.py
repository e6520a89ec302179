"""Skills taxonomy and fast skill extraction from job-posting text.

Every number jobpulse shows is a count of skills, so this module decides what "a posting
mentions Kubernetes" means.  It has two parts:

* :class:`Taxonomy` — the canonical technologies loaded from ``pipeline/taxonomy.yaml``
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
2. Blockers: phrases that contain a skill form but are ordinary English ("go to", "C-level",
   "C-suite", "on the go", "salt lake") are keys too; they win the overlap and emit nothing.
3. ``case_sensitive``: the form must appear with exactly the case written in the YAML
   (``Go`` but not ``go``; ``R`` but not ``r``; ``REST`` but not ``rest``).
4. ``gate``: the form is also an ordinary English word.  It counts only with technical
   corroboration:

   * ``gate: context`` — an ungated skill or a technical cue word (``developer``,
     ``framework``, ``programming``...) within :data:`CONTEXT_WINDOW` characters;
   * ``gate: list`` — an ungated skill within :data:`LIST_WINDOW` characters, i.e. the form
     sits in a list of technologies ("Python, R, SQL").  Cue words are not enough.

   A gated form in the title counts when the title holds a skill or a cue word; a form
   supplied through ``tags=`` always counts (the source labelled it).
5. Parents: a matched skill adds its parent chain (``AWS Lambda`` adds ``AWS``).

Nothing is loaded at import time; :func:`load_taxonomy` is the only function doing I/O.
"""

from __future__ import annotations

import os
import re
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
LEFT_BOUNDARY = " \n\t\r\f\v(/[{,;:\"'*|<>-=~!?\u00a0\u2022\u00b7\u2013\u2014\u2026\u2018\u201c\u25cf\u25aa\u2192\u2713\u2714"

# A match is rejected when followed by one of these: they continue the token ("javascript",
# "c#", "go_lang").  "+" is not here on purpose: "c++" is a key of its own and wins the overlap
# against "c", while "java 8+" or "es6+" should still count.
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_#")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_DIGITS = frozenset("0123456789")
# Forms at least this long that end in a letter may carry a glued version number (python3).
_MIN_VERSIONED = 4

# Payload kinds stored in the automaton.
_STRONG, _GATED, _BLOCKER, _CUE = 0, 1, 2, 3

_WS_RE = re.compile(r"\s+")
# Hits inside links are dropped: "https://github.com/acme" or "/jobs/python-dev" are not skills.
_URL_RE = re.compile(r"(?:https?|ftp)\s?:\s?//\S*|\bwww\.\S+", re.IGNORECASE)
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
_DOMAIN_OF = {cat: dom for dom, cats in _DOMAINS.items() for cat in cats}


class TaxonomyError(ValueError):
    """The taxonomy file is malformed (duplicate name, unknown parent, bad field...)."""


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
    with open(p, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)  # noqa: S506 - safe loader
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
        for c in taxonomy.cues:
            add(c, _Form(_CUE, None), variants=False)

        automaton = ahocorasick.Automaton()
        self._n_keys = 0
        for surface, fl in forms.items():
            payload = (len(surface), tuple(fl))
            for b in LEFT_BOUNDARY:
                automaton.add_word(b + surface, payload)
                self._n_keys += 1
        automaton.make_automaton()
        self._automaton = automaton
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
            n: frozenset({"dom:" + _DOMAIN_OF.get(s.category, s.category), *self._group[n]})
            for n, s in taxonomy.skills.items()
        }

    # -- hot path -------------------------------------------------------------------------
    def _scan(self, text: str) -> list[tuple[int, int, tuple[_Form, ...]]]:
        """Valid token-bounded hits as (start, end, forms), leftmost-longest, non-overlapping.

        Offsets refer to ``text``.
        """
        low = "\n" + text.lower()
        if len(low) != len(text) + 1:
            # A few characters (e.g. U+0130) lower-case to two; keep offsets aligned.
            low = "\n" + "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        n = len(low)
        word = _WORD_CHARS
        alnum = _ALNUM
        digits = _DIGITS
        hits = []
        for end, (klen, fl) in self._automaton.iter(low):
            nxt = end + 1
            if nxt < n:
                ch = low[nxt]
                if ch in word:
                    if ch in digits and klen >= _MIN_VERSIONED and low[end] in alnum:
                        # Glued version ("python3", "html5"): accept if the digits end the token.
                        j = nxt + 1
                        while j < n and (low[j] in digits or low[j] == "."):
                            j += 1
                        if j < n and low[j] in word and low[j] not in digits:
                            continue
                    else:
                        continue
                elif ch > "\x7f" and ch.isalnum():
                    continue
                elif ch == "." and nxt + 1 < n and low[nxt + 1] in alnum:
                    continue
            # low[s] == text[s - 1]; the key includes one boundary char before the form.
            hits.append((nxt - klen - 1, nxt - 1, fl))
        if len(hits) < 2:
            return hits
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        out = []
        last_end = -1
        for h in hits:
            if h[0] >= last_end:
                out.append(h)
                last_end = h[1]
        return out

    def _candidates(self, text: str, *, trusted: bool = False) -> set[str]:
        """Skills found in ``text`` after case and gate checks.

        ``trusted`` (titles): a gated form counts if any skill or cue word is in the text.
        """
        hits = self._scan(text)
        if not hits:
            return set()
        if "//" in text or "www." in text:
            urls = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
            if urls:
                hits = [h for h in hits if not any(a <= h[0] < b for a, b in urls)]
        found: set[str] = set()
        gated: list[tuple[int, _Form]] = []
        weak: list[tuple[int, _Form]] = []  # index of hit whose case did not match
        anchors: list[tuple[int, str]] = []  # (position, skill) of ungated skills
        strong_at = [False] * len(hits)
        cues: list[int] = []
        for i, (start, end, fl) in enumerate(hits):
            for f in fl:
                if f.cased is not None and text[start:end] != f.cased:
                    weak.append((i, f))
                    continue
                kind = f.kind
                if kind == _STRONG:
                    found.add(f.skill)  # type: ignore[arg-type]
                    anchors.append((start, f.skill))  # type: ignore[arg-type]
                    strong_at[i] = True
                elif kind == _GATED:
                    gated.append((start, f))
                elif kind == _CUE:
                    cues.append(start)
                # blockers only exist to win the overlap
        for pos, f in gated:
            name: str = f.skill  # type: ignore[assignment]
            if name in found:
                continue
            gate = f.gate
            if trusted:
                ok = bool(anchors or cues)
            elif gate == "list":
                ok = any(abs(a - pos) <= LIST_WINDOW for a, _ in anchors)
            elif gate == "related" or gate == "strict":
                group = (self._domain if gate == "related" else self._group)[name]
                table = self._domain if gate == "related" else self._group
                ok = any(
                    abs(a - pos) <= CONTEXT_WINDOW and not group.isdisjoint(table[other])
                    for a, other in anchors
                )
            else:
                ok = any(abs(a - pos) <= CONTEXT_WINDOW for a, _ in anchors) or any(
                    abs(c - pos) <= CONTEXT_WINDOW for c in cues
                )
            if ok:
                found.add(name)
        # A form in the wrong case still counts when it is sandwiched in a list of ungated
        # skills, as in lower-case tag lines: "reactjs django go docker", "javascript less css".
        for i, f in weak:
            if f.skill is None or f.skill in found:
                continue
            start, end, _ = hits[i]
            left = i > 0 and strong_at[i - 1] and start - hits[i - 1][1] <= LIST_GAP
            right = (
                i + 1 < len(hits) and strong_at[i + 1] and hits[i + 1][0] - end <= LIST_GAP
            )
            if (left or _line_edge(text, start, -1)) and (right or _line_edge(text, end, 1)) and (
                left or right
            ):
                found.add(f.skill)
        return found

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
