"""``python -m bench [NAME ...]``: run the benchmarks (all by default) and print their figures.

Benchmarks measure; they never assert a time. Each prints medians of several runs.
"""

from __future__ import annotations

import importlib
import sys
import time

BENCHMARKS: dict[str, tuple[str, list[str]]] = {
    "skills": ("bench.bench_skills", []),
    "normalize": ("bench.bench_normalize", []),
    "rebuild": ("bench.bench_rebuild", []),
    "crawl": ("bench.bench_crawl", []),
    "warehouse-100k": ("bench.bench_warehouse", ["--n", "100000"]),
    "warehouse-1m": ("bench.bench_warehouse", ["--n", "1000000"]),
    "dashboard": ("bench.bench_dashboard", []),
    "distributed": ("bench.bench_distributed", []),
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    from pipeline.normalize._compiled import PURE_PYTHON_ENV, compiled_status
    from pipeline.normalize.dedup.shingles import ascii_scan

    running, total = compiled_status()
    # The figures depend on it: setup.py's extensions, or the plain modules.
    print(f"normalizers: {running} of {total} modules compiled"
          + ("" if running == total else
             f" (the others run from their source: `make compile`, or {PURE_PYTHON_ENV}=1)")
          + f"; shingle scan {'compiled' if ascii_scan() else 'not built (numpy path)'}",
          flush=True)
    not_run: list[str] = []
    for name in names:
        print(f"=== {name}", flush=True)
        started = time.monotonic()
        module_name, args = BENCHMARKS[name]
        try:
            importlib.import_module(module_name).main(args)
        except SystemExit as exc:
            # A benchmark that cannot run here (no chromium, no redis-server) says why; the
            # others still run and the summary still prints.
            if exc.code not in (None, 0):
                print(f"=== {name} not run: {exc.code}", flush=True)
                not_run.append(name)
                continue
        print(f"=== {name} done in {time.monotonic() - started:.0f}s", flush=True)
    from bench.summary import FIGURES, table

    if FIGURES:
        print("\n=== summary (the table docs/performance.md keeps)\n" + table(), flush=True)
    if not_run:
        print(f"not run: {', '.join(not_run)}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
