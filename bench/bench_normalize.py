"""Benchmark the pure normalizers on seeded, realistic synthetic postings.

    python -m bench.bench_normalize [--n 100000] [--runs 3] [--no-dedup]

Generates ``n`` postings (titles, HN-style headers, ATS location strings, bodies, ~10 % of them
reposts or cross-posts of another posting), then reports postings/s for
parse_locations + parse_seniority + parse_employment_types (median of ``runs``; the parsers'
memo caches are cleared before every run so repeated location strings and titles are not free
after the first run) and the wall time of one find_duplicates pass.

The data is generated, never copied from a crawl: vocabulary lists below are invented.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time

from pipeline.normalize import places, roles
from pipeline.normalize.dedup import DedupInput, find_duplicates
from pipeline.normalize.pay import choose as pay_choose
from pipeline.normalize.pay import parse_pay
from pipeline.normalize.places import parse_locations
from pipeline.normalize.roles import parse_employment_types, parse_seniority

_LEVELS = ["", "Senior ", "Sr. ", "Staff ", "Principal ", "Junior ", "Lead ", "", "Mid-level ", ""]
_ROLES = ["Backend Engineer", "Software Engineer", "Platform Engineer", "Python Developer",
          "Go Engineer", "Data Engineer", "SRE", "Full-Stack Engineer", "Engineering Manager",
          "Backend Developer (m/w/d)", "Software Engineer II", "Infrastructure Engineer"]
_LOCATIONS = ["San Francisco, CA", "NYC, NY", "London, UK", "Berlin or REMOTE (EU)",
              "Remote (US only)", "REMOTE (US/Canada)", "Hybrid - Austin, TX", "ONSITE in Tel Aviv",
              "Anywhere in the World", "USA Only", "Europe Only", "Remote - US",
              "Remote, Bangalore",
              "München", "Zürich, Switzerland", "São Paulo, Brazil", "Bay Area", "Toronto, ON",
              "Remote (UTC-3 to UTC+3)", "Seattle, WA (Hybrid)",
              "Amsterdam, Netherlands",
              "Paris, France", "Remote", "Boston, MA", "Warsaw, Poland (B2B)", "Portland, OR"]
_TYPES = ["Full-time", "Full-time | Contract", "Contract", "Part-time", "FT", "Contract-to-hire",
          "Freelance", "Internship", ""]
_SYLLABLES = ["ac", "me", "no", "va", "blu", "qua", "hy", "per", "ter", "ra", "pix", "or", "bit",
              "del", "ta", "lu", "men", "zo", "ki", "ra"]
_SUFFIXES = ["", " Labs", " Inc", " GmbH", " Systems", " AI", " Health", " Robotics", ""]
_SENTENCES = [
    "We build distributed systems that process billions of events per day.",
    "You will design APIs in Python and Go and own services end to end.",
    "Our stack is PostgreSQL, Kafka, Kubernetes and Terraform on AWS.",
    "We value small teams, written communication and shipping often.",
    "You have {y}+ years of experience building backend services.",
    "Experience with observability, on-call and incident reviews is a plus.",
    "We offer equity, a learning budget and flexible hours.",
    "The team works across time zones with overlap in the afternoon.",
    "You will mentor engineers and drive technical decisions.",
    "We care about data modelling, correctness and performance.",
    "Our customers are banks, insurers and logistics companies.",
    "Help us migrate a monolith to well-bounded services.",
]


def make_postings(n: int, seed: int = 7) -> list[tuple[str, str, str, str, str, datetime.date]]:
    """(posting_id, company, title, location, body, date) tuples, ~10 % near-duplicates."""
    rng = random.Random(seed)
    base = datetime.date(2026, 1, 1)
    out: list[tuple[str, str, str, str, str, datetime.date]] = []
    for i in range(n):
        if out and rng.random() < 0.1:
            pid, company, title, loc, body, d = out[rng.randrange(len(out))]
            # A repost or cross-post: small edits, new date, sometimes a reformatted company.
            company = company + rng.choice(["", " Inc.", ""])
            body = body + rng.choice(["", " Apply today.", " Visa sponsorship available."])
            d = d + datetime.timedelta(days=rng.randrange(0, 40))
            out.append((f"p{i:07d}", company, title, loc, body, d))
            continue
        company = (
            "".join(rng.choice(_SYLLABLES) for _ in range(3)).title() + rng.choice(_SUFFIXES)
        )
        title = rng.choice(_LEVELS) + rng.choice(_ROLES)
        loc = rng.choice(_LOCATIONS)
        if rng.random() < 0.3:
            loc = f"{company} | {title} | {loc} | {rng.choice(_TYPES)} | $150-200k"
        k = rng.randint(4, 10)
        body = " ".join(s.format(y=rng.randint(1, 9)) for s in rng.sample(_SENTENCES, k))
        body += f" Ref {rng.randrange(10**9)}."
        out.append((f"p{i:07d}", company, title, loc, body,
                    base + datetime.timedelta(days=rng.randrange(0, 180))))
    return out


def _parse_all(rows: list[tuple[str, str, str, str, str, datetime.date]]) -> int:
    hits = 0
    for _pid, _company, title, loc, body, _d in rows:
        lo = parse_locations(loc)
        s = parse_seniority(title, body)
        t = parse_employment_types(loc)
        hits += bool(lo.places) + (s is not None) + len(t)
    return hits


def _clear_memos() -> None:
    """Forget the parsers' memos of repeated strings, so that a run does not reuse the last."""
    places._parse.cache_clear()
    roles._title_seniority.cache_clear()
    roles._types_memo.cache_clear()
    pay_choose._parse_short.cache_clear()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-dedup", action="store_true")
    args = ap.parse_args(argv)

    rows = make_postings(args.n)
    t0 = time.perf_counter()
    parse_locations("warm up: Berlin")  # loads geonames/pycountry once
    print(f"reference data load: {time.perf_counter() - t0:.2f}s")

    times = []
    for _ in range(args.runs):
        _clear_memos()
        t = time.perf_counter()
        _parse_all(rows)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(f"parse_locations+parse_seniority+parse_employment_types: n={args.n} "
          f"median {med:.2f}s over {args.runs} runs = {args.n / med:,.0f} postings/s")

    # Distinct location strings are what the memo cannot help with: time those uncached.
    distinct = list(dict.fromkeys(r[3] for r in rows))
    places._parse.cache_clear()
    t = time.perf_counter()
    for loc in distinct:
        parse_locations(loc)
    dt = time.perf_counter() - t
    print(f"parse_locations uncached: {len(distinct)} distinct strings in {dt:.2f}s "
          f"= {len(distinct) / dt:,.0f}/s")

    # Pay is found in the whole posting (header line, then body), as the loader does for HN.
    texts = [f"{loc}\n\n{body}" for _pid, _c, _t, loc, body, _d in rows]
    pay_times = []
    found = 0
    for _ in range(args.runs):
        _clear_memos()
        t = time.perf_counter()
        found = sum(parse_pay(text) is not None for text in texts)
        pay_times.append(time.perf_counter() - t)
    pay_med = statistics.median(pay_times)
    print(f"parse_pay on whole postings: n={args.n} median {pay_med:.2f}s = "
          f"{args.n / pay_med:,.0f} postings/s ({found} with pay)")
    print(f"pay + place + seniority + type together: {args.n / (med + pay_med):,.0f} postings/s "
          "on one core")

    if not args.no_dedup:
        inputs = [DedupInput(pid, c, ti, lo, body, d) for pid, c, ti, lo, body, d in rows]
        t = time.perf_counter()
        matches = find_duplicates(inputs)
        dt = time.perf_counter() - t
        groups = len({m.group_id for m in matches})
        print(f"find_duplicates: n={args.n} in {dt:.1f}s = {args.n / dt:,.0f} postings/s; "
              f"{len(matches)} postings in {groups} groups")


if __name__ == "__main__":
    main()
