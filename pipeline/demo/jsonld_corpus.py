"""Demo corpus for ``jsonld``: invented company career sites with JobPosting JSON-LD.

One sitemap index points at a sitemap per company; each sitemap lists that company's job pages
(plus an "about" page without postings). Pages use the shapes real sites use: a single object
(most), ``@graph``, an ``ItemList`` of several postings, and the usual salary deviations
(flattened min/max, strings, lower-case units, no unit, no pay). Sitemap ``<loc>``s are
relative, since the replay server's port is not known when the corpus is written.
"""

from __future__ import annotations

import html
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline.demo.corpus import DemoCorpus

COMPANIES = (
    ("Harrowgate Ledger", "London", "GB", "GBP"), ("Bluefinch Health", "Austin", "US", "USD"),
    ("Marlowe Robotics", "Munich", "DE", "EUR"), ("Cinderpeak Games", "Montreal", "CA", "CAD"),
    ("Oakhaven Insurance", "Chicago", "US", "USD"), ("Veldt Energy", "Amsterdam", "NL", "EUR"),
    ("Skylark Payments", "Dublin", "IE", "EUR"), ("Tamarind Retail", "Manchester", "GB", "GBP"),
    ("Northwind Freight", "Seattle", "US", "USD"), ("Ravel Media", "Paris", "FR", "EUR"),
    ("Glasshouse Data", "Berlin", "DE", "EUR"), ("Pebblebrook Bank", "Toronto", "CA", "CAD"),
)
BACKEND = (("Backend Engineer", "Python, Django, PostgreSQL"),
           ("Senior Backend Engineer (Go)", "Go, Kubernetes, gRPC"),
           ("Java Backend Developer", "Java, Spring Boot, Kafka"),
           ("Staff Engineer, API Platform", "TypeScript, Node.js, AWS"),
           ("Backend Software Engineer (Rust)", "Rust, PostgreSQL"),
           ("Senior Software Engineer, Payments", "Kotlin, PostgreSQL, AWS"),
           ("C# .NET Backend Engineer", "C#, .NET, Azure"))
OTHER = (("Frontend Engineer", "React, TypeScript"), ("Product Designer", "Figma"),
         ("Data Analyst", "SQL, dbt"), ("Account Executive", ""), ("Recruiter", ""),
         ("Site Reliability Engineer", "Terraform, Kubernetes"), ("Customer Success Manager", ""),
         ("Mobile Engineer (iOS)", "Swift"), ("Finance Manager", ""), ("QA Engineer", "Cypress"))
KINDS = ("FULL_TIME", "FULL_TIME", "FULL_TIME", "CONTRACTOR", "PART_TIME",
         ["FULL_TIME", "CONTRACTOR"])
YEARLY = {"GBP": (55, 110), "USD": (110, 210), "EUR": (55, 110), "CAD": (95, 170)}


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _salary(rng: random.Random, currency: str, contractor: bool) -> dict[str, Any] | None:
    shape = rng.random()
    if shape < 0.25:
        return None
    if contractor:
        low = rng.randrange(50, 110, 5)
        return {"@type": "MonetaryAmount", "currency": currency,
                "value": {"@type": "QuantitativeValue", "minValue": low,
                          "maxValue": low + rng.randrange(10, 40, 5), "unitText": "HOUR"}}
    lo, hi = YEARLY[currency]
    low = rng.randrange(lo, hi, 5) * 1000
    high = low + rng.randrange(10, 50, 5) * 1000
    if shape < 0.6:  # the spec shape
        return {"@type": "MonetaryAmount", "currency": currency,
                "value": {"@type": "QuantitativeValue", "minValue": low, "maxValue": high,
                          "unitText": "YEAR"}}
    if shape < 0.75:  # flattened, no unit
        return {"@type": "MonetaryAmount", "currency": currency, "minValue": low,
                "maxValue": high}
    if shape < 0.9:  # strings and a lower-case unit
        return {"@type": "MonetaryAmount", "currency": currency.lower(),
                "value": {"@type": "QuantitativeValue", "minValue": f"{low}.00",
                          "maxValue": f"{high}.00", "unitText": "year"}}
    return {"@type": "MonetaryAmount", "currency": currency,
            "value": {"@type": "QuantitativeValue", "value": 0, "unitText": "YEAR"}}


def make_posting(rng: random.Random, company: tuple[str, str, str, str], posted: date,
                 n: int) -> dict[str, Any]:
    name, city, country, currency = company
    title, stack = rng.choice(BACKEND) if rng.random() < 0.45 else rng.choice(OTHER)
    kind = rng.choice(KINDS)
    remote = rng.random() < 0.35
    body = (f"<p>{name} is hiring a <strong>{title}</strong> in {city}.</p>"
            + (f"<p>Our stack: {stack}.</p>" if stack else "")
            + "<ul><li>Thoughtful code review</li><li>Learning budget &amp; flexible hours</li>"
            "</ul>")
    posting: dict[str, Any] = {
        "@context": "https://schema.org/", "@type": "JobPosting", "title": title,
        "description": body, "datePosted": posted.isoformat(),
        "validThrough": (posted + timedelta(days=45)).isoformat() + "T23:59:00Z",
        "employmentType": kind,
        "hiringOrganization": {"@type": "Organization", "name": name,
                               "sameAs": f"https://{slugify(name)}.example"},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": city, "addressCountry": country}},
        "identifier": {"@type": "PropertyValue", "name": name,
                       "value": f"{slugify(name)[:3].upper()}-{n}"},
    }
    if remote:
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "Country", "name": country}
    if stack and rng.random() < 0.5:
        posting["skills"] = stack
    salary = _salary(rng, currency, "CONTRACTOR" in (kind if isinstance(kind, list) else [kind]))
    if salary:
        posting["baseSalary"] = salary
    if rng.random() < 0.1:
        posting["description"] = html.escape(body)  # a CMS that escapes twice
    return posting


def page(title: str, blocks: list[Any]) -> str:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(b, ensure_ascii=False)}'
                      "</script>\n" for b in blocks)
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
            f"</title>\n{scripts}</head><body><h1>{html.escape(title)}</h1></body></html>\n")


def urlset(locs: list[str]) -> str:
    urls = "".join(f"  <url><loc>{loc}</loc></url>\n" for loc in locs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">\n{urls}</urlset>\n')


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"{seed}:jsonld")
    base = root / "jsonld"
    days = min(max(months, 1), 4) * 30
    total, n, sitemaps = 0, 0, []
    for company in COMPANIES:
        site = slugify(company[0])
        folder = base / "sites" / site
        folder.mkdir(parents=True, exist_ok=True)
        locs = []
        for j in range(rng.randint(12, 30)):
            posted = end - timedelta(days=rng.randrange(days))
            shape = rng.random()
            count = rng.randint(2, 4) if shape < 0.15 else 1
            postings = []
            for _ in range(count):
                n += 1
                postings.append(make_posting(rng, company, posted, n))
            if count > 1:
                blocks: list[Any] = [{"@context": "https://schema.org", "@type": "ItemList",
                                      "itemListElement": [
                                          {"@type": "ListItem", "position": i + 1, "item": p}
                                          for i, p in enumerate(postings)]}]
            elif shape < 0.3:
                blocks = [{"@context": "https://schema.org", "@graph": [
                    {"@type": "Organization", "name": company[0]}, postings[0]]}]
            else:
                blocks = [postings[0], {"@context": "https://schema.org",
                                        "@type": "BreadcrumbList", "itemListElement": []}]
            name = f"job-{j + 1}.html"
            (folder / name).write_text(page(f"{postings[0]['title']} - {company[0]}", blocks),
                                       encoding="utf-8")
            locs.append(name)
            total += count
        (folder / "about.html").write_text(page(f"About {company[0]}", [
            {"@context": "https://schema.org", "@type": "Organization", "name": company[0]}]),
            encoding="utf-8")
        locs.append("about.html")
        (folder / "sitemap.xml").write_text(urlset(locs), encoding="utf-8")
        sitemaps.append(f"sites/{site}/sitemap.xml")
    entries = "".join(f"  <sitemap><loc>{s}</loc></sitemap>\n" for s in sitemaps)
    (base / "sitemap_index.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9">\n{entries}</sitemapindex>\n', encoding="utf-8")
    return DemoCorpus(postings=total, spider_args={"sitemaps": "sitemap_index.xml"},
                      note=f"({len(COMPANIES)} career sites)")
