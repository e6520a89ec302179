"""The demo's known answer: which skills' demand moves, who joins when, who is counted.

Everything the demo corpus does on purpose to a trend is declared here as data; the generators
read it, and ``tests/demo/test_seeded_trends.py`` checks the written corpus against it. The
warehouse's trend views must find exactly this and nothing else.

Seeded movers (``SEEDED``): within the ``hn`` source ("Who is hiring?"), each engineering job ad
mentions Go, Rust, PHP and Perl independently with the probabilities below (percent, at the
start of each year, linear in between). They are flat until January 2025 and then move
linearly; every other skill's chance of being mentioned is the same in every month:

========  ====  ====  ====  ====  ====  =================================================
skill     2023  2024  2025  2026  2027  change Aug-Oct 2026 vs Aug-Oct 2025 (95 % interval)
========  ====  ====  ====  ====  ====  =================================================
Go          10    10    10    22    34  +12.0 points (18.0 % -> 30.0 %, +/- 4.3)
Rust         3     3     3    12    21  +9.0 points ( 9.0 % -> 18.0 %, +/- 3.4)
PHP         15    15    15   7.5     0  -7.5 points (10.0 % ->  2.5 %, +/- 2.4)
Perl        10    10    10     5     0  -5.0 points ( 6.7 % ->  1.7 %, +/- 2.0)
========  ====  ====  ====  ====  ====  =================================================

The intervals are 1.96 standard errors of a difference of two proportions with about 760
engineering ads per three-month window (about 290 ads a month, 88 % of them engineering), so
each change lies well outside its interval around zero; ``expected_change`` computes them. The
changes are about five standard errors or more, because the warehouse tests some 120 skills at
once and flags a mover only past a false-discovery-rate threshold (about 3.3 standard errors).
Any three-month window against the same months a year earlier from 2026 on moves by the same
slopes (Go +12, Rust +9, PHP -7.5, Perl -5 points a year); windows ending before 2025 show no
mover.

Sources leaving and joining: ``hn_freelance`` (the demand side of "Freelancer? Seeking
freelancer?") has threads from March to December 2024 (``FREELANCE_EARLY``), then none (it
leaves), then again from ``FREELANCE_JOINS`` on (it joins); each month it adds about 60 client
posts with its own, flat skill mix (``FREELANCE_LANGUAGES``: PHP 30 %, JavaScript 20 %, Go 3 %,
Rust 1 % ...).
Pooled with ``hn``, its arrival lifts PHP and lowers Go and Rust, so a pooled share hides most of
PHP's fall and part of Go's and Rust's rise. The snapshot sources (ATS boards, job boards) are
crawled once; everything they hold is dated before that crawl (survivors), with flat mixes of their
own.

Who is counted: ``NON_ENGINEERING_SHARE`` of the ads in HN, the freelance clients, the ATS boards
(Greenhouse, Lever, Ashby) and Remote OK, Remotive, Himalayas and Jobicy are sales, marketing,
design, product, recruiting and support roles (Arbeitnow and the JSON-LD sites keep their own
general mixes, We Work Remotely's feeds are engineering only); their texts name Salesforce,
HubSpot, Figma, SQL, Looker and sometimes engineering skills in passing ("sell to Go and Rust
shops"), flat over time.

The current month is partial: the last HN threads hold only the posts of their first
``PARTIAL_HOURS`` hours (about half a month's ads), and in every month the first hours' posters
mention Kubernetes more often (``EARLY_KUBERNETES``). Over a full month that is a constant part
of a flat share; a partial month holds only early posts, so its Kubernetes share is about 15
points higher and its counts about half: a spurious mover if the partial month were used.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

Trend = tuple[float, float, float, float, float]

TREND_YEARS: tuple[int, ...] = (2023, 2024, 2025, 2026, 2027)

SEEDED: dict[str, Trend] = {
    "Go": (10, 10, 10, 22, 34),
    "Rust": (3, 3, 3, 12, 21),
    "PHP": (15, 15, 15, 7.5, 0),
    "Perl": (10, 10, 10, 5, 0),
}
"""Percent of ``hn`` engineering job ads mentioning each seeded language, per year start."""
SEEDED_RISING: tuple[str, ...] = ("Go", "Rust")
SEEDED_FALLING: tuple[str, ...] = ("PHP", "Perl")
TREND_SOURCES: tuple[str, ...] = ("hn",)
"""Sources whose seeded shares move; every other source's shares are flat."""

FREELANCE_JOINS = date(2026, 3, 1)
"""Month the "Freelancer? Seeking freelancer?" threads come back for good (the source joins)."""
FREELANCE_EARLY: tuple[date, date] = (date(2024, 3, 1), date(2024, 12, 1))
"""First and last month of an earlier run of those threads, which then stops (the source
leaves): before any window the movers compare, so only the share chart shows it."""


def freelance_threads_in(month: date, joins: date | None = FREELANCE_JOINS,
                         early: tuple[date, date] | None = FREELANCE_EARLY) -> bool:
    """Whether the corpus has a "Freelancer?" thread in ``month``."""
    month = month.replace(day=1)
    return ((joins is not None and month >= joins.replace(day=1))
            or (early is not None and early[0] <= month <= early[1]))
FREELANCE_LANGUAGES: dict[str, float] = {
    "PHP": 30, "JavaScript": 20, "Python": 18, "TypeScript": 10, "Ruby": 8, "Java": 4, "C#": 4,
    "Go": 3, "Perl": 2, "Rust": 1,
}
"""Main language of a freelance client's post (percent), the same in every month."""

NON_ENGINEERING_SHARE = 0.12
"""Share of employer ads that are not engineering roles, in every source and month."""

PARTIAL_HOURS = 12
"""The last month's threads as seen this many hours after they open."""
EARLY_KUBERNETES = 0.5
"""Chance that an engineering ad posted in a thread's first ``PARTIAL_HOURS`` hours names
Kubernetes although its drawn stack did not."""

ADS_PER_WINDOW = 760
"""Engineering ``hn`` ads in a three-month window of the default demo (for the intervals)."""


def trend(values: Sequence[float], year: float) -> float:
    """``values`` (one per ``TREND_YEARS`` start) interpolated at a fractional ``year``."""
    x = min(max(year - TREND_YEARS[0], 0.0), len(values) - 1.0)
    i = min(int(x), len(values) - 2)
    return values[i] + (values[i + 1] - values[i]) * (x - i)


def month_year(month: date) -> float:
    """The fractional year the generator uses for ``month``."""
    return month.year + (month.month - 1) / 12


def expected_share(skill: str, months: Sequence[date]) -> float:
    """Expected share (0-1) of ``hn`` engineering ads naming a seeded ``skill`` over ``months``."""
    return sum(trend(SEEDED[skill], month_year(m)) for m in months) / len(months) / 100


def expected_change(skill: str, recent: Sequence[date], earlier: Sequence[date],
                    ads: int = ADS_PER_WINDOW) -> tuple[float, float]:
    """Expected share change (recent minus earlier) and its 95 % half-interval, ``ads`` per
    window."""
    p1, p2 = expected_share(skill, earlier), expected_share(skill, recent)
    return p2 - p1, 1.96 * math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / ads)
