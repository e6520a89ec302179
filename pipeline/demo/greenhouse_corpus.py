"""Seeded demo corpus of Greenhouse boards in the Job Board API's list shape.

Writes ``greenhouse/<token>.json`` (what ``pipeline/replay/greenhouse.py`` serves): one
``{"jobs": [...], "meta": {"total": n}}`` per invented company, content entity-escaped and pay in
``pay_input_ranges`` cents as the live API sends them. Equal arguments give equal files.
"""

from __future__ import annotations

import html
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline.demo import ats_vocab as V
from pipeline.demo.corpus import DemoCorpus

BOARDS = 14
GDPR = [{"type": "gdpr", "requires_consent": False, "requires_processing_consent": False,
         "requires_retention_consent": False, "retention_period": None,
         "demographic_data_consent_applies": False}]
EMPLOYMENT = {"full-time": "Full-time", "part-time": "Part-time", "contract": "Contract",
              "intern": "Intern"}


def _iso_local(job: V.DemoJob, offset_hours: int, extra: timedelta = timedelta()) -> str:
    # Greenhouse writes times with the board's local offset, not in UTC.
    moment = (job.published + extra).replace(tzinfo=None) + timedelta(hours=offset_hours)
    sign = "-" if offset_hours < 0 else "+"
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(offset_hours):02d}:00"


def _ranges(job: V.DemoJob, rng: random.Random) -> list[dict[str, Any]]:
    pay = job.pay
    if pay is None:
        return []
    if pay.period == "hour":
        return [{"min_cents": round(pay.low * 100), "max_cents": round(pay.high * 100),
                 "currency_type": pay.currency, "title": "Hourly Pay",
                 "blurb": "<p>Pay depends on experience and location.</p>"}]
    first = {"min_cents": round(pay.low * 100), "max_cents": round(pay.high * 100),
             "currency_type": pay.currency,
             "title": rng.choice(("Annual Salary", "Salary Range", "Base Salary")),
             "blurb": "<p>Final offers depend on experience and location.</p>"}
    if pay.currency != "USD" or rng.random() < 0.6:
        return [first]
    # US boards often list one range per pay zone.
    second = {**first, "min_cents": round(pay.low * 88), "max_cents": round(pay.high * 88),
              "title": "Zone B " + first["title"], "blurb": "<p>Other US locations.</p>"}
    first["title"] = "Zone A " + first["title"]
    return [first, second]


def _job(job: V.DemoJob, job_id: int, token: str, company: str,
         rng: random.Random) -> dict[str, Any]:
    offset = -4 if job.place.currency in ("USD", "CAD") else 2
    record: dict[str, Any] = {
        "absolute_url": f"https://job-boards.greenhouse.io/{token}/jobs/{job_id}",
        "data_compliance": GDPR,
        "internal_job_id": job_id // 1000,
        "location": {"name": job.place.label},
        "metadata": ([{"id": 4101, "name": "Employment Type",
                       "value": EMPLOYMENT[job.employment], "value_type": "single_select"}]
                     if rng.random() < 0.7 else None),
        "id": job_id,
        "updated_at": _iso_local(job, offset, timedelta(days=rng.randrange(0, 9))),
        "requisition_id": f"REQ-{rng.randrange(100, 9999)}" if rng.random() < 0.6 else None,
        "title": job.title,
        "company_name": company,
        "first_published": _iso_local(job, offset),
        "language": "en",
        "content": html.escape(V.html_body(job), quote=True),
        "departments": [{"id": 60000 + len(job.department), "name": job.department,
                         "child_ids": [], "parent_id": None}],
        "offices": [{"id": 70000 + len(job.place.label), "name": job.place.city or job.place.label,
                     "location": job.place.label, "child_ids": [], "parent_id": None}],
        "pay_input_ranges": _ranges(job, rng),
    }
    return record


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``BOARDS`` invented boards of 8 to 40 jobs each under ``root/greenhouse``."""
    rng = random.Random(f"greenhouse:{seed}:{months}:{end.isoformat()}")
    folder = root / "greenhouse"
    folder.mkdir(parents=True, exist_ok=True)
    tokens: list[str] = []
    postings = 0
    next_id = 7_400_000_000
    for company, token in V.company_names(rng, BOARDS):
        jobs = V.company_jobs(rng, company, rng.randrange(8, 41), end=end, months=months,
                              pay_share=0.55)
        records = []
        for job in jobs:
            next_id += rng.randrange(1, 5000)
            records.append(_job(job, next_id, token, company, rng))
        body = {"jobs": records, "meta": {"total": len(records)}}
        (folder / f"{token}.json").write_text(json.dumps(body, ensure_ascii=False),
                                              encoding="utf-8")
        tokens.append(token)
        postings += len(records)
    return DemoCorpus(postings=postings, spider_args={"boards": ",".join(tokens)},
                      note=f"on {len(tokens)} boards")
