"""Benchmark ``jobpulse skills extract`` against a plain Aho-Corasick scan of the same texts.

Usage::

    python -m bench.bench_skills [--n 100000] [--runs 3] [--seed 7]

Postings are generated deterministically (seeded) from templates: backend-ad sentences with
skill mentions (canonical names and aliases drawn from the taxonomy, including ambiguous
words such as Go, React, Spring, R and C) mixed with ordinary English filler, ~3 KB each, and
written to a JSON Lines file (``{"id", "title", "text"}``).

Each run times, back to back so that load from other processes hits both alike:

* **command**: the whole ``jobpulse skills extract FILE`` process (start-up, taxonomy, reading,
  extracting, writing its JSON Lines output to a file), wall clock;
* **plain scan**: the baseline a plain implementation gets, in this process over the same
  texts (title and text) already in memory: one pyahocorasick automaton of the taxonomy's
  lower-cased forms (the same keys as the extractor's, without its boundary-prefixed
  spellings), ``automaton.iter_long`` (leftmost-longest) over the lower-cased text, and a
  word-boundary check on both sides of each match (neither neighbour a letter, digit or
  ``_``). ``iter_long`` is the faster of pyahocorasick's two scans here; ``iter`` (every
  overlapping match) is reported too.

Reported: postings/s of each (median of ``--runs`` runs, and every run) and the ratio command
/ plain scan (median of the per-run ratios). The in-process rate of ``SkillExtractor.extract``
alone is printed for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ahocorasick

from bench.summary import record
from pipeline.normalize.skills import SkillExtractor, load_taxonomy
from pipeline.normalize.skills.matcher import _forms

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


def write_postings(path: Path, n: int, seed: int) -> list[str]:
    """Write ``n`` generated postings as the command reads them; return the texts it scans
    (title and text of each, joined by a line break)."""
    texts: list[str] = []
    with open(path, "w", encoding="utf-8") as out:
        for chunk in generate(n, seed):
            for posting in chunk:
                title, _, text = posting.partition("\n")
                out.write(json.dumps({"id": f"bench-{len(texts)}", "title": title,
                                      "text": text}, ensure_ascii=False) + "\n")
                texts.append(posting)
    return texts


def plain_scanner(long: bool = True) -> Callable[[str], list[tuple[int, int]]]:
    """The baseline: the taxonomy's forms in one pyahocorasick automaton, word-bounded hits."""
    automaton: Any = ahocorasick.Automaton()
    for key in _forms(load_taxonomy()):
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    scan = automaton.iter_long if long else automaton.iter

    def plain(text: str) -> list[tuple[int, int]]:
        low = text.lower()
        n = len(low)
        hits = []
        for end, size in scan(low):
            start = end - size + 1
            if (start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_")) and (
                end + 1 == n or not (low[end + 1].isalnum() or low[end + 1] == "_")
            ):
                hits.append((start, end + 1))
        return hits

    return plain


def _timed_scan(scan: Callable[[str], object], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        scan(text)
    return len(texts) / (time.perf_counter() - started)


def _timed_command(path: Path, out: Path) -> float:
    """Postings/s of the whole ``jobpulse skills extract`` process (wall clock)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    started = time.perf_counter()
    with open(out, "wb") as sink:
        subprocess.run([sys.executable, "-m", "pipeline.cli", "skills", "extract", str(path)],
                       stdout=sink, env=env, check=True)
    elapsed = time.perf_counter() - started
    with open(out, "rb") as fh:
        lines = sum(1 for _ in fh)
    return lines / elapsed


def _rates(label: str, rates: list[float]) -> str:
    return (f"{label:<14}{statistics.median(rates):10,.0f} postings/s  (runs: "
            + ", ".join(f"{r:,.0f}" for r in rates) + ")")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="postings per run (default 100000)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs; medians are reported")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "postings.jsonl"
        texts = write_postings(path, args.n, args.seed)
        extractor = SkillExtractor(load_taxonomy())
        plain, plain_all = plain_scanner(long=True), plain_scanner(long=False)
        sample = texts[:200]
        avg_len = sum(len(t) for t in sample) / len(sample)
        avg_skills = sum(len(extractor.extract(t)) for t in sample) / len(sample)
        cmd, base, base_all, ratios = [], [], [], []
        for _ in range(args.runs):
            cmd.append(_timed_command(path, Path(tmp) / "out.jsonl"))
            base.append(_timed_scan(plain, texts))
            base_all.append(_timed_scan(plain_all, texts))
            ratios.append(cmd[-1] / base[-1])
        inproc = _timed_scan(extractor.extract, texts[: min(len(texts), 20_000)])

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
          f"taxonomy {extractor.taxonomy.version} ({len(extractor.taxonomy.skills)} skills)")
    print(f"postings: {args.n:,} per run x {args.runs} runs, avg {avg_len:.0f} chars, "
          f"avg {avg_skills:.1f} skills/posting")
    print(_rates("command:", cmd))
    print(_rates("plain scan:", base))
    print(_rates("plain (iter):", base_all))
    print(f"extract, in-process, one core: {inproc:,.0f} postings/s")
    print(f"ratio command / plain scan: {statistics.median(ratios):.2f} (median of per-run "
          "ratios: " + ", ".join(f"{r:.2f}" for r in ratios) + ")")
    record("skills", f"`jobpulse skills extract` on {args.n:,} postings vs a plain "
           "pyahocorasick scan", f"{statistics.median(cmd):,.0f} vs {statistics.median(base):,.0f}"
           f" postings/s, ratio {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
