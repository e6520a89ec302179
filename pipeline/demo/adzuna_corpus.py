"""Seeded demo corpus for the ``adzuna`` spider: three country indexes of the search API.

Writes ``adzuna/<country>.json`` (see :mod:`pipeline.replay.adzuna`), results newest first, with
more than one page in ``gb``. Salaries are annual in the country's currency; about a fifth are
Adzuna's own estimates (``salary_is_predicted: "1"``), which the spider must not keep as pay.
Titles carry ``<strong>`` around the search words as the real API marks them. Output depends
only on the arguments.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.demo import ats_vocab as V
from pipeline.demo.corpus import DemoCorpus

COUNTRIES = {"gb": ("GB", "UK", 60), "us": ("US", "US", 30), "de": ("DE", "Deutschland", 20)}
"""code -> (ats_vocab country, Adzuna's ``area[0]``, results)."""
DOMAINS = {"gb": "www.adzuna.co.uk/jobs", "us": "www.adzuna.com", "de": "www.adzuna.de/jobs"}
CONTRACT = {"full-time": ("permanent", "full_time"), "part-time": ("permanent", "part_time"),
            "contract": ("contract", "full_time"), "intern": (None, "full_time")}


def _marked(title: str) -> str:
    """Adzuna wraps the words that matched ``what`` in ``<strong>``."""
    return title.replace("Backend", "<strong>Backend</strong>")


def _result(rng: random.Random, job: V.DemoJob, country: str, area0: str,
            ident: int) -> dict[str, Any]:
    contract_type, contract_time = CONTRACT[job.employment]
    record: dict[str, Any] = {
        "__CLASS__": "Adzuna::API::Response::Job", "id": str(ident),
        "adref": f"eyJhbGciOiJIUzI1NiJ9.eyJpIjoie{ident}In0.demo",
        "title": _marked(job.title),
        "description": (V.plain_body(job)[:480] + "\u2026").replace("\n", " "),
        "created": job.published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "redirect_url": f"https://{DOMAINS[country]}/land/ad/{ident}?se=demo{ident % 997}",
        "company": {"__CLASS__": "Adzuna::API::Response::Company",
                    "display_name": job.intro.split(" builds ")[0]},
        "location": {"__CLASS__": "Adzuna::API::Response::Location",
                     "display_name": job.place.city or job.place.label,
                     "area": [area0, *(p for p in (job.place.region, job.place.city) if p)]},
        "category": {"__CLASS__": "Adzuna::API::Response::Category", "label": "IT Jobs",
                     "tag": "it-jobs"},
        "contract_time": contract_time,
    }
    if contract_type:
        record["contract_type"] = contract_type
    if job.pay is not None and job.pay.period == "year":
        record.update(salary_min=job.pay.low, salary_max=job.pay.high, salary_is_predicted="0")
    elif rng.random() < 0.5:
        # Adzuna's estimate for an ad without pay: one figure, cents and all.
        guess = round(rng.uniform(40_000, 90_000) * job.place.pay_factor, 2)
        record.update(salary_min=guess, salary_max=guess,
                      salary_is_predicted=rng.choice(["1", 1]))
    return record


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"adzuna:{seed}:{months}:{end.isoformat()}")
    folder = root / "adzuna"
    folder.mkdir(parents=True, exist_ok=True)
    names = [name for name, _ in V.company_names(rng, 30)]
    total = 0
    for n, (country, (code, area0, count)) in enumerate(COUNTRIES.items()):
        jobs: list[V.DemoJob] = []
        while len(jobs) < count:
            job = V.make_job(rng, company=rng.choice(names), product=rng.choice(V.PRODUCTS),
                             end=end, months=min(months, 2), pay_share=0.5)
            if job.place.country == code:
                jobs.append(job)
        jobs.sort(key=lambda j: j.published, reverse=True)
        results = [_result(rng, job, country, area0, 4_000_000_000 + n * 100_000 + i)
                   for i, job in enumerate(jobs)]
        (folder / f"{country}.json").write_text(json.dumps({"results": results},
                                                           ensure_ascii=False), encoding="utf-8")
        total += len(results)
    return DemoCorpus(postings=total, spider_args={"countries": ",".join(COUNTRIES),
                                                   "max_pages": "0"},
                      note="(about a fifth with predicted salaries, dropped as pay)")
