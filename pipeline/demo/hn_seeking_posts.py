"""The demo's "Who wants to be hired?" threads: people offering their skills, in HN's markup.

Drawn from their own random stream (``"{seed}:{month}:wants"``), so adding them leaves every
"Who is hiring?" and "Freelancer?" thread byte-identical. Each post follows the thread's form
(Location, Remote, Willing to relocate, Technologies, Résumé/CV, Email) and carries the personal
data real posts do (a made-up name, address and links), so the tests can check none of it is
ever stored. Supply has one seeded trend: Rust is offered by ``RUST_SUPPLY`` of the posts,
rising year on year, while every other language is drawn from flat weights.
"""

from __future__ import annotations

import datetime as dt
import random

from pipeline.demo.hn_markup import esc, html_link, join_paragraphs
from pipeline.demo.hn_vocab import FIRST_NAMES, LOCATIONS, MAIL_HOSTS, handle

SUPPLY_LANGUAGES: dict[str, float] = {
    "Python": 34, "TypeScript": 20, "Java": 12, "Ruby": 6, "Go": 9, "C#": 6, "Elixir": 3,
    "Kotlin": 3, "Scala": 2, "C++": 5,
}
COMPANIONS: dict[str, tuple[str, ...]] = {
    "Python": ("Django", "FastAPI", "Flask"), "TypeScript": ("Node.js", "React", "NestJS"),
    "Java": ("Spring Boot",), "Ruby": ("Ruby on Rails",), "Go": ("gRPC",), "C#": (".NET",),
    "Elixir": ("Phoenix",), "Kotlin": ("Ktor",), "Scala": ("Akka",), "C++": ("CUDA",),
    "Rust": ("Tokio",),
}
STORES = ("PostgreSQL", "MySQL", "Redis", "MongoDB", "Kafka", "SQLite")
CLOUDS = ("AWS", "GCP", "Azure", "Docker", "Kubernetes", "Terraform")
REMOTE = ("Yes", "Yes", "Yes, or hybrid", "Remote only", "No", "Hybrid")
RELOCATE = ("No", "No", "Yes", "Maybe, for the right role", "Within the EU")
PITCHES = (
    "Backend engineer with {years} years of experience building APIs and data pipelines.",
    "Senior developer, {years} years in the industry, most recently on payments systems.",
    "I'm {name}, a backend developer ({years} yrs) looking for a small product team.",
    "Staff engineer with {years}+ years; I like boring, reliable infrastructure.",
    "Junior developer, bootcamp grad, {years} years of freelance work so far.",
    "Hi, my name is {name}. I build internal tools and integrations, {years} years.",
)
RUST_SUPPLY = (0.06, 0.22)
"""Share of posts offering Rust in the first and the last year of the corpus (linear)."""
PHONE_SHARE = 0.15


def rust_share(month: dt.date, first: dt.date, last: dt.date) -> float:
    """The seeded share of posts offering Rust in ``month`` (the corpus runs first..last)."""
    span = max((last.year - first.year) * 12 + last.month - first.month, 1)
    x = ((month.year - first.year) * 12 + month.month - first.month) / span
    return RUST_SUPPLY[0] + (RUST_SUPPLY[1] - RUST_SUPPLY[0]) * x


def seeking_post(rng: random.Random, rust: float) -> tuple[str, str]:
    """One post's author and HTML: the form, a pitch, and the contact lines the crawler must
    drop."""
    langs = [rng.choices(list(SUPPLY_LANGUAGES), list(SUPPLY_LANGUAGES.values()))[0]]
    if rng.random() < rust:
        langs.append("Rust")
    techs = [*langs, *(rng.choice(COMPANIONS[lang]) for lang in langs),
             *rng.sample(STORES, 2), *rng.sample(CLOUDS, 2)]
    place = rng.choice(rng.choice(LOCATIONS)[1])
    user = handle(rng)
    name = rng.choice(FIRST_NAMES).capitalize()
    lines = [f"Location: {place}", f"Remote: {rng.choice(REMOTE)}",
             f"Willing to relocate: {rng.choice(RELOCATE)}",
             "Technologies: " + ", ".join(dict.fromkeys(techs))]
    form = esc("\n".join(lines) + "\nRésumé/CV: ") + html_link(f"https://{user}.dev/cv.pdf")
    contact = esc(f"Email: {user}@{rng.choice(MAIL_HOSTS)}")
    if rng.random() < PHONE_SHARE:
        contact += esc(f"\nPhone: +1 415 555 {rng.randint(1000, 9999)}")
    contact += "\n" + esc("GitHub: ") + html_link(f"https://github.com/{user}")
    pitch = esc(rng.choice(PITCHES).format(years=rng.randint(1, 20), name=name))
    return user, join_paragraphs([form, pitch, contact], rng.random() < 0.3)


def seeking_thread_posts(seed: int, month: dt.date, first: dt.date, last: dt.date,
                         bounds: tuple[int, int] = (20, 36)
                         ) -> tuple[random.Random, list[tuple[str, str]]]:
    """The month's posts (author, HTML), drawn from the month's own ``wants`` stream; the
    stream is returned too, for the posts' times."""
    rng = random.Random(f"{seed}:{month.isoformat()}:wants")
    rust = rust_share(month, first, last)
    return rng, [seeking_post(rng, rust) for _ in range(rng.randint(*bounds))]
