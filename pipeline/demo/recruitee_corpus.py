"""Seeded demo corpus of Recruitee careers sites in the Careers Site API's shape.

Writes ``recruitee/<company>.json`` (what ``pipeline/replay/recruitee.py`` serves): published
offers with HTML description and requirements, the three work-mode flags, ``salary`` on some,
``published_at`` in Recruitee's ``YYYY-MM-DD HH:MM:SS UTC`` form, and a few draft offers (which
the spider skips). Equal arguments give equal files.
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

BOARDS = 4
EMPLOYMENT = {"full-time": "fulltime_permanent", "part-time": "parttime_permanent",
              "contract": "fulltime_fixed_term", "intern": "internship"}


def _slug(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _offer(job: V.DemoJob, board: str, company: str, offer_id: int, slug: str,
           *, published: bool) -> dict[str, Any]:
    place = job.place
    url = f"https://{board}.recruitee.com/o/{slug}"
    body = V.html_body(job)
    # Recruitee keeps the requirements in their own field; split the body where they start.
    cut = body.index("<h3>What we are looking for</h3>")
    pay = job.pay if not job.pay_hidden else None
    return {
        "id": offer_id, "slug": slug, "status": "published" if published else "draft",
        "title": job.title, "company_name": company, "department": job.department,
        "description": body[:cut], "requirements": body[cut:],
        "location": place.label, "city": place.city, "country": place.country_name,
        "country_code": place.country, "remote": job.workplace == "remote",
        "hybrid": job.workplace == "hybrid", "on_site": job.workplace == "onsite",
        "employment_type_code": EMPLOYMENT[job.employment],
        "salary": {"min": pay.low, "max": pay.high, "currency": pay.currency,
                   "period": pay.period} if pay else None,
        "careers_url": url, "careers_apply_url": url + "/c/new",
        "published_at": job.published.strftime("%Y-%m-%d %H:%M:%S UTC"),
    }


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``BOARDS`` invented careers sites under ``root/recruitee``; ``postings`` counts
    published offers."""
    rng = random.Random(f"recruitee:{seed}:{months}:{end.isoformat()}")
    folder = root / "recruitee"
    folder.mkdir(parents=True, exist_ok=True)
    boards: list[str] = []
    published = 0
    # Offer ids are Recruitee-wide, so they never repeat across companies.
    offer_id = rng.randrange(1_000_000, 2_000_000)
    for company, board in V.company_names(rng, BOARDS):
        jobs = V.company_jobs(rng, company, rng.randrange(12, 24), end=end, months=months,
                              pay_share=0.5)
        taken: set[str] = set()
        offers = []
        for job in jobs:
            is_published = rng.random() >= 0.05
            offer_id += rng.randrange(1, 40)
            offers.append(_offer(job, board, company, offer_id, _slug(job.title, taken),
                                 published=is_published))
            published += is_published
        (folder / f"{board}.json").write_text(json.dumps({"offers": offers}, ensure_ascii=False),
                                              encoding="utf-8")
        boards.append(f"{board}={company}")
    return DemoCorpus(postings=published, spider_args={"boards": ",".join(boards)},
                      note=f"on {len(boards)} careers sites (draft offers not counted)")
