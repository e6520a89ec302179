"""Demo corpus for ``arbeitnow``: a few hundred invented German/EU jobs in the API's page files.

Arbeitnow lists what is open now, so the jobs are spread over the last two months before
``end``; about a third are backend roles, the rest the board's usual mix (frontend, data, ops,
working students, sales, care), many written in German.
"""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline.demo.corpus import DemoCorpus
from pipeline.replay.arbeitnow import INFO, REAL_API, TERMS

PER_PAGE = 100
COMPANIES = (
    "Nordlicht Software GmbH", "Brückenwerk Digital", "Kranich Logistik AG", "Elbtal Fintech",
    "Sonnenhof Pflege gGmbH", "Isarwerk Systems", "Rheinpfad Mobility", "Fjordbyte AB",
    "Moselblick Energie", "Tannenweg Health", "Lindgrün Commerce", "Spreebogen Labs",
    "Alpenrand Versicherung", "Hafenkante Media", "Weserdata GmbH", "Donaustern Robotics",
    "Kiefernhain Consulting", "Ostseewind Travel", "Nebelhorn Analytics", "Marktplatz Eins",
)
CITIES = ("Berlin", "München", "Hamburg", "Köln", "Frankfurt am Main", "Leipzig", "Stuttgart",
          "Düsseldorf", "Wien", "Zürich", "Amsterdam", "Potsdam", "Dresden", "Nürnberg")
BACKEND = (
    ("Backend Developer (m/w/d) Python", ["Python", "Django", "PostgreSQL"]),
    ("Senior Backend Engineer - Go", ["Go", "Kubernetes", "gRPC"]),
    ("Java Entwickler (m/w/d) Spring Boot", ["Java", "Spring Boot", "Kafka"]),
    ("PHP Backend Developer (Symfony)", ["PHP", "Symfony", "MySQL"]),
    ("Software Engineer Backend (Kotlin)", ["Kotlin", "AWS", "PostgreSQL"]),
    ("Node.js Backend Entwickler:in", ["Node.js", "TypeScript", "MongoDB"]),
    ("Senior .NET Backend Developer", [".NET", "C#", "Azure"]),
    ("Backend Engineer Payments (Rust)", ["Rust", "PostgreSQL", "AWS"]),
)
OTHER = (
    ("Frontend Developer React (m/w/d)", ["React", "TypeScript"], "Software Development"),
    ("DevOps Engineer (m/w/d)", ["Terraform", "Kubernetes", "AWS"], "IT"),
    ("Data Engineer (m/w/d)", ["Python", "Spark", "Airflow"], "Data"),
    ("Werkstudent Marketing (m/w/d)", ["Marketing"], "Marketing"),
    ("Studentische Hilfskraft Vertrieb", ["Sales"], "Sales"),
    ("Pflegefachkraft (m/w/d)", ["Pflege"], "Healthcare"),
    ("Account Manager DACH", ["Sales", "B2B"], "Sales"),
    ("UX Designer:in", ["Figma", "UX"], "Design"),
    ("Buchhalter (m/w/d)", ["Finance"], "Finance"),
    ("IT Support Specialist", ["IT Support"], "IT"),
    ("Product Manager (m/w/d)", ["Product"], "Product"),
    ("Lagerlogistiker (m/w/d)", ["Logistik"], "Logistics"),
)
JOB_TYPES = (["Full-time", "berufserfahren"], ["Vollzeit", "berufserfahren"],
             ["Working student", "berufseinstieg"], ["Teilzeit"], ["Full-time", "Senior"],
             ["Internship", "berufseinstieg"])
INTRO_DE = ("Wir sind ein wachsendes Team in {city} und suchen Verstärkung.",
            "Bei {company} gestalten wir die digitale Zukunft unserer Branche.",
            "Du möchtest Verantwortung übernehmen? Dann bist du bei uns richtig.")
INTRO_EN = ("We are a growing team in {city} looking for help.",
            "At {company} we build the products our customers rely on every day.",
            "Join a small, product-minded team with real ownership.")


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _slug(text: str, n: int) -> str:
    text = text.lower().translate(_UMLAUTS)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") + f"-{n}"


def _description(rng: random.Random, title: str, skills: list[str], company: str, city: str,
                 german: bool) -> str:
    intro = rng.choice(INTRO_DE if german else INTRO_EN).format(city=city, company=company)
    stack = ", ".join(skills)
    if german:
        tasks = [f"Entwicklung und Betrieb mit {stack}", "Code-Reviews &amp; Pair Programming",
                 "Enge Zusammenarbeit mit Produkt und Design"]
        offer = "30 Tage Urlaub, flexible Arbeitszeiten &amp; Homeoffice"
        heads = ("Deine Aufgaben", "Das bieten wir")
    else:
        tasks = [f"Build and run services with {stack}", "Code reviews &amp; pairing",
                 "Work closely with product and design"]
        offer = "30 days of holiday, flexible hours &amp; remote days"
        heads = ("Your tasks", "What we offer")
    items = "".join(f"<li>{t}</li>" for t in tasks)
    return (f"<p><strong>{title}</strong></p><p>{intro}</p><h3>{heads[0]}</h3><ul>{items}</ul>"
            f"<h3>{heads[1]}</h3><p>{offer}</p>")


def make_job(rng: random.Random, n: int, created: int) -> dict[str, Any]:
    company = rng.choice(COMPANIES)
    city = rng.choice(CITIES)
    if rng.random() < 0.35:
        title, skills = rng.choice(BACKEND)
        tags = ["Software Development", *skills]
    else:
        title, skills, area = rng.choice(OTHER)
        tags = [area, *skills]
    remote = rng.random() < 0.3
    if remote:
        tags = ["Remote", *tags]
    german = rng.random() < 0.55
    slug = _slug(f"{title} {city}", 400000 + n)
    company_slug = _slug(company, 0).rsplit("-", 1)[0]
    return {
        "slug": slug, "company_name": company, "title": title,
        "description": _description(rng, title, skills, company, city, german),
        "remote": remote, "url": f"https://www.arbeitnow.com/jobs/companies/{company_slug}/{slug}",
        "tags": tags, "job_types": list(rng.choice(JOB_TYPES)), "location": city,
        "created_at": created,
    }


def page_envelope(records: list[dict[str, Any]], page: int, last_page: int,
                  per_page: int = PER_PAGE) -> dict[str, Any]:
    """A page as the API returns it; ``links.last`` is null in the real responses."""
    start = (page - 1) * per_page
    return {
        "data": records,
        "links": {"first": f"{REAL_API}?page=1", "last": None,
                  "prev": f"{REAL_API}?page={page - 1}" if page > 1 else None,
                  "next": f"{REAL_API}?page={page + 1}" if page < last_page else None},
        "meta": {"current_page": page, "from": start + 1 if records else None,
                 "path": REAL_API, "per_page": per_page,
                 "to": start + len(records) if records else None, "terms": TERMS, "info": INFO},
    }


def write_pages(folder: Path, records: list[dict[str, Any]], per_page: int = PER_PAGE) -> int:
    """Write ``records`` (newest first) as page files; returns the number of pages."""
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    last = max(1, -(-len(records) // per_page))
    for page in range(1, last + 1):
        chunk = records[(page - 1) * per_page : page * per_page]
        body = json.dumps(page_envelope(chunk, page, last, per_page), ensure_ascii=False)
        (pages / f"{page}.json").write_text(body, encoding="utf-8")
    return last


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"{seed}:arbeitnow")
    count = rng.randint(280, 360)
    newest = datetime(end.year, end.month, end.day, tzinfo=UTC) - timedelta(hours=2)
    span = int(timedelta(days=min(max(months, 1), 2) * 30).total_seconds())
    stamps = sorted((int(newest.timestamp()) - rng.randrange(span) for _ in range(count)),
                    reverse=True)
    records = [make_job(rng, n, ts) for n, ts in enumerate(stamps)]
    pages = write_pages(root / "arbeitnow", records)
    return DemoCorpus(postings=count, note=f"({pages} API pages)")
