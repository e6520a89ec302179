"""Seeded demo corpus for the ``reed`` spider: one search's results and their detail pages.

Writes ``reed/jobs.json`` (see :mod:`pipeline.replay.reed`). UK jobs only, in GBP: permanent
salaries ``per annum``, and contracts at day rates (``per day``) or, now and then, hourly, most
of them with an IR35 status in the title or the description, as UK agencies write them. A few
results have no detail page (the job closed between search and detail), so their pay keeps no
period. More than one search page. Output depends only on the arguments.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline.demo import ats_vocab as V
from pipeline.demo.corpus import DemoCorpus

RESULTS = 120
TOWNS = ("London", "Manchester", "Leeds", "Bristol", "Edinburgh", "Birmingham", "Cambridge",
         "Reading", "Glasgow", "Remote")
IR35 = (("Outside IR35", 0.45), ("Inside IR35", 0.3), ("Inside or outside IR35 TBC", 0.05),
        ("", 0.2))


def _pay(rng: random.Random, job: V.DemoJob, contract: bool) -> tuple[float, float, str, str]:
    if contract and rng.random() < 0.85:
        low = float(rng.randrange(350, 700, 25))
        return low, low + rng.choice((0, 50, 100)), "per day", f"£{low:g} - £{{high}} per day"
    if contract:
        low = float(rng.randrange(35, 80))
        return low, low + 10, "per hour", f"£{low:g} - £{{high}} per hour"
    yearly = job.pay is not None and job.pay.period == "year"
    # ats_vocab pays in the job's own place; Reed's jobs are British.
    low = float(round(job.pay.low / job.place.pay_factor * 0.55 / 1000) * 1000) \
        if job.pay and yearly \
        else float(rng.randrange(45, 90) * 1000)
    return low, low + 10_000, "per annum", f"£{low:,.0f} - £{{high}} per annum"


def _pair(rng: random.Random, job: V.DemoJob, job_id: int) -> tuple[dict[str, Any], dict | None]:
    contract = rng.random() < 0.4
    ir35 = rng.choices([s for s, _ in IR35], [w for _, w in IR35])[0] if contract else ""
    title = f"{job.title} (Contract)" if contract else job.title
    if ir35 and rng.random() < 0.5:
        title, ir35_line = f"{title} - {ir35}", ""
    else:
        ir35_line = f"<p>{ir35}.</p>" if ir35 else ""
    low, high, salary_type, text = _pay(rng, job, contract)
    shown_high = f"{high:,.0f}" if salary_type == "per annum" else f"{high:g}"
    employer = job.intro.split(" builds ")[0]
    posted = job.published.date()
    slug = title.lower().replace(" ", "-").replace(",", "")
    search = {
        "jobId": job_id, "employerId": 600_000 + job_id % 5000, "employerName": employer,
        "employerProfileId": None, "employerProfileName": None, "jobTitle": title,
        "locationName": rng.choice(TOWNS), "minimumSalary": low, "maximumSalary": high,
        "currency": "GBP", "expirationDate": (posted + timedelta(days=42)).strftime("%d/%m/%Y"),
        "date": posted.strftime("%d/%m/%Y"), "jobDescription": job.intro[:200] + "... ",
        "applications": rng.randrange(0, 60),
        "jobUrl": f"https://www.reed.co.uk/jobs/{slug}/{job_id}",
    }
    if rng.random() < 0.08:
        return search, None  # closed since the search: no detail page
    detail = {
        **{k: search[k] for k in ("employerId", "employerName", "jobId", "jobTitle",
                                  "locationName", "minimumSalary", "maximumSalary", "currency",
                                  "expirationDate", "jobUrl")},
        "yearlyMinimumSalary": low * (230 if salary_type == "per day" else 1),
        "yearlyMaximumSalary": high * (230 if salary_type == "per day" else 1),
        "salaryType": salary_type, "salary": text.format(high=shown_high),
        "datePosted": search["date"], "externalUrl": None,
        "partTime": job.employment == "part-time", "fullTime": job.employment != "part-time",
        "contractType": "Contract" if contract else "Permanent",
        "jobDescription": V.html_body(job).replace("</p>", "</p>" + ir35_line, 1),
        "applicationCount": search["applications"],
    }
    return search, detail


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"reed:{seed}:{months}:{end.isoformat()}")
    names = [name for name, _ in V.company_names(rng, 40)]
    jobs = [V.make_job(rng, company=rng.choice(names), product=rng.choice(V.PRODUCTS), end=end,
                       months=min(months, 2), pay_share=0.7) for _ in range(RESULTS)]
    jobs.sort(key=lambda j: j.published, reverse=True)
    results: list[dict[str, Any]] = []
    details: dict[str, Any] = {}
    for i, job in enumerate(jobs):
        search, detail = _pair(rng, job, 56_000_000 + i * 7)
        results.append(search)
        if detail is not None:
            details[str(search["jobId"])] = detail
    folder = root / "reed"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "jobs.json").write_text(json.dumps({"results": results, "details": details},
                                                 ensure_ascii=False), encoding="utf-8")
    return DemoCorpus(postings=len(results), spider_args={"max_results": "0"},
                      note=f"({len(results) - len(details)} without a detail page)")
