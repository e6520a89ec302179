"""A taxonomy edit's re-tag scope never misses a posting whose skills the edit changes.

Generated edits of a small taxonomy that has every rule kind (gates, case, parents, given
names, blockers, cue words) and generated texts built from both taxonomies' spellings: where the
old and new extractors disagree, the scope's pattern (run by DuckDB, as ``rebuild`` runs it)
or its changed tags must reach the posting.
"""

from __future__ import annotations

import os
import random

import attrs
import duckdb
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest.tagging import tagging_state_hash
from pipeline.normalize.skills import Skill, SkillExtractor, Taxonomy, load_taxonomy
from pipeline.normalize.skills.retag import (
    RetagScope,
    moved_skills,
    needle_pattern,
    retag_scope,
    taxonomy_from_state,
    taxonomy_state,
)

EXAMPLES = int(os.environ.get("JOBPULSE_FUZZ_EXAMPLES", "60"))

BASE = Taxonomy("1", [
    Skill("Python", "language", None, ("py", "python3")),
    Skill("Go", "language", None, ("golang",), gate="context", case_sensitive=True,
          ambiguous=("Go",)),
    Skill("Rust", "language", None, (), gate="list", ambiguous=("Rust",)),
    Skill("C", "language", None, (), gate="list", case_sensitive=True),
    Skill("C++", "language", None, ("cpp",)),
    Skill("Ruby", "language", None, (), gate="context", given_name=True),
    Skill("Julia", "language", None, (), gate="context", given_name=True),
    Skill("React", "framework", None, ("reactjs",)),
    Skill("React Native", "framework", "React", ()),
    Skill("Spring", "framework", None, (), gate="context", ambiguous=("Spring",)),
    Skill("Spring Boot", "framework", "Spring", ("spring-boot",)),
    Skill("Node.js", "runtime", None, ("node", "nodejs")),
    Skill("AWS", "cloud_platform", None, ("amazon web services",)),
    Skill("AWS Lambda", "cloud_service", "AWS", ("lambda",)),
    Skill("Kubernetes", "orchestration", None, ("k8s",)),
    Skill("Linux", "os", None, ()),
], cues=("developer", "framework", "programming"), blockers=("go to", "on the go"),
    categories=("language", "framework", "runtime", "cloud_platform", "cloud_service",
                "orchestration", "os", "database"))

NEW_NAMES = ("PostgreSQL", "Kafka", "Deno", "Swift")
ALIASES = ("postgres", "pg", "kube", "golang", "go lang", "rn", "node js", "java", "aws",
           "spring-boot", "sql", "k8", "lambda", "swift", "rust lang", "c plus plus", "js")
BLOCKERS = ("go to", "on the go", "spring clean", "rust belt", "node of")
FILLER = ("we", "use", "and", "to", "the", "our", "team", "Engineer", "building", "with",
          "in", "or", "for", "developer", "framework", "remote", "written in", "a", "is")
SEPARATORS = (" ", " ", " ", ", ", "\n", " / ", "-", ". ", " (", ") ", " & ", "\u2022 ")


def _edit(taxonomy: Taxonomy, rnd: random.Random) -> Taxonomy:
    """One random edit of any kind the taxonomy file allows."""
    skills = dict(taxonomy.skills)
    blockers = list(taxonomy.blockers)
    name = rnd.choice(sorted(skills))
    s = skills[name]
    kind = rnd.randrange(9)
    if kind == 0:
        skills[name] = attrs.evolve(s, aliases=(*s.aliases, rnd.choice(ALIASES)))
    elif kind == 1 and s.aliases:
        skills[name] = attrs.evolve(s, aliases=s.aliases[1:])
    elif kind == 2:
        skills[name] = attrs.evolve(s, gate=rnd.choice((None, "context", "list", "related")))
    elif kind == 3:
        skills[name] = attrs.evolve(s, case_sensitive=not s.case_sensitive)
    elif kind == 4:
        skills[name] = attrs.evolve(s, category=rnd.choice(taxonomy.categories))
    elif kind == 5:
        roots = [n for n, k in skills.items() if k.parent is None and n != name
                 and not any(c.parent == name for c in skills.values())]
        skills[name] = attrs.evolve(s, parent=rnd.choice([None, *roots]))
    elif kind == 6:
        new = rnd.choice(NEW_NAMES)
        if new not in skills:
            # A parent still there and still a root: an earlier edit may have removed it.
            parents = [p for p in ("AWS", "Python") if p in skills and skills[p].parent is None]
            skills[new] = Skill(new, rnd.choice(taxonomy.categories),
                                rnd.choice([None, *parents]), (rnd.choice(ALIASES),))
    elif kind == 7:
        del skills[name]
        for n, k in list(skills.items()):
            if k.parent == name:
                skills[n] = attrs.evolve(k, parent=None)
    elif rnd.random() < 0.5 and blockers:
        blockers.remove(rnd.choice(blockers))
    else:
        blockers.append(rnd.choice(BLOCKERS))
    return Taxonomy(taxonomy.version, skills.values(), cues=taxonomy.cues,
                    blockers=dict.fromkeys(blockers), categories=taxonomy.categories)


def _spellings(*taxonomies: Taxonomy) -> list[str]:
    out = set(ALIASES) | set(BLOCKERS) | set(FILLER)
    for t in taxonomies:
        for s in t.skills.values():
            out |= {s.name, *s.aliases}
    return sorted(out)


def _cased(word: str, rnd: random.Random) -> str:
    return rnd.choice((word, word.lower(), word.upper(), word.title(), word))


def _text(words: list[str], rnd: random.Random, n: int) -> str:
    return "".join(_cased(rnd.choice(words), rnd) + rnd.choice(SEPARATORS) for _ in range(n))


def _reached(scope: RetagScope, rows: list[tuple[str, str, list[str]]]) -> list[bool]:
    """Which rows (title, text, tags) the scope's pattern or tags reach, as rebuild asks."""
    frame = pl.DataFrame({"title": [r[0] for r in rows], "text": [r[1] for r in rows]})
    pattern = scope.pattern or r"\b\B"
    with duckdb.connect() as con:
        con.register("frame", frame.to_arrow())
        hits = con.execute("select regexp_matches(title, $p) or regexp_matches(text, $p) "
                           "from frame", {"p": pattern}).fetchall()
    tags = set(scope.changed_tags(t for r in rows for t in r[2]))
    return [bool(h[0]) or bool(tags & set(r[2])) for h, r in zip(hits, rows, strict=True)]


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(1, 3), st.booleans())
def test_every_posting_an_edit_changes_is_in_its_scope(seed: int, edits: int,
                                                       loaded_between: bool) -> None:
    """``loaded_between``: a load tagged postings with an intermediate taxonomy before the
    rebuild, so postings carry either of two taggings."""
    rnd = random.Random(seed)
    olds = [BASE]
    new = BASE
    for step in range(edits):
        new = _edit(new, rnd)
        if loaded_between and step == 0:
            olds.append(new)
    scope = retag_scope(olds, new)
    assert isinstance(scope, RetagScope)
    old_xs, new_x = [SkillExtractor(t) for t in olds], SkillExtractor(new)
    words = _spellings(*olds, new)
    rows = [(_text(words, rnd, rnd.randint(0, 4)), _text(words, rnd, rnd.randint(1, 40)),
             [_cased(rnd.choice(words), rnd).replace(" ", rnd.choice(" -"))
              for _ in range(rnd.randint(0, 2))]) for _ in range(40)]
    reached = _reached(scope, rows)
    for (title, text, tags), hit in zip(rows, reached, strict=True):
        after = new_x.extract(text, title=title, tags=tags)
        for old_x in old_xs:
            before = old_x.extract(text, title=title, tags=tags)
            if before != after:
                assert hit, (title, text, tags, before, after, scope.needles)


def test_unchanged_taxonomy_reaches_nothing_and_cue_edits_reach_everything() -> None:
    scope = retag_scope([BASE], Taxonomy("2", BASE.skills.values(), cues=BASE.cues,
                                       blockers=BASE.blockers, categories=BASE.categories))
    assert isinstance(scope, RetagScope)
    assert scope.needles == () and scope.pattern is None and not scope.changed_skills
    assert scope.changed_tags(["Python", "k8s"]) == []
    cues = retag_scope([BASE], Taxonomy("2", BASE.skills.values(), cues=("engineer",),
                                      blockers=BASE.blockers, categories=BASE.categories))
    assert cues == "the cue words changed"


def test_a_parent_edit_reaches_its_children_and_their_spellings() -> None:
    skills = dict(BASE.skills)
    skills["AWS"] = attrs.evolve(skills["AWS"], category="cloud_service")
    new = Taxonomy("1", skills.values(), cues=BASE.cues, blockers=BASE.blockers,
                   categories=BASE.categories)
    scope = retag_scope([BASE], new)
    assert isinstance(scope, RetagScope)
    assert scope.changed_skills == {"AWS", "AWS Lambda"}
    assert "lambda" in scope.needles and "python" not in scope.needles
    table = [(s.name, s.category, s.parent) for s in BASE.skills.values()]
    assert moved_skills(table, new) == ["AWS"]
    assert moved_skills(table, BASE) == []


@pytest.mark.parametrize("text, reached", [
    ("We run K8S in prod", True), ("k8s", True), ("(k8s)", True), ("\u2022 K8s", True),
    ("uk8s", False), ("nothing here", False),
])
def test_the_pattern_wants_a_token_start(text: str, reached: bool) -> None:
    with duckdb.connect() as con:
        got = con.execute("select regexp_matches($t, $p)",
                          {"t": text, "p": needle_pattern(["k8s", "a.b/c"])}).fetchall()[0][0]
    assert got is reached


def test_the_bundled_taxonomy_survives_the_warehouse_round_trip() -> None:
    taxonomy = load_taxonomy()
    again = taxonomy_from_state(taxonomy_state(taxonomy))
    assert taxonomy_state(again) == taxonomy_state(taxonomy)
    assert tagging_state_hash(again) == tagging_state_hash(taxonomy)
    assert again.skills == taxonomy.skills
