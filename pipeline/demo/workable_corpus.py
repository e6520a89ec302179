"""Seeded demo corpus of Workable accounts in the jobs widget's shape.

Writes ``workable/<account>.json`` (what ``pipeline/replay/workable.py`` serves): the company's
name and the jobs with HTML descriptions, ``published_on`` as a bare date, ``telecommuting`` for
remote jobs and a ``locations`` list. The widget states no pay, so neither does the corpus. Equal
arguments give equal files.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.demo import ats_vocab as V
from pipeline.demo.corpus import DemoCorpus

ACCOUNTS = 4
EMPLOYMENT = {"full-time": "Full-time", "part-time": "Part-time", "contract": "Contract",
              "intern": "Internship"}
SHORTCODE = "0123456789ABCDEF"


def _job(job: V.DemoJob, account: str, rng: random.Random) -> dict[str, Any]:
    shortcode = "".join(rng.choice(SHORTCODE) for _ in range(10))
    place = job.place
    day = job.published.date()
    created = day.fromordinal(day.toordinal() - rng.randrange(0, 5))
    return {
        "title": job.title, "shortcode": shortcode, "code": "",
        "employment_type": EMPLOYMENT[job.employment],
        "telecommuting": job.workplace == "remote",
        "department": job.department,
        "url": f"https://apply.workable.com/{account}/j/{shortcode}/",
        "shortlink": f"https://apply.workable.com/j/{shortcode}",
        "application_url": f"https://apply.workable.com/{account}/j/{shortcode}/apply",
        "published_on": day.isoformat(), "created_at": created.isoformat(),
        "country": place.country_name, "city": place.city or "", "state": place.region or "",
        "education": "", "experience": "", "function": "", "industry": "Computer Software",
        "locations": [{"country": place.country_name, "countryCode": place.country or "",
                       "city": place.city or "", "region": place.region or "",
                       "hidden": False}],
        "description": V.html_body(job),
    }


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``ACCOUNTS`` invented accounts of 10 to 27 jobs each under ``root/workable``."""
    rng = random.Random(f"workable:{seed}:{months}:{end.isoformat()}")
    folder = root / "workable"
    folder.mkdir(parents=True, exist_ok=True)
    accounts: list[str] = []
    postings = 0
    for company, account in V.company_names(rng, ACCOUNTS):
        jobs = V.company_jobs(rng, company, rng.randrange(10, 28), end=end, months=months,
                              pay_share=0.0)
        answer = {"name": company, "description": f"<p>{company} is hiring.</p>",
                  "jobs": [_job(job, account, rng) for job in jobs]}
        (folder / f"{account}.json").write_text(json.dumps(answer, ensure_ascii=False),
                                                encoding="utf-8")
        accounts.append(account)
        postings += len(answer["jobs"])
    return DemoCorpus(postings=postings, spider_args={"boards": ",".join(accounts)},
                      note=f"on {len(accounts)} accounts")
