"""Seeded demo corpus of Personio career sites in the XML job feed's shape.

Writes ``personio/<company>.xml`` (what ``pipeline/replay/personio.py`` serves): one
``<workzag-jobs>`` document per company, each position with its offices, department, named HTML
description sections in CDATA, ``employmentType``/``schedule``/``seniority`` in Personio's
codes and ``createdAt`` with an offset. The feed has no pay field; where a job has pay, the
company writes it into a description section, as German pay-transparency ads do. Equal
arguments give equal files.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from pipeline.demo import ats_vocab as V
from pipeline.demo.corpus import DemoCorpus

BOARDS = 4
# DemoJob.employment to Personio's (employmentType, schedule).
EMPLOYMENT = {"full-time": ("permanent", "full-time"), "part-time": ("permanent", "part-time"),
              "contract": ("freelance", "full-time"), "intern": ("intern", "full-time")}
SECTION_NAMES = ("Your mission", "Your profile", "Why us")


def _cdata(markup: str) -> str:
    return "<![CDATA[" + markup.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _pay_line(job: V.DemoJob) -> str:
    pay = job.pay
    if pay is None or job.pay_hidden:
        return ""
    period = "per hour" if pay.period == "hour" else "per year"
    return (f"<p>Salary range: {pay.currency} {pay.low:,.0f} – {pay.high:,.0f} gross "
            f"{period}.</p>")


def _position(job: V.DemoJob, position_id: int, subcompany: str | None) -> str:
    kind, schedule = EMPLOYMENT[job.employment]
    office = "Remote" if job.workplace == "remote" else job.place.label
    duties = "".join(f"<li>{d}</li>" for d in job.duties)
    needs = "".join(f"<li>{n}</li>" for n in job.needs)
    bodies = (f"<p>{job.intro}</p><ul>{duties}</ul>", f"<ul>{needs}</ul>",
              f"{_pay_line(job)}<p>{job.closing}</p>")
    blocks = "".join(f"<jobDescription><name>{name}</name><value>{_cdata(body)}</value>"
                     f"</jobDescription>" for name, body in zip(SECTION_NAMES, bodies,
                                                                strict=True))
    seniority = "entry-level" if kind == "intern" else "experienced"
    parts = [f"<id>{position_id}</id>",
             f"<subcompany>{escape(subcompany)}</subcompany>" if subcompany else "",
             f"<office>{escape(office)}</office>",
             # Hybrid jobs name it as a second office (the feed has no work-mode field).
             "<additionalOffices><office>Hybrid</office></additionalOffices>"
             if job.workplace == "hybrid" else "",
             f"<department>{escape(job.department)}</department>",
             f"<recruitingCategory>{escape(job.team)}</recruitingCategory>",
             f"<name>{escape(job.title)} (m/w/d)</name>",
             f"<jobDescriptions>{blocks}</jobDescriptions>",
             f"<employmentType>{kind}</employmentType>", f"<seniority>{seniority}</seniority>",
             f"<schedule>{schedule}</schedule>",
             f"<createdAt>{job.published.isoformat(timespec='seconds')}</createdAt>"]
    return "<position>" + "".join(parts) + "</position>"


def write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus:
    """Write ``BOARDS`` invented career sites under ``root/personio``; ``postings`` counts
    positions."""
    rng = random.Random(f"personio:{seed}:{months}:{end.isoformat()}")
    folder = root / "personio"
    folder.mkdir(parents=True, exist_ok=True)
    boards: list[str] = []
    postings = 0
    # Position ids are Personio-wide, so they never repeat across companies.
    position_id = rng.randrange(1_500_000, 2_500_000)
    for company, board in V.company_names(rng, BOARDS):
        jobs = V.company_jobs(rng, company, rng.randrange(10, 22), end=end, months=months,
                              pay_share=0.4)
        subcompany = f"{company} GmbH" if rng.random() < 0.5 else None
        items = []
        for job in jobs:
            position_id += rng.randrange(1, 60)
            items.append(_position(job, position_id, subcompany))
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<workzag-jobs>\n'
                + "\n".join(items) + "\n</workzag-jobs>\n")
        (folder / f"{board}.xml").write_text(body, encoding="utf-8")
        boards.append(f"{board}={company}")
        postings += len(jobs)
    return DemoCorpus(postings=postings, spider_args={"boards": ",".join(boards)},
                      note=f"on {len(boards)} career sites")
