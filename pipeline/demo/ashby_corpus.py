"""Seeded demo corpus of Ashby boards in the public Job Posting API's shape.

Writes ``ashby/<board>.json`` (what ``pipeline/replay/ashby.py`` serves): listed jobs plus a few
unlisted ones (which the spider skips), compensation inside each job, sometimes with
``shouldDisplayCompensationOnJobPostings: false`` (which the spider does not keep). Equal
arguments give equal files.
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

BOARDS = 12
EMPLOYMENT = {"full-time": "FullTime", "part-time": "PartTime", "contract": "Contract",
              "intern": "Intern"}
WORKPLACE = {"onsite": "OnSite", "hybrid": "Hybrid", "remote": "Remote"}
INTERVAL = {"year": "1 YEAR", "hour": "1 HOUR"}
SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "INR": "₹"}


def _money(value: float, currency: str, period: str) -> str:
    symbol = SYMBOL.get(currency, currency + " ")
    if period == "hour":
        return f"{symbol}{value:g}"
    return f"{symbol}{value / 1000:g}K"


def _compensation(job: V.DemoJob, rng: random.Random) -> dict[str, Any]:
    pay = job.pay
    if pay is None:
        return {"compensationTierSummary": None, "scrapeableCompensationSalarySummary": None,
                "compensationTiers": [], "summaryComponents": []}
    low, high = _money(pay.low, pay.currency, pay.period), _money(pay.high, pay.currency,
                                                                    pay.period)
    equity = rng.random() < 0.5
    summary = f"{low} – {high}" + (" • Offers Equity" if equity else "")
    salary = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
              "summary": f"{low} – {high}", "compensationType": "Salary",
              "interval": INTERVAL[pay.period], "currencyCode": pay.currency,
              "minValue": pay.low, "maxValue": pay.high}
    components = [salary]
    if equity:
        components.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                           "summary": "Offers Equity", "compensationType": "EquityPercentage",
                           "interval": "NONE", "currencyCode": None, "minValue": None,
                           "maxValue": None})
    return {"compensationTierSummary": summary,
            "scrapeableCompensationSalarySummary": f"{low} - {high}",
            "compensationTiers": [{"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                                   "tierSummary": summary, "title": None,
                                   "additionalInformation": None, "components": components}],
            "summaryComponents": components}


def _job(job: V.DemoJob, board: str, rng: random.Random, *, listed: bool) -> dict[str, Any]:
    job_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    url = f"https://jobs.ashbyhq.com/{board}/{job_id}"
    place = job.place
    postal = {k: v for k, v in (("addressLocality", place.city), ("addressRegion", place.region),
                                ("addressCountry", place.country_name)) if v}
    secondary = []
    if job.workplace != "onsite" and rng.random() < 0.3:
        secondary.append({"location": f"Remote ({place.country_name})",
                          "address": {"postalAddress": {"addressCountry": place.country_name}}})
    return {
        # Titles typed into Ashby sometimes keep stray spaces; the spider strips them.
        "id": job_id, "title": (" " if rng.random() < 0.05 else "") + job.title,
        "department": job.department, "team": job.team,
        "employmentType": EMPLOYMENT[job.employment], "location": place.label,
        "secondaryLocations": secondary, "address": {"postalAddress": postal},
        "isRemote": job.workplace == "remote", "isListed": listed,
        "workplaceType": WORKPLACE[job.workplace],
        "publishedAt": job.published.isoformat(timespec="milliseconds"),
        "jobUrl": url, "applyUrl": url + "/application",
        "descriptionHtml": V.html_body(job), "descriptionPlain": V.plain_body(job),
        "shouldDisplayCompensationOnJobPostings": not job.pay_hidden,
        "compensation": _compensation(job, rng),
    }


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``BOARDS`` invented boards under ``root/ashby``; ``postings`` counts listed jobs."""
    rng = random.Random(f"ashby:{seed}:{months}:{end.isoformat()}")
    folder = root / "ashby"
    folder.mkdir(parents=True, exist_ok=True)
    boards: list[str] = []
    listed = 0
    for company, board in V.company_names(rng, BOARDS):
        jobs = V.company_jobs(rng, company, rng.randrange(6, 40), end=end, months=months,
                              pay_share=0.6)
        records = []
        for job in jobs:
            is_listed = rng.random() >= 0.04
            records.append(_job(job, board, rng, listed=is_listed))
            listed += is_listed
        body = {"apiVersion": "1", "jobs": records}
        (folder / f"{board}.json").write_text(json.dumps(body, ensure_ascii=False),
                                              encoding="utf-8")
        boards.append(f"{board}={company}")
    return DemoCorpus(postings=listed, spider_args={"boards": ",".join(boards)},
                      note=f"on {len(boards)} boards (unlisted jobs not counted)")
