"""Invented vocabulary of the job-board demo corpora (Remote OK, Remotive, Himalayas, Jobicy).

Nothing here is copied from real postings: company names are coined from neutral word parts, and
descriptions are assembled from generic sentences. :func:`make_job` draws one posting's content
(role, stack, seniority, pay, place) from a ``random.Random``, so each corpus module only has to
render it in its source's exact shape. The mix is the same in every month: the boards are
crawled once, so everything dated before that crawl is survivors, not that month's demand.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import attrs

from pipeline.demo.nonengineering import nonengineering_text
from pipeline.demo.seeded_trends import NON_ENGINEERING_SHARE

HEADS = ("Oak", "Tide", "Fern", "Quarry", "Lark", "Copper", "Marl", "Brass", "Pine", "Kestrel",
         "Harbor", "Ember", "Slate", "Wren", "Cinder", "Moss", "Juniper", "Cobalt", "Drift",
         "Aster", "Birch", "Orchard", "Flint", "Heron")
TAILS = ("hollow", "well", "stone", "line", "field", "works", "grid", "loom", "mark", "forge",
         "path", "bay", "crest", "leaf", "ridge", "wind", "gate", "craft")
SUFFIXES = ("", "", "", " Labs", " Inc", " Technologies", " Health", " Analytics", " Systems",
            " GmbH", " Software", " AI")
ACCENTED = ("Café", "Señal", "Ñandú", "Fjärd", "Zürich", "Łódź", "Ærø", "Résumé", "Mídia",
            "Sévérine", "Göta", "Ostrów")
"""Name parts with non-ASCII letters, so sources that mangle encodings have something to mangle."""

BACKEND_TITLES = ("Backend Engineer", "Backend Developer", "Software Engineer, Backend",
                  "Python Developer", "Go Engineer", "Java Developer", "Platform Engineer",
                  "API Engineer", "Node.js Developer", "Ruby on Rails Developer",
                  "Rust Engineer", "Kotlin Backend Engineer", "PHP Developer",
                  "Full Stack Engineer", "Site Reliability Engineer", "Data Engineer",
                  "Elixir Developer", ".NET Developer")
OTHER_TITLES = ("Frontend Engineer", "iOS Developer", "Android Developer", "QA Analyst",
                "Data Scientist", "Engineering Manager")
"""Engineering roles other than backend; non-engineering roles come from ``nonengineering``."""
LEVELS = (("Junior", 0.12), ("", 0.38), ("Senior", 0.36), ("Staff", 0.08), ("Lead", 0.06))
STACKS: dict[str, tuple[str, ...]] = {
    "Python": ("Django", "FastAPI", "PostgreSQL", "Celery", "AWS"),
    "Go": ("gRPC", "Kubernetes", "PostgreSQL", "Kafka", "GCP"),
    "Java": ("Spring Boot", "Kafka", "MySQL", "AWS"),
    "Node.js": ("TypeScript", "Express", "MongoDB", "Redis"),
    "Ruby": ("Rails", "PostgreSQL", "Sidekiq", "Heroku"),
    "Rust": ("Tokio", "PostgreSQL", "AWS"),
    "Kotlin": ("Ktor", "PostgreSQL", "Kubernetes"),
    "PHP": ("Laravel", "MySQL", "Redis"),
    "Elixir": ("Phoenix", "PostgreSQL"),
    "C#": (".NET", "Azure", "SQL Server"),
}
TITLE_LANG = {"Python": "Python", "Go": "Go", "Java": "Java", "Node": "Node.js",
              "Ruby": "Ruby", "Rust": "Rust", "Kotlin": "Kotlin", "PHP": "PHP",
              "Elixir": "Elixir", ".NET": "C#"}
PRODUCTS = ("invoicing APIs for small shops", "scheduling software for clinics",
            "a logistics tracking platform", "payroll tools for remote teams",
            "a marketplace for used machinery", "analytics for online stores",
            "booking software for gyms", "an open-source observability stack",
            "identity verification APIs", "energy usage dashboards for buildings")
SENTENCES = ("You will design, build and operate services used by thousands of customers.",
             "We review every change in small pull requests and deploy many times a day.",
             "We’re fully remote and work asynchronously across time zones.",
             "You will own features from the first sketch to production monitoring.",
             "We value clear writing, kind code review and sustainable pace.",
             "On-call is shared across the team and rarely busy.")
PERKS = ("Home office budget", "Four-day work week in summer", "Learning budget",
         "Paid parental leave", "Company retreat twice a year", "Equity for every employee")
PLACES: tuple[tuple[str, str, str, float], ...] = (
    # (place text, ISO alpha-2 or "", pay currency, weight)
    ("United States", "US", "USD", 0.34), ("Canada", "CA", "CAD", 0.06),
    ("United Kingdom", "GB", "GBP", 0.08), ("Germany", "DE", "EUR", 0.08),
    ("Netherlands", "NL", "EUR", 0.03), ("Spain", "ES", "EUR", 0.03),
    ("Brazil", "BR", "USD", 0.05), ("Poland", "PL", "EUR", 0.03),
    ("India", "IN", "USD", 0.03), ("Worldwide", "", "USD", 0.27),
)
BASE_PAY = {"Junior": 70000, "": 105000, "Senior": 140000, "Staff": 175000, "Lead": 160000}


@attrs.frozen
class Job:
    """One invented posting's content, independent of any source's format."""

    title: str
    company: str
    backend: bool
    level: str
    language: str | None
    skills: tuple[str, ...]
    place: str
    country: str
    currency: str
    pay_min: int | None
    pay_max: int | None
    posted: datetime
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]


def company_name(rng: random.Random, accented: float = 0.15) -> str:
    head = rng.choice(ACCENTED) if rng.random() < accented else rng.choice(HEADS)
    return head + rng.choice(TAILS) + rng.choice(SUFFIXES)


def companies(rng: random.Random, n: int, accented: float = 0.15) -> list[str]:
    """``n`` distinct company names."""
    names: dict[str, None] = {}
    while len(names) < n:
        names[company_name(rng, accented)] = None
    return list(names)


def posted_at(rng: random.Random, months: int, end: date) -> datetime:
    """A time in the ``months`` months before ``end``, later times more likely (growth)."""
    days = max(months, 1) * 30.4
    back = days * (1 - rng.random() ** 0.7)
    moment = datetime(end.year, end.month, end.day, tzinfo=UTC) - timedelta(days=back)
    return moment.replace(microsecond=0)


def make_job(rng: random.Random, names: list[str], *, months: int, end: date,
             backend_share: float = 0.55, pay_share: float = 0.5) -> Job:
    """One job: backend with ``backend_share``, non-engineering with ``NON_ENGINEERING_SHARE``,
    another engineering role otherwise; the same mix in every month."""
    draw = rng.random()
    backend = draw < backend_share
    level = rng.choices([lv for lv, _ in LEVELS], [w for _, w in LEVELS])[0]
    other = nonengineering_text(rng) if draw >= 1 - NON_ENGINEERING_SHARE else None
    title = other.title if other else rng.choice(BACKEND_TITLES if backend else OTHER_TITLES)
    language = next((lang for key, lang in TITLE_LANG.items() if key in title), None)
    if backend and language is None:
        language = rng.choice(list(STACKS))
    skills: tuple[str, ...] = ()
    if language:
        extra = STACKS[language]
        skills = (language, *rng.sample(extra, k=min(len(extra), rng.randint(2, 4))))
    place, country, currency, _ = rng.choices(PLACES, [p[3] for p in PLACES])[0]
    pay_min = pay_max = None
    if rng.random() < pay_share:
        base = BASE_PAY[level] * (1.0 if backend else 0.75) * rng.uniform(0.85, 1.15)
        pay_min = int(round(base / 1000) * 1000)
        pay_max = int(round(base * rng.uniform(1.1, 1.35) / 1000) * 1000)
    company = rng.choice(names)
    full_title = f"{level} {title}".strip()
    stack_line = (f"Our stack: {', '.join(skills[:-1])} and {skills[-1]}." if len(skills) > 1
                  else " ".join(other.duties) if other else "We use boring, well-understood tools.")
    paragraphs = (f"{company} builds {rng.choice(PRODUCTS)}.",
                  rng.choice(SENTENCES) + " " + stack_line,
                  rng.choice(SENTENCES))
    bullets = tuple(rng.sample(PERKS, k=3))
    return Job(full_title, company, backend, level, language, skills, place, country, currency,
               pay_min, pay_max, posted_at(rng, months, end), paragraphs, bullets)


def slugify(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def html_body(job: Job, *, heading: str = "About the role") -> str:
    """A plain, source-neutral HTML description of ``job``."""
    paras = "".join(f"<p>{p.replace('&', '&amp;')}</p>" for p in job.paragraphs)
    items = "".join(f"<li>{b}</li>" for b in job.bullets)
    return f"<p><strong>{heading}</strong></p>{paras}<h3>Benefits</h3><ul>{items}</ul>"
