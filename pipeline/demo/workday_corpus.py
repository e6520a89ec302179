"""Seeded demo corpus of Workday career sites in the search and detail JSON shapes.

Writes ``workday/<tenant>.wdN.<site>.json`` (what ``pipeline/replay/workday.py`` serves): the
search entries (``title``, ``externalPath``, ``locationsText``, relative ``postedOn``,
``bulletFields``) and one detail response per posting. ``postedOn`` is written as seen on the
demo's last day, which the demo crawl passes as ``posted_as_of``. Workday has no pay field, so
pay appears, when it does, as a sentence of the description. Equal arguments give equal files.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.demo import ats_vocab as V
from pipeline.demo.corpus import DemoCorpus

BOARDS = 3
SITES = ("External", "Careers", "ExternalCareerSite")
TIME_TYPE = {"full-time": "Full time", "part-time": "Part time", "contract": "Full time",
             "intern": "Full time"}
REMOTE_TYPE = {"onsite": "On-site", "hybrid": "Hybrid", "remote": "Remote"}


def posted_on(published: date, end: date) -> str:
    days = (end - published).days
    if days <= 0:
        return "Posted Today"
    if days == 1:
        return "Posted Yesterday"
    return f"Posted {days} Days Ago" if days < 30 else "Posted 30+ Days Ago"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def _description(job: V.DemoJob) -> str:
    body = V.html_body(job)
    if job.pay is None or job.pay_hidden:
        return body
    unit = "per hour" if job.pay.period == "hour" else "per year"
    return (body + f"<p>The base pay range for this role is {job.pay.currency} "
            f"{job.pay.low:,.0f} to {job.pay.high:,.0f} {unit}.</p>")


def _posting(job: V.DemoJob, employer: str, token: str, number: int, end: date,
             rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    tenant, pod, site = token.split(".", 2)
    req = f"JR{number:06d}"
    place = job.place.label
    path = f"/job/{_slug(place)}/{_slug(job.title)}_{req}"
    extra_places = rng.random() < 0.15
    listed = {
        "title": job.title, "externalPath": path,
        "locationsText": "2 Locations" if extra_places else place,
        "postedOn": posted_on(job.published.date(), end), "bulletFields": [req],
    }
    info = {
        "id": f"{rng.getrandbits(128):032x}", "title": job.title,
        "jobDescription": _description(job), "location": place,
        "additionalLocations": ["Remote - US"] if extra_places else [],
        "postedOn": listed["postedOn"], "startDate": job.published.date().isoformat(),
        "timeType": TIME_TYPE[job.employment], "jobReqId": req,
        "jobPostingId": path.rsplit("/", 1)[1],
        "country": {"descriptor": job.place.country_name, "id": f"{rng.getrandbits(64):016x}"},
        "remoteType": REMOTE_TYPE[job.workplace], "canApply": True,
        "externalUrl": f"https://{tenant}.{pod}.myworkdayjobs.com/{site}{path}",
    }
    return listed, {"jobPostingInfo": info, "hiringOrganization": {"name": employer, "url": ""}}


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``BOARDS`` invented career sites of 10 to 30 postings under ``root/workday``."""
    rng = random.Random(f"workday:{seed}:{months}:{end.isoformat()}")
    folder = root / "workday"
    folder.mkdir(parents=True, exist_ok=True)
    boards: list[str] = []
    postings = 0
    for index, (name, tenant) in enumerate(V.company_names(rng, BOARDS)):
        token = f"{tenant}.wd{rng.choice((1, 5, 12))}.{SITES[index % len(SITES)]}"
        # Only the last month: older postings read "Posted 30+ Days Ago", which dates nothing,
        # and undated postings would all count in the month of the demo crawl.
        jobs = V.company_jobs(rng, name, rng.randrange(10, 31), end=end, months=1,
                              pay_share=0.3)
        listed: list[dict[str, Any]] = []
        details: dict[str, Any] = {}
        for number, job in enumerate(jobs, start=rng.randrange(1000, 90000)):
            entry, detail = _posting(job, f"{name} Inc.", token, number, end, rng)
            listed.append(entry)
            details[entry["externalPath"]] = detail
        (folder / f"{token}.json").write_text(
            json.dumps({"postings": listed, "details": details}, ensure_ascii=False),
            encoding="utf-8")
        boards.append(f"{token}={name}")
        postings += len(listed)
    return DemoCorpus(postings=postings,
                      spider_args={"boards": ",".join(boards), "posted_as_of": end.isoformat()},
                      note=f"on {len(boards)} career sites")
