"""Seeded demo corpus of Lever sites in the Postings API's bare-array shape.

Writes ``lever/<site>.json`` (what ``pipeline/replay/lever.py`` serves, paging with
``skip``/``limit``): postings with HTML and plain descriptions, ``lists``, ``createdAt`` in epoch
milliseconds and ``salaryRange`` on part of them. Equal arguments give equal files.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.demo import ats_vocab as V
from pipeline.demo.corpus import DemoCorpus

SITES = 10
COMMITMENT = {"full-time": "Full-time", "part-time": "Part-time", "contract": "Contract",
              "intern": "Intern"}
WORKPLACE = {"onsite": "on-site", "hybrid": "hybrid", "remote": "remote"}
INTERVAL = {"year": "per-year-salary", "hour": "per-hour-wage"}


def _posting(job: V.DemoJob, site: str, rng: random.Random) -> dict[str, Any]:
    posting_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    url = f"https://jobs.lever.co/{site}/{posting_id}"
    duties = "".join(f"<li>{d}</li>" for d in job.duties)
    needs = "".join(f"<li>{n}</li>" for n in job.needs)
    record: dict[str, Any] = {
        "additional": f"<div>{job.closing}</div>", "additionalPlain": job.closing,
        "categories": {"commitment": COMMITMENT[job.employment], "department": job.department,
                       "location": job.place.label, "team": job.team,
                       "allLocations": [job.place.label]},
        "country": job.place.country,
        "createdAt": int(job.published.timestamp() * 1000) + rng.randrange(1000),
        "description": f"<div>{job.intro}</div>", "descriptionPlain": job.intro,
        "descriptionBody": f"<div>{job.intro}</div>", "descriptionBodyPlain": job.intro,
        "opening": "", "openingPlain": "",
        "hostedUrl": url, "applyUrl": url + "/apply", "id": posting_id,
        "lists": [{"text": "What you will do", "content": duties},
                  {"text": "What we are looking for", "content": needs}],
        "text": job.title,
        "workplaceType": WORKPLACE[job.workplace] if rng.random() < 0.85 else "unspecified",
    }
    if job.pay is not None:
        record["salaryRange"] = {"currency": job.pay.currency,
                                 "interval": INTERVAL[job.pay.period],
                                 "min": job.pay.low, "max": job.pay.high}
        if rng.random() < 0.3:
            text = "The range above is the base pay; final offers depend on location."
            record["salaryDescription"] = f"<div>{text}</div>"
            record["salaryDescriptionPlain"] = text
    return record


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``SITES`` invented sites of 6 to 45 postings each under ``root/lever``."""
    rng = random.Random(f"lever:{seed}:{months}:{end.isoformat()}")
    folder = root / "lever"
    folder.mkdir(parents=True, exist_ok=True)
    sites: list[str] = []
    postings = 0
    for company, site in V.company_names(rng, SITES):
        jobs = V.company_jobs(rng, company, rng.randrange(6, 46), end=end, months=months,
                              pay_share=0.45)
        records = [_posting(job, site, rng) for job in jobs]
        (folder / f"{site}.json").write_text(json.dumps(records, ensure_ascii=False),
                                             encoding="utf-8")
        sites.append(f"{site}={company}")
        postings += len(records)
    return DemoCorpus(postings=postings, spider_args={"boards": ",".join(sites)},
                      note=f"on {len(sites)} sites")
