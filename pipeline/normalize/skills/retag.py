"""Which postings a taxonomy edit can change, so that ``rebuild`` re-tags those and no others.

Extraction sees a title or text only through the automaton's hits (:mod:`.matcher`): every
later rule (case, gates, neighbours, parents, employer and link spans) reads the hits' forms
and the records of the skills they name. So, with the same extraction code and the same cue
words, a posting's skills can differ between two taxonomies only if

* its title or text contains a key spelling whose forms differ between them (an alias added,
  removed or given another gate, a blocker added or removed), or one whose forms name a
  *changed* skill: added, removed, any field edited, or a parent chain that reaches one; or
* one of its source tags resolves to another skill, or to a changed one.

A key matches only where a token starts, so the scope is "a key spelling right after a
left-boundary character, ignoring case". Case folding in the pattern is per character and
covers each character's lower case, so the pattern finds every place the matcher's
lower-cased text could hold a key (and a few more): the scope can be too wide, never too
narrow. ``tests/pipeline/test_retag_scope.py`` checks the scoped re-tag against a full one on
generated taxonomy edits and texts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import attrs

from pipeline.normalize.skills.matcher import LEFT_BOUNDARY, Form, _forms
from pipeline.normalize.skills.taxonomy import Skill, Taxonomy

#: More key spellings than this make one pattern too large to be worth it: re-tag everything.
MAX_NEEDLES = 2_000

def taxonomy_state(taxonomy: Taxonomy) -> str:
    """The taxonomy as canonical JSON: what the warehouse keeps of the one that tagged it."""
    return json.dumps({
        "version": taxonomy.version,
        "cues": list(taxonomy.cues),
        "blockers": list(taxonomy.blockers),
        "categories": list(taxonomy.categories),
        "skills": [attrs.asdict(s) for s in taxonomy.skills.values()],
    }, ensure_ascii=False, separators=(",", ":"))


def taxonomy_from_state(state: str) -> Taxonomy:
    """The taxonomy :func:`taxonomy_state` wrote (lists back to tuples)."""
    data = json.loads(state)
    skills = [Skill(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})
              for raw in data["skills"]]
    return Taxonomy(data["version"], skills, cues=data["cues"], blockers=data["blockers"],
                    categories=data["categories"])


@attrs.frozen
class RetagScope:
    """The postings a move to ``new`` from any of ``olds`` can change, as what to look for."""

    olds: tuple[Taxonomy, ...]
    new: Taxonomy
    changed_skills: frozenset[str]
    """Skills added, removed or edited, and those whose parent chain reaches one."""
    needles: tuple[str, ...]
    """Lower-cased key spellings that can tag differently (see the module docstring)."""

    @property
    def pattern(self) -> str | None:
        """An RE2 pattern that matches every title or text holding a needle as a token start;
        ``None`` when there is nothing to look for."""
        return needle_pattern(self.needles) if self.needles else None

    def changed_tags(self, tags: Iterable[str]) -> list[str]:
        """The given source tags that resolve to another skill, or to a changed one."""
        out = []
        for tag in tags:
            after = self.new.resolve(tag)
            if (after is not None and after in self.changed_skills) or any(
                    old.resolve(tag) != after for old in self.olds):
                out.append(tag)
        return sorted(out)


def retag_scope(olds: Sequence[Taxonomy], new: Taxonomy) -> RetagScope | str:
    """What to re-tag when moving to ``new`` from postings tagged with any of ``olds`` (a
    posting already tagged with ``new`` is re-tagged to the same skills if reached); a string
    says why everything."""
    if any(old.cues != new.cues for old in olds):
        return "the cue words changed"
    changed: set[str] = set()
    needles: set[str] = set()
    new_forms = _forms(new)
    for old in olds:
        moved = _changed_skills(old, new)
        old_forms = _forms(old)
        needles.update(key for key in old_forms.keys() | new_forms.keys()
                       if _differs(old_forms.get(key), new_forms.get(key), moved))
        changed |= moved
    if len(needles) > MAX_NEEDLES:
        return f"{len(needles):,} spellings changed"
    return RetagScope(tuple(olds), new, frozenset(changed), tuple(sorted(needles)))


def moved_skills(previous: Iterable[tuple[str, str, str | None]], new: Taxonomy) -> list[str]:
    """Skills of the ``previous`` skills table (name, category, parent) that ``new`` keeps
    under another category or parent: the aggregates of postings not re-tagged name them."""
    return sorted(name for name, category, parent in previous
                  if name in new.skills
                  and (new.skills[name].category, new.skills[name].parent) != (category, parent))


def _changed_skills(old: Taxonomy, new: Taxonomy) -> set[str]:
    changed = {name for name in old.skills.keys() | new.skills.keys()
               if old.skills.get(name) != new.skills.get(name)}
    # A skill adds its parent chain: a changed ancestor changes what it adds.
    grew = True
    while grew:
        grew = False
        for taxonomy in (old, new):
            for name, skill in taxonomy.skills.items():
                if name not in changed and skill.parent in changed:
                    changed.add(name)
                    grew = True
    return changed


def _differs(before: list[Form] | None, after: list[Form] | None, changed: set[str]) -> bool:
    if before != after:
        return True
    return any(f.skill in changed for f in before or ())


def needle_pattern(needles: Iterable[str]) -> str:
    """``(?i)`` RE2 pattern: any needle at the start of the text or after a left boundary."""
    left = "".join(_escape(c) for c in LEFT_BOUNDARY)
    spellings = "|".join("".join(_escape(c) for c in n) for n in needles)
    return f"(?is)(?:^|[{left}])(?:{spellings})"


def _escape(c: str) -> str:
    return c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):x}}}"
