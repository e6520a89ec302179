"""Classes of skill mentions, each tested with many examples of its own.

* Spaced punctuation: a name with inner punctuation matches however the writer (or a
  tokeniser) spaced it ("Node. js", "ASP .NET", "CI / CD", "Spring ( Boot )"), without one
  alias per spelling, and without joining separate words.
* Gated names confirmed locally: a gated language or framework ("Go", "Rust", "Swift") counts
  in a list with another technology (gated or not), before a role noun ("Rust Engineer"), or
  after "written in"; the same words in ordinary prose do not.
"""

from __future__ import annotations

import re

import pytest

from pipeline.normalize.skills import SkillExtractor, Taxonomy

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


GATED_FOUND = [
    # lists of gated names confirm each other
    ("Go and Rust", {"Go", "Rust"}),
    ("Go, Rust", {"Go", "Rust"}),
    ("We write Go and Rust", {"Go", "Rust"}),
    ("Stack: Go, Rust, and/or Elixir", {"Go", "Rust", "Elixir"}),
    ("Our apps are in Swift / Dart", {"Swift", "Dart"}),
    ("Ruby, Elixir or Go", {"Ruby", "Elixir", "Go"}),
    ("Backend: Elixir / Phoenix", {"Elixir", "Phoenix"}),
    ("Ruby and Go", {"Ruby", "Go"}),
    # a list with an ungated technology
    ("Terraform & Go", {"Terraform", "Go"}),
    ("Swift + Objective-C", {"Swift", "Objective-C"}),
    # a role or code noun after the name
    ("Senior Rust Engineer", {"Rust"}),
    ("Go developer wanted", {"Go"}),
    ("We need a Swift developer", {"Swift"}),
    ("the Elixir codebase is ten years old", {"Elixir"}),
    ("Rust programming is a plus", {"Rust"}),
    ("Dart-engineer", {"Dart"}),
    # softer nouns after a case-checked name
    ("Go services on Kubernetes", {"Go", "Kubernetes"}),
    ("Go services", {"Go"}),
    ("3+ years of Go experience", {"Go"}),
    ("Zig tooling", {"Zig"}),
    # "written in"
    ("written in Go", {"Go"}),
    ("Our database is written in Rust.", {"Rust"}),
    ("The engine is written entirely in Rust", {"Rust"}),
    ("proficient in Swift", {"Swift"}),
    ("We migrated to Elixir last year", {"Elixir"}),
]


@pytest.mark.parametrize(("text", "expect"), GATED_FOUND, ids=[t for t, _ in GATED_FOUND])
def test_gated_names_confirmed_locally(extractor: SkillExtractor, text: str,
                                       expect: set[str]) -> None:
    got = set(extractor.extract(text))
    assert expect <= got, got


GATED_NOT = [
    "Swift delivery expected.",
    "Go to market with us",
    "Go and see the sites",
    "go and see",
    "rust on the pipes",
    "Rust on the pipes must be reported",
    "We promise a swift response",
    "a swift response and swift services",
    "Spring into action",
    "Spring and Summer rotas",
    "the Elixir of life",
    "An Elixir of youth",
    "Ruby and Julia from HR will greet you",
    "Thanks to Crystal, Ruby and Ada",
    "Our product is used by Google, Stripe, Anthropic and Notion",
    "Go team!",
    "Swift Courier Services Ltd",
    "Groovy vibes and great people",
    "written in spring",
    "Dart board in the office",
    "crystal clear communication",
    "Swift applications are processed within two days",
    "Swift packages delivered next day",
    "Ruby gems and diamonds in our jewellery store",
    "Spring developments in the housing market",
    "Please provide your IBAN and SWIFT code",
    "SWIFT code and sort code required",
]


@pytest.mark.parametrize("text", GATED_NOT)
def test_gated_words_stay_words(extractor: SkillExtractor, text: str) -> None:
    gated = {"Go", "Rust", "Swift", "Spring", "Elixir", "Ruby", "Julia", "Crystal", "Ada",
             "Stripe", "Claude", "Groovy", "Dart"}
    assert not gated & set(extractor.extract(text))


def test_gated_title_alone(extractor: SkillExtractor) -> None:
    assert extractor.extract("", title="Rust Engineer") == ("Rust",)
    assert extractor.extract("We are hiring.", title="Senior Go Developer") == ("Go",)
    assert extractor.extract("", title="Swift Delivery Driver") == ()


@pytest.mark.parametrize("text", [
    "Go from idea to production in weeks. We write Python and PostgreSQL.",
    "Python, PostgreSQL, Kubernetes.\nGo beyond the brief and own the outcome.",
    "We run on AWS and Kafka. Go live every day with us!",
])
def test_an_imperative_go_is_not_the_language(extractor: SkillExtractor, text: str) -> None:
    assert "Go" not in extractor.extract(text)


@pytest.mark.parametrize("text", [
    "Backend: Go from the gateway to the workers, PostgreSQL underneath.",
    "We migrated to Go from Python last year; Kubernetes and PostgreSQL too.",
    "Stack: Go, Rust and PostgreSQL.",
])
def test_go_the_language_beside_a_particle(extractor: SkillExtractor, text: str) -> None:
    assert "Go" in extractor.extract(text)


@pytest.mark.parametrize("text", [
    "We build APIs in Python. Perks: state of the art laptops (MacOS, Linux or Windows? You "
    "pick your weapon of choice!)",
    "Python and PostgreSQL.\nA choice to work from Mac or Linux\nExtra paid holiday time",
    "Go services on AWS. You get a MacBook Pro or a Windows laptop of your choice.",
])
def test_an_operating_system_offered_as_equipment_is_a_perk(extractor: SkillExtractor,
                                                            text: str) -> None:
    found = set(extractor.extract(text))
    assert not found & {"macOS", "Linux", "Windows"}
    assert found  # the stack itself still counts


@pytest.mark.parametrize(("text", "skill"), [
    ("You will administer Linux servers and write Bash scripts on AWS.", "Linux"),
    ("Testing our iOS and Android SDK on real devices, with Kotlin and Swift.", "Android"),
    ("Deep Linux knowledge. Perks: a laptop of your choice.", "Linux"),
])
def test_an_operating_system_the_job_needs_still_counts(extractor: SkillExtractor, text: str,
                                                        skill: str) -> None:
    assert skill in extractor.extract(text)
