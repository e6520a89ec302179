"""Seeded demo corpus of SmartRecruiters companies in the Posting API's shape.

Writes ``smartrecruiters/<company>.json`` (what ``pipeline/replay/smartrecruiters.py`` serves,
as list pages and as one detail per posting): posting details with ``jobAd.sections``, work mode
in ``location.remote``/``location.hybrid`` and, on a few, ``compensation``. Equal arguments give
equal files.
"""

from __future__ import annotations

import json
import random
import re
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.demo import ats_vocab as V
from pipeline.demo.corpus import DemoCorpus

COMPANIES = 4
EMPLOYMENT = {"full-time": ("permanent", "Full-time"), "part-time": ("part_time", "Part-time"),
              "contract": ("contract", "Contract"), "intern": ("intern", "Internship")}
FUNCTIONS = {"Engineering": "engineering", "Infrastructure": "information_technology",
             "Data": "information_technology", "AI": "engineering"}
LEVELS = (("entry_level", "Entry Level"), ("associate", "Associate"),
          ("mid_senior_level", "Mid-Senior Level"), ("director", "Director"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _location(job: V.DemoJob) -> dict[str, Any]:
    place = job.place
    location: dict[str, Any] = {"city": place.city or place.label, "region": place.region,
                                "country": (place.country or "").lower() or None,
                                "remote": job.workplace == "remote",
                                "hybrid": job.workplace == "hybrid",
                                "fullLocation": place.label}
    return {k: v for k, v in location.items() if v is not None}


def _job_ad(job: V.DemoJob) -> dict[str, Any]:
    duties = "".join(f"<li>{d}</li>" for d in job.duties)
    needs = "".join(f"<li>{n}</li>" for n in job.needs)
    return {"sections": {
        "companyDescription": {"title": "Company Description",
                               "text": f"<p>{job.intro.split('. ')[0]}.</p>"},
        "jobDescription": {"title": "Job Description",
                           "text": f"<p>{job.intro}</p><ul>{duties}</ul>"},
        "qualifications": {"title": "Qualifications", "text": f"<ul>{needs}</ul>"},
        "additionalInformation": {"title": "Additional Information",
                                  "text": f"<p>{job.closing}</p>"},
    }}


def _posting(job: V.DemoJob, company: str, name: str, rng: random.Random) -> dict[str, Any]:
    posting_id = str(744000100000000 + rng.randrange(10**8))
    url = f"https://jobs.smartrecruiters.com/{company}/{posting_id}-{_slug(job.title)}"
    employment_id, employment = EMPLOYMENT[job.employment]
    released = job.published.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    record: dict[str, Any] = {
        "id": posting_id, "name": job.title,
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "refNumber": f"REF{rng.randrange(1000, 9999)}{rng.choice('ABCDEFGH')}",
        "company": {"identifier": company, "name": name},
        "releasedDate": released,
        "location": _location(job),
        "industry": {"id": "computer_software", "label": "Computer Software"},
        "department": {"id": str(rng.randrange(10**6, 10**7)), "label": job.department},
        "function": {"id": FUNCTIONS.get(job.department, "other"),
                     "label": job.department},
        "typeOfEmployment": {"id": employment_id, "label": employment},
        "experienceLevel": dict(zip(("id", "label"), rng.choice(LEVELS), strict=True)),
        "customField": [],
        "visibility": "PUBLIC",
        "ref": f"https://api.smartrecruiters.com/v1/companies/{company}/postings/{posting_id}",
        "language": {"code": "en", "label": "English", "labelNative": "English (US)"},
        "postingUrl": url, "applyUrl": url + "?oga=true", "active": True,
        "jobAd": _job_ad(job),
    }
    if job.pay is not None and not job.pay_hidden:
        record["compensation"] = {"min": job.pay.low, "max": job.pay.high,
                                  "currency": job.pay.currency,
                                  "period": job.pay.period.upper()}
    return record


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``COMPANIES`` invented companies of 10 to 29 postings each."""
    rng = random.Random(f"smartrecruiters:{seed}:{months}:{end.isoformat()}")
    folder = root / "smartrecruiters"
    folder.mkdir(parents=True, exist_ok=True)
    companies: list[str] = []
    postings = 0
    for name, _ in V.company_names(rng, COMPANIES):
        company = name.replace(" ", "")
        jobs = V.company_jobs(rng, name, rng.randrange(10, 30), end=end, months=months,
                              pay_share=0.25)
        records = [_posting(job, company, name, rng) for job in jobs]
        (folder / f"{company}.json").write_text(json.dumps(records, ensure_ascii=False),
                                                encoding="utf-8")
        companies.append(company)
        postings += len(records)
    return DemoCorpus(postings=postings, spider_args={"boards": ",".join(companies)},
                      note=f"on {len(companies)} companies")
