"""Demo corpus for ``weworkremotely``: invented remote jobs in WWR's category RSS feeds.

A real feed holds only the latest few dozen jobs; the demo writes a longer back-end feed plus
full-stack and DevOps feeds (each job in exactly one feed) so the dashboard has a few hundred
postings, about half of them backend.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pipeline.demo.corpus import DemoCorpus

SITE = "https://weworkremotely.com"
CATEGORIES = {
    "remote-back-end-programming-jobs": "Back-End Programming",
    "remote-full-stack-programming-jobs": "Full-Stack Programming",
    "remote-devops-sysadmin-jobs": "DevOps and Sysadmin",
}
COMPANIES = ("Lanternfish Labs", "Copperbeam", "Quietwater Health", "Northgale Systems",
             "Tidepool Analytics", "Saltmarsh Software", "Brightkeel", "Juniper Ledger",
             "Orchard Metrics", "Pinecrest Mobility", "Stillriver AI", "Half Moon Payments",
             "Kestrel Cloud", "Amberfield", "Wavecrest Media", "Foxglove Security")
ROLES = {
    "Back-End Programming": (
        ("Senior Backend Engineer (Python)", "Python and Django"),
        ("Backend Developer - Go", "Go and PostgreSQL"),
        ("Senior Ruby on Rails Engineer", "Ruby on Rails and Back-End Dev"),
        ("Staff Software Engineer, Platform", "Java and Kafka"),
        ("Backend Engineer (Node.js)", "Node.js and TypeScript"),
        ("Elixir Engineer", "Elixir and Phoenix"),
        ("Senior PHP Developer (Laravel)", "PHP and Laravel"),
        ("Rust Backend Engineer", "Rust and AWS"),
    ),
    "Full-Stack Programming": (
        ("Full-Stack Engineer (React/Node)", "React and Node.js"),
        ("Senior Full Stack Developer", "TypeScript and PostgreSQL"),
        ("Full-Stack Rails Developer", "Ruby on Rails and React"),
    ),
    "DevOps and Sysadmin": (
        ("Site Reliability Engineer", "Kubernetes and Terraform"),
        ("DevOps Engineer (AWS)", "AWS and Terraform"),
        ("Linux Systems Administrator", "Linux and Ansible"),
    ),
}
REGIONS = (
    ("Anywhere in the World", "", ""),
    ("USA Only", "🇺🇸 United States of America", ""),
    ("North America Only", "🇨🇦 Canada and 🇺🇸 United States of America", ""),
    ("Europe Only", "🇩🇪 Germany and 🇳🇱 Netherlands", ""),
    ("", "🇬🇧 United Kingdom", "London"),
    ("Anywhere in the World", "", "Lisbon"),
)
TYPES = ("Full-Time", "Full-Time", "Full-Time", "Contract")
PAY = ("", "", "", "<p><strong>Salary:</strong> $120,000&nbsp;-&nbsp;$160,000 USD</p>",
       "<p><strong>Compensation:</strong> &euro;70k&ndash;90k</p>", "<p>Rate: $80/hr</p>")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rss_item(job: dict[str, Any]) -> str:
    """One ``<item>`` the way WWR writes it: the description HTML escaped for XML."""
    fields = "".join(
        f"      <{name}>{escape(job.get(name, ''))}</{name}>\n"
        for name in ("title", "region", "country", "state", "skills", "category", "type",
                     "description", "pubDate", "expires_at", "guid", "link")
    )
    logo = f'      <media:content url="{escape(job["logo"])}" type="image/png"/>\n' \
        if job.get("logo") else ""
    return f"    <item>\n{logo}{fields}    </item>\n"


def rss_feed(slug: str, category: str, jobs: list[dict[str, Any]]) -> str:
    items = "".join(rss_item(j) for j in jobs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss">\n  <channel>\n'
        f"    <title>We Work Remotely: {escape(category)} Jobs</title>\n"
        f"    <link>{SITE}/categories/{slug}.rss</link>\n{items}  </channel>\n</rss>\n"
    )


def make_job(rng: random.Random, category: str, published: datetime, n: int) -> dict[str, Any]:
    company = rng.choice(COMPANIES)
    role, skills = rng.choice(ROLES[category])
    region, country, state = rng.choice(REGIONS)
    slug = f"{slugify(company)}-{slugify(role)}-{n}"
    url = f"{SITE}/remote-jobs/{slug}"
    body = (f"<p><strong>Headquarters:</strong> {state or 'Remote'}<br>"
            f"<strong>URL:</strong> <a href=\"https://{slugify(company)}.example\">"
            f"{slugify(company)}.example</a></p>"
            f"<p>{company} is hiring a {role} to work on {skills}.&nbsp;You will own services "
            f"end to end &amp; work async with a distributed team.</p>"
            f"<ul><li>4+ years of experience</li><li>Clear written communication</li></ul>"
            f"{rng.choice(PAY)}")
    return {
        "title": f"{company}: {role}", "region": region, "country": country, "state": state,
        "skills": skills, "category": category, "type": rng.choice(TYPES), "description": body,
        "pubDate": format_datetime(published), "guid": url, "link": url,
        "expires_at": format_datetime(published + timedelta(days=30)),
        "logo": f"https://wwr-pro.s3.amazonaws.com/logos/demo/{n}.png",
    }


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"{seed}:weworkremotely")
    newest = datetime(end.year, end.month, end.day, tzinfo=UTC) - timedelta(hours=3)
    span_days = min(max(months, 1), 3) * 30
    folder = root / "weworkremotely" / "categories"
    folder.mkdir(parents=True, exist_ok=True)
    total, n = 0, 0
    for slug, category in CATEGORIES.items():
        count = rng.randint(140, 170) if "back-end" in slug else rng.randint(60, 80)
        stamps = sorted((newest - timedelta(minutes=rng.randrange(span_days * 1440))
                         for _ in range(count)), reverse=True)
        jobs = []
        for stamp in stamps:
            n += 1
            jobs.append(make_job(rng, category, stamp, n))
        (folder / f"{slug}.rss").write_text(rss_feed(slug, category, jobs), encoding="utf-8")
        total += count
    return DemoCorpus(postings=total, spider_args={"feeds": ",".join(CATEGORIES)},
                      note=f"({len(CATEGORIES)} feeds)")
