"""Classes of skill mentions, each tested with many examples of its own.

* Spaced punctuation: a name with inner punctuation matches however the writer (or a
  tokeniser) spaced it ("Node. js", "ASP .NET", "CI / CD", "Spring ( Boot )"), without one
  alias per spelling, and without joining separate words.
"""

from __future__ import annotations

import re

import pytest

from pipeline.normalize.skills import SkillExtractor, Taxonomy, load_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def extractor(taxonomy: Taxonomy) -> SkillExtractor:
    return SkillExtractor(taxonomy)


SPACED = [
    ("We build on Node. js and PostgreSQL", {"Node.js", "PostgreSQL"}),
    ("We build on Node .js", {"Node.js"}),
    ("We build on node . js", {"Node.js"}),
    ("Experience with . NET Core and C#", {".NET", "C#"}),
    ("Experience with . Net Framework", {".NET"}),
    ("C# , . Net , SQL Server", {".NET", "C#", "Microsoft SQL Server"}),
    ("Technologies\n. net-core c# docker", {".NET", "C#", "Docker"}),
    ("ASP . NET MVC and Entity Framework", {"ASP.NET", "Entity Framework"}),
    ("ASP. NET Core web APIs", {"ASP.NET"}),
    ("Proficient with SalesForce . com and Excel", {"Salesforce"}),
    ("a Salesforce. com admin", {"Salesforce"}),
    ("PL / SQL and Oracle Database", {"PL/SQL", "Oracle Database"}),
    ("TCP / IP networking", {"TCP/IP"}),
    ("Java 17 and Spring ( Boot )", {"Java", "Spring"}),
    ("Java 17 and Spring (Boot)", {"Java", "Spring"}),
    ("Ruby / Rails developer", {"Ruby on Rails"}),
]


@pytest.mark.parametrize(("text", "expect"), SPACED, ids=[t for t, _ in SPACED])
def test_spaced_punctuation(extractor: SkillExtractor, text: str, expect: set[str]) -> None:
    got = set(extractor.extract(text))
    assert expect <= got, got


SPACED_NOT = [
    # a sentence end followed by a word that is also a name's tail: no joined name
    ("We grew revenue. Net retention is 130%.", ".NET"),
    ("The node . It was down", "Node.js"),
    ("Please visit http :// www . example . com today", "HTTP"),
]


@pytest.mark.parametrize(("text", "absent"), SPACED_NOT, ids=[t for t, _ in SPACED_NOT])
def test_spaced_punctuation_joins_nothing(extractor: SkillExtractor, text: str,
                                          absent: str) -> None:
    assert absent not in extractor.extract(text)


def test_no_alias_spells_spaced_punctuation(taxonomy: Taxonomy) -> None:
    """Spaced spellings come from the matcher, never from one alias per tokenisation."""
    spaced = re.compile(r"\w \. \w|^\. |\w\. \w| / |\( | \)| ://")
    bad = [(s.name, a) for s in taxonomy.skills.values() for a in s.aliases if spaced.search(a)]
    bad += [("<blocker>", b) for b in taxonomy.blockers if spaced.search(b)]
    assert bad == []
