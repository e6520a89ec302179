"""Tests for pipeline.normalize.roles: seniority, employment types, bands."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.roles import parse_employment_types, parse_seniority, seniority_band

SENIORITIES = {"intern", "junior", "mid", "senior", "staff", "lead", "manager"}
TYPES = ("full_time", "part_time", "contract", "freelance", "internship")

# (title, body, hints, expected)
SENIORITY_EXAMPLES: list[tuple[str | None, str | None, list[str], str | None]] = [
    ("Sr. Backend Engineer", None, [], "senior"),
    ("Senior Software Engineer", None, [], "senior"),
    ("Staff Engineer", None, [], "staff"),
    ("Principal Engineer", None, [], "staff"),
    ("Senior Staff Engineer", None, [], "staff"),
    ("Tech Lead, Payments", None, [], "lead"),
    ("Lead Backend Developer", None, [], "lead"),
    ("Head of Platform", None, [], "manager"),
    ("Director of Engineering", None, [], "manager"),
    ("Engineering Manager", None, [], "manager"),
    ("Junior Developer (m/w/d)", None, [], "junior"),
    ("Jr Python Dev", None, [], "junior"),
    ("Graduate Software Engineer", None, [], "junior"),
    ("Entry-level Backend Engineer", None, [], "junior"),
    ("New Grad Software Engineer", None, [], "junior"),
    ("Software Engineering Intern", None, [], "intern"),
    ("Werkstudent Backend (m/w/d)", None, [], "intern"),
    ("Software Engineer I", None, [], "junior"),
    ("Software Engineer II", None, [], "mid"),
    ("SDE III", None, [], "senior"),
    ("Mid-level Go Engineer", None, [], "mid"),
    ("Senior/Staff Fullstack Engineer", None, [], "senior"),  # range -> lowest level
    ("Backend Engineer", None, ["Senior"], "senior"),  # Himalayas seniority
    ("Backend Engineer", None, ["Midweight"], "mid"),  # Jobicy jobLevel
    ("Backend Engineer", None, ["Entry-level"], "junior"),
    ("Backend Engineer", None, ["Any"], None),
    ("Senior Backend Engineer", None, ["Entry-level"], "senior"),  # title beats hints
    ("Backend Engineer", "You have 5+ years of experience with Python.", [], "senior"),
    ("Backend Engineer", "3-5 years of professional experience", [], "mid"),
    ("Backend Engineer", "1+ year experience", [], "junior"),
    ("Junior Engineer", "8+ years of experience", [], "junior"),  # title beats body
    ("Founding Engineer", None, [], None),
    (None, None, [], None),
]

SENIORITY_BUGS_CAUGHT: list[tuple[str | None, str | None, list[str], str | None]] = [
    ("Internal Tools Engineer", None, [], None),  # "intern" inside "internal"
    ("International Payments Engineer", None, [], None),
    ("Lead Generation Specialist", None, [], None),
    ("Backend Engineer", "Founded 10 years ago, we ship weekly.", [], None),  # not experience
]

SENIORITY_XFAIL: list[tuple[str | None, str | None, list[str], str | None]] = [
    # A bare "Manager" is not read as people management (to keep "Product Manager" out), so
    # the inverted form "Manager, <team>" is missed.
    ("Manager, Backend Platform", None, [], "manager"),
]

EMPLOYMENT_EXAMPLES: list[tuple[str | None, list[str], tuple[str, ...]]] = [
    ("Full-time | Contract", [], ("full_time", "contract")),
    ("FT", [], ("full_time",)),
    ("PT", [], ("part_time",)),
    ("FT/PT", [], ("full_time", "part_time")),
    ("contract-to-hire", [], ("contract",)),
    ("C2H", [], ("contract",)),
    ("Consulting (1099)", [], ("contract",)),
    ("B2B contract or UoP", [], ("contract",)),
    ("freelance", [], ("freelance",)),
    ("part time", [], ("part_time",)),
    ("Full-time or Contract to Full-time", [], ("full_time", "contract")),
    ("Full time, interns/co-ops", [], ("full_time", "internship")),
    (None, ["FullTime"], ("full_time",)),  # Ashby
    (None, ["PartTime"], ("part_time",)),
    (None, ["Intern"], ("internship",)),
    (None, ["Temporary"], ("contract",)),
    (None, ["full_time"], ("full_time",)),  # Remotive
    (None, ["freelance"], ("freelance",)),
    (None, ["Full-Time"], ("full_time",)),  # WWR / Jobicy
    (None, ["CONTRACTOR", "FULL_TIME"], ("full_time", "contract")),  # JSON-LD
    (None, ["Vollzeit", "Werkstudent"], ("full_time", "internship")),  # Arbeitnow
    (None, ["VOLUNTEER", "OTHER"], ()),
    ("", [], ()),
]

EMPLOYMENT_BUGS_CAUGHT: list[tuple[str | None, list[str], tuple[str, ...]]] = [
    ("Remote (PT preferred)", [], ()),  # Pacific Time, not part-time
    ("Remote (PT)", [], ()),
    ("internal tools team", [], ()),
    ("smart contracts engineer", [], ()),
    ("B2B SaaS startup", [], ()),
    ("$1099/month", [], ()),
    ("We do not work with contract management software", [], ()),
]

EMPLOYMENT_XFAIL: list[tuple[str | None, list[str], tuple[str, ...]]] = [
    # "contract" in free prose without a role word is deliberately ignored; this loses some.
    ("This is a 6 month contract.", [], ("contract",)),
]


@pytest.mark.parametrize(("title", "body", "hints", "expected"), SENIORITY_EXAMPLES)
def test_seniority_examples(title, body, hints, expected) -> None:
    assert parse_seniority(title, body, hints=hints) == expected


@pytest.mark.parametrize(("title", "body", "hints", "expected"), SENIORITY_BUGS_CAUGHT)
def test_seniority_bugs_caught(title, body, hints, expected) -> None:
    assert parse_seniority(title, body, hints=hints) == expected


@pytest.mark.parametrize(("title", "body", "hints", "expected"), SENIORITY_XFAIL)
@pytest.mark.xfail(strict=True, reason="known weakness")
def test_seniority_known_weaknesses(title, body, hints, expected) -> None:
    assert parse_seniority(title, body, hints=hints) == expected


@pytest.mark.parametrize(("text", "hints", "expected"), EMPLOYMENT_EXAMPLES)
def test_employment_examples(text, hints, expected) -> None:
    assert parse_employment_types(text, hints=hints) == expected


@pytest.mark.parametrize(("text", "hints", "expected"), EMPLOYMENT_BUGS_CAUGHT)
def test_employment_bugs_caught(text, hints, expected) -> None:
    assert parse_employment_types(text, hints=hints) == expected


@pytest.mark.parametrize(("text", "hints", "expected"), EMPLOYMENT_XFAIL)
@pytest.mark.xfail(strict=True, reason="known weakness")
def test_employment_known_weaknesses(text, hints, expected) -> None:
    assert parse_employment_types(text, hints=hints) == expected


@pytest.mark.parametrize(
    ("level", "band"),
    [("intern", "entry"), ("junior", "entry"), ("mid", "mid"), ("senior", "senior"),
     ("staff", "senior"), ("lead", "lead"), ("manager", "lead"), (None, None)],
)
def test_seniority_band(level, band) -> None:
    assert seniority_band(level) == band


def test_seniority_band_unknown_value() -> None:
    assert seniority_band("wizard") is None  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "Senior", "Sr.", "Staff", "Lead", "Intern", "internal", "Manager", "Engineering", "Head of",
    "II", "III", "Junior", "Full-time", "FT", "PT", "Contract", "C2H", "1099", "B2B", "|", "/",
    "freelance", "5+ years of experience", "Werkstudent", "(m/w/d)", "Engineer", "Remote (PT)",
])
_TEXT = st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=8).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(title=st.one_of(st.none(), _TEXT), body=st.one_of(st.none(), _TEXT),
       hints=st.lists(_TEXT, max_size=3))
def test_seniority_never_raises_and_is_valid(title, body, hints) -> None:
    got = parse_seniority(title, body, hints=hints)
    assert got is None or got in SENIORITIES
    assert parse_seniority(title, body, hints=hints) == got
    assert seniority_band(got) in (None, "entry", "mid", "senior", "lead")


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.none(), _TEXT), hints=st.lists(_TEXT, max_size=3))
def test_employment_never_raises_and_is_canonical(text, hints) -> None:
    got = parse_employment_types(text, hints=hints)
    assert set(got) <= set(TYPES)
    assert list(got) == [t for t in TYPES if t in got]  # canonical order, no duplicates
    assert parse_employment_types(text, hints=hints) == got


@settings(max_examples=100, deadline=None)
@given(text=_TEXT)
def test_employment_idempotent_on_own_output(text) -> None:
    got = parse_employment_types(text)
    assert parse_employment_types(None, hints=list(got)) == got
