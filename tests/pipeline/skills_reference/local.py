"""Local confirmation of gated forms: what the words right around a name say about it.

A gated form ("Go", "Rust", "Swift", "Spring", "Elixir") is also an ordinary word, so the window
rules of :mod:`~pipeline.normalize.skills.context` ask for an ungated skill or a cue word nearby.
Three shapes confirm such a name on their own, because ordinary prose does not produce them:

* a list of technologies: the form is joined by a list separator ("," "/" "&" "and" "or") to a
  confirmed skill or to another gated name written the same way ("Go and Rust", "Go, Rust");
* a role or code noun right after it ("Rust Engineer", "Go developer", "Elixir codebase");
  case-sensitive names (Go, Zig) also take softer nouns ("Go services", "Go experience");
* a "written in" phrase right before it ("written in Go", "proficient in Rust").

All three need the name written with a capital initial, as technology names are: "rust on the
pipes", "a swift response" and "go and see" stay ordinary words.  Sentence-initial words are
capitalised too, which is why none of the shapes is the name alone ("Swift delivery expected.",
"Go and see", "Spring into action" and "Elixir of life" confirm nothing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tests.pipeline.skills_reference.matcher import Form, Hit

#: Categories whose gated names local shapes confirm: the names people write code in.
LOCAL_CATEGORIES = frozenset({"language", "framework", "runtime"})

# Only separators between list items: a gap longer than this is prose, not a list.
_LIST_SEP = re.compile(r"\s*(?:,|/|&|\+|;|\|)?\s*(?:(?:and/or|and|or)\s+)?\Z", re.IGNORECASE)
_MAX_SEP = 10

# Nouns that make the word before them a technology in any case-shape.
_ROLE = (
    r"developers?|engineers?|programmers?|programming|development|dev|devs|code|codebases?|"
    r"coding|sdks?|compilers?|toolchain|microservices?|back-?end|libraries|library|modules?|"
    r"bindings|skills|scripts?|scripting|apis?"
)
_ROLE_AFTER = re.compile(rf"[ \t-]+(?:{_ROLE})\b", re.IGNORECASE)
# Softer nouns: only after a name whose case is checked already ("Go services" but not
# "swift services", a courier's offer).
_SOFT_AFTER = re.compile(
    rf"[ \t-]+(?:{_ROLE}|services?|apps?|applications?|packages?|crates?|stack|experience|"
    r"expertise|projects?|binaries|tooling|ecosystem|backends?)\b",
    re.IGNORECASE,
)
_WRITTEN_IN = re.compile(
    r"\b(?:written|rewritten|built|implemented|coded|programmed|ported|migrated|"
    r"writing|programming|coding|developing|proficient|proficiency|fluent|fluency|"
    r"expertise|experienced|skilled)"
    r"(?:\s+(?:entirely|mostly|mainly|primarily|purely|fully|natively))?\s+(?:in|with|to)\s+\Z",
    re.IGNORECASE,
)
#: Characters before a form searched for a "written in" phrase.
_BEFORE = 40


def _capital(text: str, hit: Hit) -> bool:
    """Written like a name: capital initial, but not shouted ("SWIFT code" is a bank code)."""
    surface = text[hit[0] : hit[1]]
    return surface[:1].isupper() and not (len(surface) > 2 and surface.isupper())


def phrase_confirms(text: str, hit: Hit, form: Form) -> bool:
    """Is the gated form at ``hit`` followed by a role noun or preceded by "written in"?"""
    if not _capital(text, hit):
        return False
    end = hit[1]
    after = _SOFT_AFTER if form.cased is not None else _ROLE_AFTER
    if after.match(text, end):
        return True
    return _WRITTEN_IN.search(text[max(0, hit[0] - _BEFORE) : hit[0]]) is not None


def _joined(text: str, left: Hit, right: Hit) -> bool:
    """Are two hits adjacent items of one list?"""
    gap = text[left[1] : right[0]]
    return 0 < len(gap) <= _MAX_SEP and "\n" not in gap and _LIST_SEP.match(gap) is not None


def list_confirms(text: str, hits: Sequence[Hit], candidates: dict[int, Form],
                  confirmed: set[int], given: frozenset[str] = frozenset()) -> set[str]:
    """Skills of gated ``candidates`` (hit index -> form) confirmed by list neighbours.

    ``confirmed`` holds the indexes of hits already known to be skills.  A capitalised gated
    name joined to a confirmed hit is confirmed; two capitalised gated names joined to each
    other confirm each other, and the confirmation runs along the list.
    """
    ok = set(confirmed)
    live = {i for i in candidates if _capital(text, hits[i])}
    changed = True
    while changed:
        changed = False
        for i in sorted(live - ok):
            for j in (i - 1, i + 1):
                if not 0 <= j < len(hits) or (j not in ok and j not in live):
                    continue
                if j not in ok and candidates[i].skill in given and candidates[j].skill in given:
                    continue
                a, b = (hits[j], hits[i]) if j < i else (hits[i], hits[j])
                if _joined(text, a, b):
                    ok.add(i)
                    if j in live:
                        ok.add(j)
                    changed = True
                    break
    return {candidates[i].skill for i in ok if i in candidates and candidates[i].skill}


def confirm_locally(text: str, hits: Sequence[Hit], gated: list[tuple[int, Form]],
                    strong_extra: dict[int, str], found: set[str], *,
                    eligible: frozenset[str], given: frozenset[str]) -> set[str]:
    """Skills of the still unconfirmed ``gated`` forms (start, form) that a local shape confirms.

    ``found`` holds the skills confirmed so far; their hits anchor lists.  Only ``eligible``
    skills (languages, frameworks, runtimes) are confirmed this way: a list of gated company
    or product names ("Google, Stripe, Anthropic and Notion") is a customer list.
    """
    index = {h[0]: i for i, h in enumerate(hits)}
    out: set[str] = set()
    candidates: dict[int, Form] = {}
    for start, f in gated:
        i = index.get(start)
        if i is None or f.skill is None or f.skill in found or f.skill not in eligible:
            continue
        if phrase_confirms(text, hits[i], f):
            out.add(f.skill)
        else:
            candidates[i] = f
    if candidates:
        confirmed = {
            i for i, h in enumerate(hits)
            if (h[2] is not None or i in strong_extra
                or any(f.skill in found or f.skill in out for f in h[3] if f.skill))
            and i not in candidates
        }
        out |= list_confirms(text, hits, candidates, confirmed, given)
    return out
