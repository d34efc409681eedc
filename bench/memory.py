"""Peak memory of one backfill run against the length of its range: the same generated days, 7 and 60 at a time.

    python -m bench.memory [--ranges 7 60] [--pages 2000] [--select ASSETS] [--upstream ASSETS] [--out FILE]

Each range is one `dagster asset materialize --partition-range first...last` run (in-process executor, a fresh
DAGSTER_HOME and DuckDB file), measured as a whole command (peak RSS of the process, from the kernel). By default
the run is the whole daily job: every partitioned asset of a day (raw, clean, nlp, search, daily aggregates and
stories), each reading and writing its range one day at a time (`DayFrames` in, `DayWriter` out, one
transaction per day), so the peak should not grow with the range. `--upstream` assets are materialized first
for the same range, in a run of their own that is not measured, so one step is measured alone, e.g. the NLP step:

    python -m bench.memory --pages 300 --upstream raw/pages,clean/articles,clean/rejects,clean/fingerprints \
        --select nlp/mentions,nlp/person_roles,nlp/quotes,nlp/keywords
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from bench.days import FIRST_DAY, landing
from bench.endtoend import PARTITIONED_KEYS, dagster_env, materialize_command
from bench.measure import Measured, emit, run_measured

# The whole daily job: every partitioned asset of a day.
DEFAULT_SELECT = ",".join(PARTITIONED_KEYS)


def range_run(
    days: int, pages: int, select: str, scratch: Path, upstream: str | None = None, landing_days: int | None = None
) -> Measured:
    """One run of the first `days` days of a landing of `landing_days` generated days (the longest range's
    landing serves every range: the run reads only its partition range)."""
    root = landing(pages, landing_days or days)
    last = FIRST_DAY + timedelta(days=days - 1)
    work = scratch / f"range-{days}"
    shutil.rmtree(work, ignore_errors=True)
    env = dagster_env(work, root, FIRST_DAY)
    partition_range = ("--partition-range", f"{FIRST_DAY.isoformat()}...{last.isoformat()}")
    if upstream:
        prepared = run_measured(materialize_command(upstream, *partition_range), env=env)
        if prepared.returncode:
            raise RuntimeError(f"the {days}-day upstream run failed:\n{prepared.stdout[-4000:]}")
    measured = run_measured(materialize_command(select, *partition_range), env=env)
    shutil.rmtree(work, ignore_errors=True)
    if measured.returncode:
        raise RuntimeError(f"the {days}-day run failed:\n{measured.stdout[-4000:]}")
    return measured


def report(runs: dict[int, Measured], pages: int, select: str, upstream: str | None = None) -> str:
    after = f" (after `{upstream}`, not measured)" if upstream else ""
    assets = "the whole daily job (every partitioned asset)" if select == DEFAULT_SELECT else f"assets `{select}`"
    lines = [
        f"One run per range of {pages}-page days, {assets}{after}:",
        "",
        "| days in the run | pages | wall s | peak RSS MB |",
        "|---:|---:|---:|---:|",
    ]
    for days, measured in sorted(runs.items()):
        lines.append(f"| {days} | {days * pages:,} | {measured.wall:.0f} | {measured.peak_rss_mb:.0f} |")
    smallest, largest = min(runs), max(runs)
    growth = runs[largest].peak_rss_mb - runs[smallest].peak_rss_mb
    lines += ["", f"Largest range run: {largest} days ({largest * pages:,} pages) in one run"]
    if largest > smallest:
        lines[-1] += (
            f"; peak RSS {growth:+.0f} MB from {smallest} to {largest} days "
            f"({growth / ((largest - smallest) * pages) * 1000:+.1f} MB per 1,000 more pages in the range)."
        )
    else:
        lines[-1] += " (one range: give two or more to see the growth)."
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--ranges", type=int, nargs="+", default=[7, 60])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--select", default=DEFAULT_SELECT)
    parser.add_argument("--upstream", help="assets materialized first for the range, not measured")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as scratch:
        runs = {}
        for days in args.ranges:
            runs[days] = range_run(days, args.pages, args.select, Path(scratch), args.upstream, max(args.ranges))
            # A long run's ranges take hours: each one's figure is shown as soon as it is known.
            print(f"{days} days: {runs[days].wall:.0f} s, peak RSS {runs[days].peak_rss_mb:.0f} MB", flush=True)
    return emit(report(runs, args.pages, args.select, args.upstream), args.out)


if __name__ == "__main__":
    raise SystemExit(main())
