"""One generated day through Dagster against the same pure functions called directly, at several sizes.

    python -m bench.endtoend [--sizes 1000 10000 50000] [--direct-sizes 1000 10000] [--repeat 3]
                             [--repeat-size 10000] [--out FILE]

Dagster: `dagster asset materialize` of every partitioned asset for the day (in-process executor, a fresh
DAGSTER_HOME and DuckDB file per run, asset checks included). Direct: `python -m bench.direct`, the same
transforms with bare inserts into DuckDB. Both are whole commands, imports and Kiwi's start-up included, and
run in turns so that load from elsewhere hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.days import FIRST_DAY, landing
from bench.measure import Measured, Spread, emit, run_measured
from news_assets.schemas import ALL_TABLES

BIN = Path(sys.executable).parent
PARTITIONED_KEYS = [f"{table.schema}/{table.table}" for table in ALL_TABLES if table.partitioned] + ["nlp/search_index"]
IN_PROCESS = json.dumps({"execution": {"config": {"in_process": {}}}})
QUIET_INSTANCE = "telemetry:\n  enabled: false\n"


@dataclass(frozen=True, slots=True)
class DayRun:
    pages: int
    dagster: Measured
    direct: Measured | None
    direct_stages: dict | None
    dagster_steps: dict[str, float]


def materialize_command(select: str, *partitions: str) -> list[str]:
    """`dagster asset materialize` of `select` for `partitions` (`--partition D` or `--partition-range A...B`),
    in-process executor."""
    return [
        str(BIN / "dagster"),
        *("asset", "materialize", "-m", "news_assets.definitions", "--select", select),
        *partitions,
        *("--config-json", IN_PROCESS),
    ]


def dagster_command(day: date) -> list[str]:
    return materialize_command(",".join(PARTITIONED_KEYS), "--partition", day.isoformat())


def dagster_env(work: Path, root: Path, start: date) -> dict[str, str]:
    home = work / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(QUIET_INSTANCE, encoding="utf-8")
    return {
        "DAGSTER_HOME": str(home),
        "NEWS_ASSETS_DB": str(work / "news.duckdb"),
        "NEWS_ASSETS_LANDING": str(root),
        "NEWS_ASSETS_START_DATE": start.isoformat(),
        "NEWS_ASSETS_STORAGE": "duckdb",
        "PYTHONWARNINGS": "ignore",
    }


def step_seconds(home: Path) -> dict[str, float]:
    """Each step's duration in the instance's only run, from Dagster's own event log."""
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(home)
    with dg.DagsterInstance.get() as instance:
        run = instance.get_runs(limit=1)[0]
        return {
            stat.step_key: (stat.end_time or 0) - (stat.start_time or 0)
            for stat in instance.get_run_step_stats(run.run_id)
        }


def day_run(pages: int, scratch: Path, with_direct: bool = True) -> DayRun:
    root, day = landing(pages), FIRST_DAY
    work = scratch / f"dagster-{pages}"
    shutil.rmtree(work, ignore_errors=True)
    env = dagster_env(work, root, day)
    dagster = run_measured(dagster_command(day), env=env)
    if dagster.returncode:
        raise RuntimeError(f"dagster run of {pages} pages failed:\n{dagster.stdout[-4000:]}")
    steps = step_seconds(work / "dagster_home")
    shutil.rmtree(work, ignore_errors=True)
    if not with_direct:
        return DayRun(pages, dagster, None, None, steps)

    direct_db = scratch / f"direct-{pages}.duckdb"
    direct_db.unlink(missing_ok=True)
    direct = run_measured(
        [str(BIN / "python"), "-W", "ignore", "-m", "bench.direct", str(root), day.isoformat(), str(direct_db)]
    )
    if direct.returncode:
        raise RuntimeError(f"direct run of {pages} pages failed:\n{direct.stdout[-4000:]}")
    direct_db.unlink(missing_ok=True)
    stages = json.loads(direct.stdout.strip().splitlines()[-1])
    return DayRun(pages, dagster, direct, stages, steps)


def report(runs: dict[int, list[DayRun]], repeat_size: int) -> str:
    lines = [
        "### End to end: one day through Dagster against the same functions called directly",
        "",
        "Each run is a whole command: `dagster asset materialize` of the 11 partitioned assets for one day "
        "(in-process executor, asset checks included, fresh DAGSTER_HOME and DuckDB file) and `python -m "
        "bench.direct` (the same transforms, bare inserts). Peak RSS is the kernel's high-water mark of the "
        "process; cores used = CPU seconds / wall seconds.",
        "",
    ]
    if repeat_size in runs:
        lines += _overhead_table(runs[repeat_size])
    lines += _growth_table(runs)
    lines += _stage_split(runs)
    return "\n".join(lines) + "\n"


def _overhead_table(runs: list[DayRun]) -> list[str]:
    pages = runs[0].pages
    dagster = Spread.of([r.dagster.wall for r in runs])
    direct = Spread.of([r.direct.wall for r in runs])
    overhead = Spread.of([r.dagster.wall / r.direct.wall - 1 for r in runs])
    rss = Spread.of([r.dagster.peak_rss_mb for r in runs])
    direct_rss = Spread.of([r.direct.peak_rss_mb for r in runs])
    cores = Spread.of([r.dagster.cores_used for r in runs])
    direct_cores = Spread.of([r.direct.cores_used for r in runs])
    return [
        f"#### {pages:,} pages, median of {len(runs)} runs (min–max)",
        "",
        "| | Dagster | direct | Dagster / direct |",
        "|---|---|---|---|",
        f"| wall seconds | {dagster.show(1)} | {direct.show(1)} | overhead {100 * overhead.median:+.1f}% "
        f"({100 * overhead.low:+.1f}% … {100 * overhead.high:+.1f}%) |",
        f"| pages/s | {pages / dagster.median:,.0f} | {pages / direct.median:,.0f} | |",
        f"| peak RSS MB | {rss.show()} | {direct_rss.show()} | |",
        f"| cores used | {cores.show(2)} | {direct_cores.show(2)} | |",
        "",
        f"Targets: Dagster and IO overhead ≤ 15% (measured {100 * overhead.median:+.1f}%); peak RSS ≤ 3 GB "
        f"(measured {rss.high:,.0f} MB at most).",
        "",
    ]


def _growth_table(runs: dict[int, list[DayRun]]) -> list[str]:
    sizes = sorted(runs)
    lines = [
        "#### Growth with the size of a day",
        "",
        "| pages | runs | Dagster s | direct s | Dagster ms/page | direct ms/page | Dagster peak RSS MB "
        "| direct peak RSS MB | Dagster overhead |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        day = runs[size]
        dagster = Spread.of([r.dagster.wall for r in day])
        rss = Spread.of([r.dagster.peak_rss_mb for r in day])
        direct_runs = [r.direct for r in day if r.direct]
        if direct_runs:
            direct = Spread.of([m.wall for m in direct_runs])
            direct_rss = Spread.of([m.peak_rss_mb for m in direct_runs])
            direct_cells = (
                f"{direct.show(1)} | {1000 * dagster.median / size:.1f} | {1000 * direct.median / size:.1f} "
                f"| {rss.show()} | {direct_rss.show()} | {100 * (dagster.median / direct.median - 1):+.1f}%"
            )
        else:
            direct_cells = f"not run | {1000 * dagster.median / size:.1f} | | {rss.show()} | |"
        lines.append(f"| {size:,} | {len(day)} | {dagster.show(1)} | {direct_cells} |")
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        time_ratio = _median_wall(runs[large]) / _median_wall(runs[small])
        rss_ratio = _median_rss(runs[large]) / _median_rss(runs[small])
        middle = sizes[-2] if len(sizes) > 2 else small
        per_page = {size: _median_wall(runs[size]) / size for size in sizes}
        rss_per_1k = (
            (_median_rss(runs[large]) - _median_rss(runs[middle])) / ((large - middle) / 1000) if large > middle else 0
        )
        lines += [
            "",
            f"From {small:,} to {large:,} pages ({large / small:.0f}× the pages) the Dagster run took "
            f"{time_ratio:.1f}× the time and {rss_ratio:.1f}× the peak memory. Time per page: "
            + ", ".join(f"{1000 * per_page[size]:.1f} ms at {size:,}" for size in sizes)
            + f"; from {middle:,} to {large:,} pages time grew {per_page[large] / per_page[middle]:.2f}× as fast as the "
            f"pages (1.00 would be exactly linear) and memory by {rss_per_1k:,.0f} MB per 1,000 pages. The "
            "smallest day pays start-up (imports, Kiwi's model, Dagster's instance) on few pages.",
        ]
    return [*lines, ""]


def _stage_split(runs: dict[int, list[DayRun]]) -> list[str]:
    size = max(size for size, day in runs.items() if day[0].direct_stages)
    run = runs[size][0]
    stages = run.direct_stages
    lines = [
        f"#### Where the time goes, {size:,} pages (one run)",
        "",
        "Direct: wall and CPU seconds per stage (CPU counts every thread, so CPU / wall is the cores a stage "
        "kept busy). Dagster: each step's duration from the run's event log, loading inputs, writing outputs "
        "and metadata included.",
        "",
        "| direct stage | wall s | CPU s | cores used |",
        "|---|---|---|---|",
    ]
    for name, wall in stages["wall"].items():
        cpu = stages["cpu"][name]
        lines.append(f"| {name} | {wall:.1f} | {cpu:.1f} | {cpu / wall if wall else 0:.2f} |")
    lines += ["", "| Dagster step | seconds |", "|---|---|"]
    lines += [f"| {step} | {seconds:.1f} |" for step, seconds in sorted(run.dagster_steps.items(), key=_by_value)]
    return [*lines, ""]


def _by_value(item: tuple[str, float]) -> float:
    return -item[1]


def _median_wall(runs: list[DayRun]) -> float:
    return Spread.of([r.dagster.wall for r in runs]).median


def _median_rss(runs: list[DayRun]) -> float:
    return Spread.of([r.dagster.peak_rss_mb for r in runs]).median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--direct-sizes", type=int, nargs="*", default=None, help="sizes with the direct baseline")
    parser.add_argument("--repeat", type=int, default=3, help="runs at --repeat-size")
    parser.add_argument("--repeat-size", type=int, default=10000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    runs: dict[int, list[DayRun]] = {}
    with tempfile.TemporaryDirectory(prefix="news-bench-") as scratch:
        for size in args.sizes:
            landing(size)  # generate before timing anything
        for size in args.sizes:
            times = args.repeat if size == args.repeat_size else 1
            for i in range(times):
                direct = args.direct_sizes is None or size in args.direct_sizes
                run = day_run(size, Path(scratch), with_direct=direct)
                runs.setdefault(size, []).append(run)
                baseline = f"direct {run.direct.wall:.1f} s {run.direct.peak_rss_mb:.0f} MB" if run.direct else ""
                print(
                    f"{size} pages run {i + 1}/{times}: dagster {run.dagster.wall:.1f} s "
                    f"{run.dagster.peak_rss_mb:.0f} MB {baseline}",
                    flush=True,
                )
    text = report(runs, args.repeat_size)
    return emit(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
