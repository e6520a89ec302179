"""Invented companies and job postings for the Greenhouse, Lever and Ashby demo corpora.

:func:`company_jobs` draws source-neutral :class:`DemoJob` records (title, location, stack, pay,
publication time, description); each ``<slug>_corpus`` module renders them in its API's shape.
Everything is invented; the mix (about 60 % backend roles, 12 % non-engineering roles, pay on
roughly half) is the same in every month: these boards are crawled once, so what they hold from
before that crawl is survivors, and no trend is seeded into them (see ``seeded_trends``). All
randomness comes from the ``random.Random`` passed in, so output depends only on the caller's
seed.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import attrs

from pipeline.demo.nonengineering import nonengineering_text

NAME_HEADS = (
    "Amber", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Indigo",
    "Juniper", "Kestrel", "Lumen", "Meridian", "Northwind", "Orchard", "Pioneer", "Quartz",
    "Redwood", "Saffron", "Tundra", "Umber", "Vantage", "Willow", "Yarrow", "Zephyr",
    "Alder", "Basalt", "Cinder", "Dune", "Estuary", "Fennel", "Glacier", "Heron", "Ironbark",
)
NAME_TAILS = (
    "Labs", "Systems", "Health", "Pay", "Logistics", "Analytics", "Robotics", "Cloud",
    "Security", "Energy", "Finance", "Works", "AI", "Data", "Bio", "Mobility",
)
PRODUCTS = (
    "payroll for restaurants", "fleet telematics", "clinical trial scheduling",
    "fraud scoring for card issuers", "warehouse robotics", "energy trading for utilities",
    "observability for small teams", "tax filing for freelancers", "supply-chain visibility",
    "claims automation for insurers", "developer tooling for data teams",
    "identity verification", "B2B invoicing", "route planning for couriers",
)


@attrs.frozen
class Place:
    label: str
    country: str | None
    country_name: str
    city: str | None
    region: str | None
    currency: str
    pay_factor: float
    """Local pay as a multiple of the US figure, in the local currency."""
    remote: bool = False


PLACES = (
    Place("San Francisco, CA", "US", "United States", "San Francisco", "California", "USD", 1.15),
    Place("New York, NY", "US", "United States", "New York", "New York", "USD", 1.12),
    Place("Seattle, WA", "US", "United States", "Seattle", "Washington", "USD", 1.08),
    Place("Austin, TX", "US", "United States", "Austin", "Texas", "USD", 0.95),
    Place("Remote - US", "US", "United States", None, None, "USD", 1.0, True),
    Place("Toronto, ON", "CA", "Canada", "Toronto", "Ontario", "CAD", 1.05),
    Place("London, UK", "GB", "United Kingdom", "London", "England", "GBP", 0.55),
    Place("Berlin, Germany", "DE", "Germany", "Berlin", "Berlin", "EUR", 0.6),
    Place("Amsterdam, Netherlands", "NL", "Netherlands", "Amsterdam", "North Holland", "EUR",
          0.62),
    Place("Dublin, Ireland", "IE", "Ireland", "Dublin", "Leinster", "EUR", 0.63),
    Place("Remote - Europe", None, "Europe", None, None, "EUR", 0.58, True),
    Place("Bengaluru, India", "IN", "India", "Bengaluru", "Karnataka", "INR", 18.0),
    Place("Sydney, Australia", "AU", "Australia", "Sydney", "New South Wales", "AUD", 1.2),
)
PLACE_WEIGHTS = (10, 8, 4, 4, 12, 4, 5, 5, 3, 2, 4, 3, 2)

# (language, framework, datastore, infra, weight); the same weights in every month.
STACKS = (
    ("Python", "Django", "PostgreSQL", "AWS", 9.5),
    ("Python", "FastAPI", "PostgreSQL", "Kubernetes", 7),
    ("Go", "gRPC", "PostgreSQL", "Kubernetes", 8),
    ("Java", "Spring Boot", "Kafka", "AWS", 8.5),
    ("Kotlin", "Ktor", "PostgreSQL", "Google Cloud", 3.5),
    ("Ruby", "Rails", "MySQL", "Heroku", 4.5),
    ("TypeScript", "Node.js", "MongoDB", "AWS", 7),
    ("Rust", "Tokio", "PostgreSQL", "AWS", 3),
    ("Elixir", "Phoenix", "PostgreSQL", "Fly.io", 2),
    ("Scala", "Akka", "Cassandra", "Kubernetes", 2),
    ("C#", ".NET", "SQL Server", "Azure", 4),
)

# (title, family, department, US yearly band low/high, weight); "backend" marks the roles the
# dashboard is about.
ROLES = (
    ("Backend Engineer", "backend", "Engineering", 130_000, 175_000, 8),
    ("Senior Backend Engineer", "backend", "Engineering", 165_000, 215_000, 8),
    ("Staff Software Engineer, Backend", "backend", "Engineering", 200_000, 265_000, 3),
    ("Software Engineer, Platform", "backend", "Engineering", 140_000, 190_000, 4),
    ("Senior Software Engineer, APIs", "backend", "Engineering", 160_000, 210_000, 4),
    ("Site Reliability Engineer", "backend", "Infrastructure", 150_000, 200_000, 3),
    ("Data Engineer", "backend", "Data", 135_000, 180_000, 3),
    ("Distributed Systems Engineer", "backend", "Engineering", 170_000, 230_000, 2),
    ("Frontend Engineer", "engineering", "Engineering", 130_000, 175_000, 5),
    ("iOS Engineer", "engineering", "Engineering", 140_000, 185_000, 2),
    ("Engineering Manager", "engineering", "Engineering", 190_000, 250_000, 2),
    ("Machine Learning Engineer", "engineering", "AI", 170_000, 235_000, 3),
    ("Product Manager", "product", "Product", 145_000, 195_000, 1),
    ("Product Designer", "design", "Design", 125_000, 170_000, 1),
    ("Data Scientist", "engineering", "Data", 140_000, 185_000, 2),
    ("Account Executive", "sales", "Sales", 90_000, 140_000, 1.5),
    ("Customer Success Manager", "support", "Customer Success", 80_000, 115_000, 1),
    ("Product Marketing Manager", "marketing", "Marketing", 100_000, 140_000, 0.7),
    ("Technical Recruiter", "people", "People", 85_000, 120_000, 0.7),
    ("Support Specialist", "support_hourly", "Support", 22, 34, 0.8),  # hourly
    ("Financial Analyst", "finance", "Finance", 95_000, 130_000, 0.3),
)
HOURLY_FAMILIES = {"support_hourly"}
TEAMS = {"Engineering": ("Core Platform", "Payments", "Growth", "Integrations", "Billing"),
         "Infrastructure": ("Reliability", "Cloud"), "Data": ("Data Platform", "Analytics")}


@attrs.frozen
class Pay:
    low: float
    high: float
    currency: str
    period: str  # "year" | "hour"


@attrs.frozen
class DemoJob:
    title: str
    family: str
    department: str
    team: str
    place: Place
    workplace: str  # "onsite" | "hybrid" | "remote"
    employment: str  # "full-time" | "part-time" | "contract" | "intern"
    published: datetime
    pay: Pay | None
    pay_hidden: bool
    intro: str
    duties: tuple[str, ...]
    needs: tuple[str, ...]
    closing: str

    @property
    def backend(self) -> bool:
        return self.family == "backend"


def company_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct ``(display name, board token)`` pairs."""
    pairs = [(h, t) for h in NAME_HEADS for t in NAME_TAILS]
    rng.shuffle(pairs)
    return [(f"{h} {t}", f"{h}{t}".lower()) for h, t in pairs[:count]]


def _published(rng: random.Random, end: date, months: int) -> datetime:
    window = max(months, 1) * 30.4
    # Open boards hold more recent than old postings: skew towards the end of the window.
    days_back = window * rng.random() ** 1.6
    day = end - timedelta(days=int(days_back) + 1)
    moment = time(rng.randrange(7, 20), rng.randrange(60), rng.randrange(60))
    return datetime.combine(day, moment, tzinfo=UTC)


def _stack(rng: random.Random) -> tuple[str, str, str, str]:
    lang, framework, store, infra, _ = rng.choices(STACKS, [s[-1] for s in STACKS])[0]
    return lang, framework, store, infra


def _round_pay(value: float, period: str) -> float:
    return round(value, 2) if period == "hour" else round(value / 1000) * 1000


def _pay(rng: random.Random, low: int, high: int, place: Place, family: str) -> Pay:
    period = "hour" if family in HOURLY_FAMILIES else "year"
    factor = place.pay_factor * rng.uniform(0.9, 1.1)
    lo = _round_pay(low * factor, period)
    hi = _round_pay(max(high * factor, lo * 1.08), period)
    return Pay(lo, hi, place.currency, period)


def make_job(rng: random.Random, *, company: str, product: str, end: date, months: int,
             pay_share: float) -> DemoJob:
    title, family, department, low, high, _ = rng.choices(ROLES, [r[-1] for r in ROLES])[0]
    place = rng.choices(PLACES, PLACE_WEIGHTS)[0]
    published = _published(rng, end, months)
    lang, framework, store, infra = _stack(rng)
    workplace = "remote" if place.remote else rng.choice(("onsite", "hybrid", "hybrid"))
    employment = ("part-time" if family in HOURLY_FAMILIES and rng.random() < 0.5
                  else rng.choices(("full-time", "contract", "intern"), (92, 6, 2))[0])
    if family in ("backend", "engineering"):
        intro = (f"{company} builds {product}. As a {title} you will work on services written "
                 f"in {lang} with {framework}, backed by {store} and running on {infra}.")
        duties = (f"Design and ship {lang} services and their APIs",
                  f"Own schemas and queries in {store}",
                  f"Keep deploys on {infra} boring and observable",
                  "Review code and mentor teammates")
        needs = (f"Several years of production experience with {lang}",
                 f"Comfort with {store}, caching and message queues",
                 "Experience with Docker, CI/CD and on-call rotations")
    else:
        intro = f"{company} builds {product}. We are hiring a {title} to help us grow."
        text = nonengineering_text(rng, family.removesuffix("_hourly"), title)
        duties = (*text.duties, "Work closely with engineering and go-to-market teams")
        needs = text.needs
    pay = _pay(rng, low, high, place, family) if rng.random() < pay_share else None
    return DemoJob(
        title=title, family=family, department=department,
        team=rng.choice(TEAMS.get(department, (department,))), place=place,
        workplace=workplace, employment=employment, published=published, pay=pay,
        pay_hidden=pay is not None and rng.random() < 0.1,
        intro=intro, duties=duties, needs=needs,
        closing=f"{company} is an equal opportunity employer.",
    )


def company_jobs(rng: random.Random, company: str, count: int, *, end: date, months: int,
                 pay_share: float) -> list[DemoJob]:
    product = rng.choice(PRODUCTS)
    jobs = [make_job(rng, company=company, product=product, end=end, months=months,
                     pay_share=pay_share) for _ in range(count)]
    return sorted(jobs, key=lambda j: j.published, reverse=True)


def html_body(job: DemoJob) -> str:
    duties = "".join(f"<li>{d}</li>" for d in job.duties)
    needs = "".join(f"<li>{n}</li>" for n in job.needs)
    return (f"<p>{job.intro}</p><h3>What you will do</h3><ul>{duties}</ul>"
            f"<h3>What we are looking for</h3><ul>{needs}</ul><p>{job.closing}</p>")


def plain_body(job: DemoJob) -> str:
    return "\n\n".join((job.intro, "What you will do\n" + "\n".join(job.duties),
                        "What we are looking for\n" + "\n".join(job.needs), job.closing))
