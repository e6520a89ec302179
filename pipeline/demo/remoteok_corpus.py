"""Seeded demo corpus for the ``remoteok`` spider: one ``GET /api`` answer in the API's shape.

Writes ``remoteok/api.json`` (see :mod:`pipeline.replay.remoteok`): the legal notice first, then
the jobs newest first, with the source's quirks reproduced: every text double-encoded (UTF-8 read
as Latin-1), ``salary_min``/``salary_max`` 0 when not stated, noisy lower-case tags, locations
like ``"Hamilton, "`` or ``""``, and the anti-spam sentence at the end of each description.
Output depends only on the arguments.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from pipeline.demo import board_vocab as V
from pipeline.demo.corpus import DemoCorpus

LEGAL = ("API Terms of Service: Please link back (with follow, and without nofollow!) to the URL "
         "on Remote OK and mention Remote OK as a source, so we get traffic back from your site.")
WORDS = ("ORCHARD", "PEBBLE", "LANTERN", "MARIGOLD", "QUIETLY", "SPRUCE", "VELVET", "HARBOR")
NOISE_TAGS = ("engineer", "digital nomad", "go", "senior", "support", "full-time", "code")
ODD_LOCATIONS = ("", "Hamilton, ", "Remote", "Anywhere")


def mojibake(text: str) -> str:
    """What the API does to text: UTF-8 bytes decoded as Latin-1."""
    return text.encode("utf-8").decode("latin-1")


def _count(months: int) -> int:
    return min(400, 150 + 5 * months)


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    rng = random.Random(f"remoteok:{seed}:{months}:{end.isoformat()}")
    names = V.companies(rng, 90, accented=0.25)
    jobs = [V.make_job(rng, names, months=months, end=end, pay_share=0.45)
            for _ in range(_count(months))]
    jobs.sort(key=lambda j: j.posted, reverse=True)
    records: list[dict[str, object]] = []
    for n, job in enumerate(jobs):
        job_id = str(1_200_000 - n * 37)
        slug = f"remote-{V.slugify(job.title)}-{V.slugify(job.company)}-{job_id}"
        url = f"https://remoteOK.com/remote-jobs/{slug}"
        tags = [s.lower() for s in job.skills]
        tags += rng.sample(NOISE_TAGS, k=rng.randint(1, 4))
        if not job.backend:
            tags.append("non tech")
        location = rng.choice(ODD_LOCATIONS) if rng.random() < 0.3 else job.place
        body = V.html_body(job) + (
            f"<br/><br/>Please mention the word **{rng.choice(WORDS)}** and tag RMTk0LjI0 when "
            "applying to show you read the job post completely (#RMTk0LjI0). This is a beta "
            "feature to avoid spam applicants. Companies can search these words to find "
            "applicants that read this and see they're human.")
        records.append({
            "slug": slug, "id": job_id, "epoch": int(job.posted.timestamp()),
            "date": job.posted.isoformat(), "company": mojibake(job.company),
            "company_logo": "", "position": mojibake(job.title),
            "tags": list(dict.fromkeys(tags)),
            "description": mojibake(body),
            "location": mojibake(location), "apply_url": url,
            "salary_min": job.pay_min or 0,
            # Some employers state only a floor.
            "salary_max": (job.pay_max or 0) if rng.random() > 0.1 else 0,
            "logo": "", "url": url,
        })
    folder = root / "remoteok"
    folder.mkdir(parents=True, exist_ok=True)
    legal = {"last_updated": int(jobs[0].posted.timestamp()) if jobs else 0, "legal": LEGAL}
    (folder / "api.json").write_text(json.dumps([legal, *records]), encoding="utf-8")
    return DemoCorpus(postings=len(records), spider_args={},
                      note="(one snapshot, double-encoded texts)")
