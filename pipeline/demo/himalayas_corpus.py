"""Seeded demo corpus for the ``himalayas`` spider: every page of the browse API.

Writes ``himalayas/jobs.json`` (see :mod:`pipeline.replay.himalayas`), jobs newest first. Both
live shapes are mixed in: ``pubDate``/``expiryDate`` in seconds or milliseconds and
``locationRestrictions`` as names or ``{alpha2, name}`` objects (``[]`` = worldwide); salaries are
annual, sometimes floats, with ``currency`` set even when they are null. A few slots are
``_withheld`` so some pages come back short mid-results, as on the real API. Output depends
only on the arguments.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline.demo import board_vocab as V
from pipeline.demo.corpus import DemoCorpus

EMPLOYMENT = (("Full Time", 0.8), ("Contractor", 0.12), ("Part Time", 0.05), ("Intern", 0.03))
SENIORITY = {"Junior": ["Entry-level"], "": ["Mid-level"], "Senior": ["Senior"],
             "Staff": ["Senior", "Expert"], "Lead": ["Senior", "Manager"]}
TIMEZONES = {"US": [-10, -9, -8, -7, -6, -5], "CA": [-8, -7, -6, -5, -4], "GB": [0, 1],
             "DE": [1, 2], "NL": [1, 2], "ES": [1, 2], "PL": [1, 2], "BR": [-3], "IN": [5.5]}


def _restrictions(rng: random.Random, job: V.Job, as_objects: bool) -> list[Any]:
    if not job.country:
        return []
    if as_objects:
        return [{"alpha2": job.country, "name": job.place}]
    return [job.place]


def _categories(job: V.Job) -> list[str]:
    words = [job.title.replace(",", "").replace(" ", "-")]
    words += [f"{s.replace(' ', '-').replace('.', '')}-Developer" for s in job.skills[:2]]
    return list(dict.fromkeys(words))


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"himalayas:{seed}:{months}:{end.isoformat()}")
    names = V.companies(rng, 80)
    count = min(400, 160 + 5 * months)
    jobs = [V.make_job(rng, names, months=months, end=end, pay_share=0.55) for _ in range(count)]
    jobs.sort(key=lambda j: j.posted, reverse=True)
    records: list[dict[str, Any]] = []
    links: set[str] = set()
    served = 0
    for n, job in enumerate(jobs):
        cslug = V.slugify(job.company)
        link = f"https://himalayas.app/companies/{cslug}/jobs/{V.slugify(job.title)}"
        if link in links:  # Himalayas numbers repeated titles of one company
            link += f"-{n}"
        links.add(link)
        # Newer records follow the data dictionary (ms, objects); older ones the 2026-05 shape.
        modern = rng.random() < 0.5
        scale = 1000 if modern else 1
        pub = int(job.posted.timestamp())
        expiry = int((job.posted + timedelta(days=60)).timestamp())
        low = float(job.pay_min) + 0.08 if job.pay_min and rng.random() < 0.1 else job.pay_min
        skills = ", ".join(job.skills) or "the tools of the trade"
        record: dict[str, Any] = {
            "title": job.title,
            "excerpt": f"{job.company} is hiring a {job.title} to work with {skills}.",
            "companyName": job.company, "companySlug": cslug,
            "companyLogo": f"https://cdn-images.himalayas.app/{cslug}-logo",
            "employmentType": rng.choices([e for e, _ in EMPLOYMENT],
                                          [w for _, w in EMPLOYMENT])[0],
            "minSalary": low, "maxSalary": job.pay_max if low is not None else None,
            "seniority": SENIORITY[job.level],
            "currency": job.currency,
            "locationRestrictions": _restrictions(rng, job, modern),
            "timezoneRestrictions": TIMEZONES.get(job.country, []),
            "categories": _categories(job), "parentCategories": [],
            "description": V.html_body(job) + '<p>Originally posted on '
                           '<a href="https://himalayas.app">Himalayas</a></p>',
            "pubDate": pub * scale, "expiryDate": expiry * scale,
            "applicationLink": link, "guid": link,
        }
        if rng.random() < 0.03:
            record["_withheld"] = True
        else:
            served += 1
        records.append(record)
    folder = root / "himalayas"
    folder.mkdir(parents=True, exist_ok=True)
    corpus = {"comments": "13/03/2026: The API has been updated to include the companySlug field.",
              "updatedAt": int(jobs[0].posted.timestamp()) if jobs else 0, "jobs": records}
    (folder / "jobs.json").write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
    return DemoCorpus(postings=served, spider_args={"max_pages": "0"},
                      note=f"({len(records) - served} withheld slots make short pages)")
