"""Seeded demo corpus for the ``remotive`` spider: the remote-jobs API envelope, unfiltered.

Writes ``remotive/remote-jobs.json`` (see :mod:`pipeline.replay.remotive`), which the replay
filters by category slug. Quirks reproduced: ``publication_date`` without an offset, ``salary``
as free text in several styles or ``""``, mixed-case tags with stray spaces, ``job_type`` codes,
and the tracking pixel at the end of every description. Output depends only on the arguments.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from pipeline.demo import board_vocab as V
from pipeline.demo.corpus import DemoCorpus

CATEGORIES = {  # slug: (name, share of non-backend jobs)
    "software-dev": ("Software Development", 0.0),
    "devops": ("DevOps / Sysadmin", 0.0),
    "data": ("Data Analysis", 0.0),
    "product": ("Product", 0.3),
    "customer-support": ("Customer Service", 0.3),
    "marketing": ("Marketing", 0.25),
    "design": ("Design", 0.15),
}
JOB_TYPES = (("full_time", 0.72), ("contract", 0.14), ("part_time", 0.05), ("freelance", 0.05),
             ("internship", 0.02), ("", 0.02))
LOCATIONS = {"United States": "USA", "Worldwide": "Worldwide", "United Kingdom": "UK"}
WARNING = ("Remotive main domain moved to remotive.com ! Please make your API calls on "
           "remotive.com/api/remote-jobs instead of remotive.io now ;)")
LEGAL = ("Legal warning - Please link back to the URL found on Remotive AND mention Remotive as a "
         "source. Jobs displayed are delayed by 24 hours. We advise max. 4 times a day.")


def _salary(rng: random.Random, low: int | None, high: int | None, currency: str) -> str:
    if low is None or high is None:
        return ""
    sign = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, currency + " ")
    style = rng.random()
    if style < 0.4:
        return f"{sign}{low // 1000}k - {sign}{high // 1000}k"
    if style < 0.75:
        return f"{sign}{low:,} - {sign}{high:,}"
    if style < 0.9:
        return f"{currency} {low // 1000}k-{high // 1000}k per year"
    return f"Up to {sign}{high:,}"


def _category(rng: random.Random, job: V.Job) -> str:
    if job.backend:
        if "Data" in job.title:
            return "data"
        if "Reliability" in job.title or "Platform" in job.title:
            return "devops"
        return "software-dev"
    return rng.choice(["software-dev", "product", "customer-support", "marketing", "design"]
                      if "Engineer" in job.title or "Developer" in job.title
                      else ["product", "customer-support", "marketing", "design"])


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"remotive:{seed}:{months}:{end.isoformat()}")
    names = V.companies(rng, 70)
    count = min(350, 140 + 4 * months)
    jobs = [V.make_job(rng, names, months=months, end=end, pay_share=0.4) for _ in range(count)]
    jobs.sort(key=lambda j: j.posted, reverse=True)
    records = []
    for n, job in enumerate(jobs):
        job_id = 2_400_000 - n * 11
        slug = _category(rng, job)
        url = f"https://remotive.com/remote-jobs/{slug}/{V.slugify(job.title)}-{job_id}"
        tags = [s if rng.random() < 0.7 else s.lower() + " " for s in job.skills]
        pixel = (f'<img src="https://remotive.com/job/track/{job_id}/blank.gif'
                 '?source=public_api" alt=""/>')
        records.append({
            "id": job_id, "url": url, "title": job.title, "company_name": job.company,
            "company_logo": f"https://remotive.com/job/{job_id}/logo",
            "category": CATEGORIES[slug][0], "tags": tags,
            "job_type": rng.choices([t for t, _ in JOB_TYPES], [w for _, w in JOB_TYPES])[0],
            "publication_date": job.posted.strftime("%Y-%m-%dT%H:%M:%S"),
            "candidate_required_location": LOCATIONS.get(job.place, job.place),
            "salary": _salary(rng, job.pay_min, job.pay_max, job.currency),
            "description": V.html_body(job).replace("<p>", "<p>\n", 1) + "\n" + pixel,
        })
    folder = root / "remotive"
    folder.mkdir(parents=True, exist_ok=True)
    envelope = {"00-warning": WARNING, "0-legal-notice": LEGAL, "job-count": len(records),
                "total-job-count": len(records), "jobs": records}
    (folder / "remote-jobs.json").write_text(json.dumps(envelope, ensure_ascii=False),
                                             encoding="utf-8")
    return DemoCorpus(postings=len(records),
                      spider_args={"categories": ",".join(CATEGORIES)},
                      note=f"({len(CATEGORIES)} categories)")
