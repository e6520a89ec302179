"""Seeded demo corpus of BambooHR careers sites in their list and detail JSON shapes.

Writes ``bamboohr/<company>.json`` (what ``pipeline/replay/bamboohr.py`` serves): the
``/careers/list`` response and one ``/careers/<id>/detail`` response per position, with HTML
descriptions, ``datePosted`` days and free-text ``compensation`` on part of them. Equal
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

COMPANIES = 4
STATUS = {"full-time": "Full-Time", "part-time": "Part-Time", "contract": "Contractor",
          "intern": "Intern"}
LOCATION_TYPE = {"onsite": "0", "remote": "1", "hybrid": "2"}
SYMBOL = {"USD": "$", "CAD": "CA$", "GBP": "£", "EUR": "€", "AUD": "A$", "INR": "₹"}


def _compensation(pay: V.Pay) -> str:
    sign = SYMBOL.get(pay.currency, pay.currency + " ")
    if pay.period == "hour":
        return f"{sign}{pay.low:.2f} - {sign}{pay.high:.2f} per hour"
    return f"{sign}{pay.low:,.0f} - {sign}{pay.high:,.0f} per year"


def _location(job: V.DemoJob) -> dict[str, Any]:
    return {"city": job.place.city, "state": job.place.region,
            "postalCode": None, "addressCountry": job.place.country_name}


def _entries(job: V.DemoJob, company: str, posting_id: str,
             department_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    location = _location(job)
    listed = {
        "id": posting_id, "jobOpeningName": job.title,
        "departmentId": str(department_id), "departmentLabel": job.department,
        "employmentStatusLabel": STATUS[job.employment],
        "location": {"city": location["city"], "state": location["state"]},
        "atsLocation": {"country": None, "state": None, "province": None, "city": None},
        "isRemote": job.workplace == "remote" or None,
        "locationType": LOCATION_TYPE[job.workplace],
    }
    opening = {
        "jobOpeningShareUrl": f"https://{company}.bamboohr.com/careers/{posting_id}",
        "jobOpeningName": job.title, "jobOpeningStatus": "Open",
        "departmentId": str(department_id), "departmentLabel": job.department,
        "employmentStatusLabel": STATUS[job.employment],
        "location": location, "atsLocation": listed["atsLocation"],
        "isRemote": listed["isRemote"], "locationType": listed["locationType"],
        "datePosted": job.published.date().isoformat(),
        "minimumExperience": "Mid-Level" if "Senior" not in job.title else "Senior Level",
        "compensation": _compensation(job.pay) if job.pay and not job.pay_hidden else None,
        "description": V.html_body(job),
    }
    return listed, opening


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``COMPANIES`` invented careers sites of 8 to 22 positions under ``root/bamboohr``."""
    rng = random.Random(f"bamboohr:{seed}:{months}:{end.isoformat()}")
    folder = root / "bamboohr"
    folder.mkdir(parents=True, exist_ok=True)
    boards: list[str] = []
    postings = 0
    for name, token in V.company_names(rng, COMPANIES):
        jobs = V.company_jobs(rng, name, rng.randrange(8, 23), end=end, months=months,
                              pay_share=0.4)
        departments = {d: 18000 + i for i, d in enumerate(sorted({j.department for j in jobs}))}
        listed: list[dict[str, Any]] = []
        details: dict[str, Any] = {}
        first = rng.randrange(20, 400)
        for offset, job in enumerate(jobs):
            posting_id = str(first + offset)
            entry, opening = _entries(job, token, posting_id, departments[job.department])
            listed.append(entry)
            details[posting_id] = {"result": {"jobOpening": opening}}
        data = {"list": {"result": listed},
                "details": details}
        (folder / f"{token}.json").write_text(json.dumps(data, ensure_ascii=False),
                                              encoding="utf-8")
        boards.append(f"{token}={name}")
        postings += len(listed)
    return DemoCorpus(postings=postings, spider_args={"boards": ",".join(boards)},
                      note=f"on {len(boards)} careers sites")
