"""Seeded demo corpus for the ``jobicy`` spider: the remote-jobs API v2 envelope, unfiltered.

Writes ``jobicy/remote-jobs.json`` (see :mod:`pipeline.replay.jobicy`), jobs newest first, and
keeps every industry under the API's 100-job answer cap so a crawl of all the industries sees
every job. Quirks reproduced: salary keys absent when unset, ``salaryPeriod`` yearly/monthly/
hourly, entity-escaped ``jobIndustry``, ``jobGeo`` joined with double spaces, ``jobLevel`` with
``Any``, and the older ``YYYY-MM-DD HH:MM:SS`` ``pubDate`` on older jobs. Output depends only on
the arguments.
"""

from __future__ import annotations

import html
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.demo import board_vocab as V
from pipeline.demo.corpus import DemoCorpus
from pipeline.replay.jobicy import INDUSTRIES

PER_INDUSTRY = 95
"""Below the API's cap of 100, so each industry's answer is its whole listing."""
LEVELS = {"Junior": "Junior", "": "Midweight", "Senior": "Senior", "Staff": "Senior",
          "Lead": "Lead"}
GEO = {"United States": "USA", "Canada": "Canada", "United Kingdom": "UK", "Germany": "Germany",
       "Worldwide": "Anywhere"}
OLD_FORMAT_BEFORE_DAYS = 120


def _industry(rng: random.Random, job: V.Job) -> str:
    if job.backend:
        return "data-science" if "Data" in job.title else rng.choice(["dev", "dev", "engineering"])
    if "Support" in job.title or "Success" in job.title:
        return "supporting"
    if "Designer" in job.title or "Video" in job.title:
        return "design-multimedia"
    if "Market" in job.title or "Sales" in job.title or "Account" in job.title:
        return "marketing"
    return rng.choice(["management", "dev", "technical-support"])


def _geo(rng: random.Random, job: V.Job) -> str:
    first = GEO.get(job.place, "Europe" if job.currency == "EUR" else "LATAM")
    regions = [first] + rng.sample(["USA", "Canada", "LATAM", "Europe", "UK"], k=rng.randint(0, 2))
    return ",  ".join(dict.fromkeys(regions))  # the API's double space after each comma


def _salary(rng: random.Random, job: V.Job) -> dict[str, Any]:
    if job.pay_min is None or job.pay_max is None:
        return {}  # the API omits the keys rather than sending null
    roll = rng.random()
    if roll < 0.7:
        return {"salaryMin": job.pay_min, "salaryMax": job.pay_max,
                "salaryCurrency": job.currency, "salaryPeriod": "yearly"}
    if roll < 0.85:
        return {"salaryMin": round(job.pay_min / 12), "salaryMax": round(job.pay_max / 12),
                "salaryCurrency": job.currency, "salaryPeriod": "monthly"}
    return {"salaryMin": round(job.pay_min / 2080), "salaryMax": round(job.pay_max / 2080),
            "salaryCurrency": job.currency, "salaryPeriod": "hourly"}


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"jobicy:{seed}:{months}:{end.isoformat()}")
    names = V.companies(rng, 60)
    count = min(300, 120 + 4 * months)
    jobs = [V.make_job(rng, names, months=months, end=end, pay_share=0.45) for _ in range(count)]
    jobs.sort(key=lambda j: j.posted, reverse=True)
    per_industry: dict[str, int] = {}
    records: list[dict[str, Any]] = []
    for n, job in enumerate(jobs):
        industry = _industry(rng, job)
        if per_industry.get(industry, 0) >= PER_INDUSTRY:
            continue
        per_industry[industry] = per_industry.get(industry, 0) + 1
        job_id = 170_000 - n * 3
        slug = f"{job_id}-{V.slugify(job.title)}"
        old = (end - job.posted.date()).days > OLD_FORMAT_BEFORE_DAYS
        record: dict[str, Any] = {
            "id": job_id, "url": f"https://jobicy.com/jobs/{slug}", "jobSlug": slug,
            "jobTitle": job.title, "companyName": job.company,
            "companyLogo": f"https://jobicy.com/data/logos/{V.slugify(job.company)}.png",
            "jobIndustry": [html.escape(INDUSTRIES[industry], quote=False)],
            "jobType": ["Contract"] if rng.random() < 0.12 else ["Full-Time"],
            "jobGeo": _geo(rng, job),
            "jobLevel": "Any" if rng.random() < 0.2 else LEVELS[job.level],
            "jobExcerpt": html.escape(job.paragraphs[0], quote=False)[:150] + "...",
            "jobDescription": V.html_body(job, heading="Role Summary"),
            "pubDate": job.posted.strftime("%Y-%m-%d %H:%M:%S") if old
            else job.posted.isoformat(),
        }
        record.update(_salary(rng, job))
        records.append(record)
    folder = root / "jobicy"
    folder.mkdir(parents=True, exist_ok=True)
    envelope = {
        "apiVersion": "2.2.13", "documentationUrl": "https://jobi.cy/apidocs",
        "friendlyNotice": "Thanks for using the Jobicy API! Please credit Jobicy as the source "
                          "and redirect users to our website to apply for jobs.",
        "jobCount": len(records), "xRayCache": f"{rng.getrandbits(128):032x}",
        "clientKey": f"{rng.getrandbits(256):064x}",
        "lastUpdate": jobs[0].posted.isoformat() if jobs else "", "appliedFilters": {},
        "jobs": records,
    }
    (folder / "remote-jobs.json").write_text(json.dumps(envelope, ensure_ascii=False),
                                             encoding="utf-8")
    return DemoCorpus(postings=len(records),
                      spider_args={"industry": ",".join(sorted(per_industry))},
                      note=f"({len(per_industry)} industries)")
