"""The skills taxonomy: canonical technologies read from ``pipeline/normalize/taxonomy.yaml``.

Each :class:`Skill` carries its name, category, optional parent, surface forms and the
disambiguation rules that apply to it (gate, case sensitivity, which forms are ambiguous).
:class:`Taxonomy` checks the whole file for consistency and resolves any form to its canonical
name. :func:`load_taxonomy` is the only function in the skills package doing I/O.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import yaml

DEFAULT_TAXONOMY_PATH = Path(__file__).parent.parent / "taxonomy.yaml"

#: The corroboration a gated form needs (see the package docstring, rule 5).
GATES = ("context", "list", "related", "strict")

_FIELDS = frozenset({
    "name", "category", "parent", "aliases", "gate", "case_sensitive", "ambiguous", "concept",
    "given_name",
})
_WS_RE = re.compile(r"\s+")


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
    #: Also a common first name (Ruby, Julia): two such names in a row are a greeting list
    #: ("Ruby and Julia"), so they never confirm each other as technologies.
    given_name: bool = False


def norm_key(name: str) -> str:
    """A form as looked up and matched: trimmed, inner whitespace single spaces, case-folded."""
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
            self._lookup[norm_key(s.name)] = s.name
        for s in self.skills.values():
            for a in s.aliases:
                self._lookup.setdefault(norm_key(a), s.name)

    def __repr__(self) -> str:
        return f"Taxonomy(version={self.version!r}, skills={len(self.skills)})"

    def resolve(self, name: str) -> str | None:
        """Canonical name for a canonical name or alias (case-insensitive), else ``None``."""
        if not isinstance(name, str):
            return None
        key = norm_key(name)
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


def _read_yaml(p: Path) -> Any:
    """The parsed file; every way it can fail to parse is a one-line :class:`TaxonomyError`."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(p, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)  # noqa: S506 - safe loader
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"{p}: not UTF-8 text (byte {exc.start + 1})") from None
    except yaml.YAMLError as exc:
        # The full message spans lines (with a caret); its position and problem fit in one.
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise TaxonomyError(f"{p}{where}: not valid YAML ({problem})") from None


def _skill(raw: Any, i: int, p: Path) -> Skill:
    """One ``skills:`` entry of the file, its fields checked."""
    if not isinstance(raw, dict) or "name" not in raw or "category" not in raw:
        raise TaxonomyError(f"{p}: skill #{i} needs 'name' and 'category'")
    name = str(raw["name"])
    unknown = set(raw) - _FIELDS
    if unknown:
        raise TaxonomyError(f"{name!r}: unknown field(s) {sorted(unknown)}")
    ambiguous = _as_tuple(raw.get("ambiguous"), "ambiguous", name)
    aliases = _as_tuple(raw.get("aliases"), "aliases", name)
    # Ambiguous forms are surface forms too (for resolve()); keep declared order.
    all_aliases = tuple(dict.fromkeys(a for a in aliases + ambiguous if a != name))
    return Skill(
        name=name,
        category=str(raw["category"]),
        parent=raw.get("parent"),
        aliases=all_aliases,
        gate=raw.get("gate"),
        case_sensitive=bool(raw.get("case_sensitive", False)),
        ambiguous=ambiguous,
        concept=bool(raw.get("concept", False)),
        given_name=bool(raw.get("given_name", False)),
    )


def load_taxonomy(path: str | os.PathLike[str] | None = None) -> Taxonomy:
    """Read a taxonomy YAML file (default: ``pipeline/normalize/taxonomy.yaml``)."""
    p = Path(path) if path is not None else DEFAULT_TAXONOMY_PATH
    data = _read_yaml(p)
    if not isinstance(data, dict) or "skills" not in data:
        raise TaxonomyError(f"{p}: expected a mapping with 'version' and 'skills'")
    skills = [_skill(raw, i, p) for i, raw in enumerate(data["skills"] or [])]
    return Taxonomy(
        str(data.get("version", "0")),
        skills,
        cues=_as_tuple(data.get("cues"), "cues", "<top>"),
        blockers=_as_tuple(data.get("blockers"), "blockers", "<top>"),
        categories=_as_tuple(data.get("categories"), "categories", "<top>"),
    )
