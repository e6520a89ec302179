"""Benchmark the skill extractor on synthetic ~3 KB backend job postings.

Usage::

    python -m bench.bench_skills [--n 100000] [--runs 3] [--seed 7]

Postings are generated deterministically (seeded) from templates: backend-ad sentences with
skill mentions (canonical names and aliases drawn from the taxonomy, including ambiguous
words such as Go, React, Spring, R and C) mixed with ordinary English filler.  They are
generated in chunks so that 100,000 postings do not sit in memory at once; only extraction
is timed.

Reported: extraction throughput (postings/s, median of ``--runs`` runs) and the ratio to a
bare pyahocorasick scan (``automaton.iter`` over the same lower-cased text, no checks) using
the extractor's own automaton, measured on the same machine in the same process.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from collections.abc import Iterator

from pipeline.normalize.skills import SkillExtractor, load_taxonomy

CHUNK = 5000

_TECH_SENTENCES = [
    "You will design and build backend services in {a} and {b}.",
    "Our stack: {a}, {b}, {c} and {d}.",
    "Strong experience with {a} or {b} is required.",
    "Nice to have: {a}, {b}.",
    "We run {a} on {b} with {c} for deployments.",
    "Hands-on knowledge of {a} ({b}, {c}) and modern tooling.",
    "You have shipped production systems using {a}.",
    "Familiarity with {a}/{b}/{c} is a plus.",
    "Experience operating {a} clusters at scale and tuning {b} queries.",
    "Write clean, tested code in {a}; review pull requests in {b}.",
    "Build data pipelines with {a} feeding {b}.",
    "Monitor services with {a} and {b}; respond to incidents.",
    "Senior {a} developer with 5+ years of experience.",
    "Tech: {a} | {b} | {c} | {d} | {e}",
]
# Ordinary sentences; the trap sentences (ambiguous words used as English) are kept apart
# so they can be mixed in at a realistic rate rather than in every posting.
_TRAPS = [
    "We go the extra mile for our customers and react quickly to their feedback.",
    "The rest of the team will help you ramp up during your first weeks.",
    "Our C-level executives are hands-on and approachable.",
    "Please express your interest by sending a short note about yourself.",
    "Spring and summer team events are a highlight of the year.",
]
_FILLER = [
    "We are a fast-growing company building tools that help small businesses get paid on time.",
    "You will work closely with product managers, designers and other engineers.",
    "We value ownership, clear communication and a healthy work-life balance.",
    "The team is distributed across Europe and North America and meets twice a year.",
    "Benefits include private health insurance, a learning budget and 30 days of holiday.",
    "You will mentor junior colleagues and take part in hiring.",
    "We offer a competitive salary, equity and a flexible remote policy.",
    "Our offices are close to the station and have great coffee.",
    "We believe diverse teams build better products, and we welcome applicants of all "
    "backgrounds.",
    "You will help shape our engineering culture and processes as we grow.",
    "Interviews consist of a short call, a take-home exercise and a final conversation.",
]


def _surface_forms() -> list[str]:
    """Skill mentions as written in ads: canonical names, aliases, a few ambiguous words."""
    tax = load_taxonomy()
    forms: list[str] = []
    for s in tax.skills.values():
        forms.append(s.name)
        forms.extend(a for a in s.aliases[:2] if len(a) > 1)
    # Weight the mainstream backend names so text looks like real ads.
    common = ["Python", "Java", "Go", "TypeScript", "JavaScript", "Node.js", "PostgreSQL",
              "MySQL", "Redis", "Kafka", "Docker", "Kubernetes", "AWS", "GCP", "Azure",
              "Terraform", "React", "Django", "Spring Boot", "C#", ".NET", "REST", "GraphQL",
              "gRPC", "Rust", "Ruby on Rails", "PHP", "Laravel", "MongoDB", "Elasticsearch",
              "CI/CD", "GitHub Actions", "Linux", "R", "C", "C++", "S3", "Lambda"]
    return forms + common * 20


def generate(n: int, seed: int, size: int = 3000) -> Iterator[list[str]]:
    """Yield chunks of ``n`` postings of about ``size`` characters each (deterministic)."""
    rng = random.Random(seed)
    forms = _surface_forms()
    made = 0
    while made < n:
        chunk = []
        for _ in range(min(CHUNK, n - made)):
            title = f"Senior Backend Engineer ({rng.choice(forms)})"
            parts = [title, ""]
            length = len(title)
            while length < size:
                if rng.random() < 0.15:
                    s = rng.choice(_TECH_SENTENCES).format(
                        a=rng.choice(forms), b=rng.choice(forms), c=rng.choice(forms),
                        d=rng.choice(forms), e=rng.choice(forms))
                elif rng.random() < 0.1:
                    s = rng.choice(_TRAPS)
                else:
                    s = rng.choice(_FILLER)
                parts.append(s)
                length += len(s) + 1
            chunk.append("\n".join(parts)[:size])
        made += len(chunk)
        yield chunk


def _run(extract, bare, chunks) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """One run: each chunk is timed with extract and then bare scan, back to back, so load
    spikes from other processes hit both measurements alike."""
    t_ext = t_bare = 0.0
    count = 0
    for chunk in chunks:
        t = time.perf_counter()
        for text in chunk:
            extract(text)
        t_ext += time.perf_counter() - t
        t = time.perf_counter()
        for text in chunk:
            bare(text)
        t_bare += time.perf_counter() - t
        count += len(chunk)
    return t_ext, t_bare, count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="postings per run (default 100000)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs; the median is reported")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    extractor = SkillExtractor(load_taxonomy())
    build = time.perf_counter() - t0
    automaton = extractor.matcher.automaton  # the same automaton, scanned with no checks at all

    def bare(text: str) -> None:
        for _ in automaton.iter("\n" + text.lower() + "\n"):
            pass

    sample = next(generate(min(args.n, 200), args.seed))
    avg_len = sum(len(t) for t in sample) / len(sample)
    avg_skills = sum(len(extractor.extract(t)) for t in sample) / len(sample)

    ext_rates, bare_rates, ratios = [], [], []
    for _ in range(args.runs):
        t_ext, t_bare, count = _run(extractor.extract, bare, generate(args.n, args.seed))
        ext_rates.append(count / t_ext)
        bare_rates.append(count / t_bare)
        ratios.append(t_bare / t_ext)
    ext = statistics.median(ext_rates)
    base = statistics.median(bare_rates)

    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"taxonomy {extractor.taxonomy.version} ({len(extractor.taxonomy.skills)} skills, "
          f"{extractor.matcher.n_keys} automaton keys, built in {build:.2f}s)")
    print(f"postings: {args.n} per run x {args.runs} runs, avg {avg_len:.0f} chars, "
          f"avg {avg_skills:.1f} skills/posting")
    print(f"extract:   {ext:10,.0f} postings/s  (runs: "
          + ", ".join(f"{r:,.0f}" for r in ext_rates) + ")")
    print(f"bare scan: {base:10,.0f} postings/s  (runs: "
          + ", ".join(f"{r:,.0f}" for r in bare_rates) + ")")
    print(f"ratio extract / bare scan: {statistics.median(ratios):.2f} (median of per-run "
          "paired ratios)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
