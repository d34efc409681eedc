"""Peak memory of each day's write of raw.pages into one growing DuckDB file, in one process.

    python -m bench.day_writes [--days 40] [--pages 2000] [--landing-days 60] [--merge-row-groups]

The days are the generated landing of `bench.days` (one `DayWriter.write` per day, as raw/pages does it). For each
day the process's high-water mark is reset (/proc/self/clear_refs) before the write, so the figure is that one
write's peak: it should not grow with the days already in the file. `--merge-row-groups` lets DuckDB's checkpoint
merge the table's row groups again (its default), to see what the storage's `max_vacuum_tasks 0` avoids.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.days import FIRST_DAY, landing
from news_assets.defs.io_manager import DayWriter
from news_assets.defs.storage import NewsStorage
from news_assets.schemas import RAW_PAGES
from news_assets.sources.base import LandingSource
from news_assets.storage.connect import FILE_CONNECTION_CONFIG
from news_assets.transform.pages import pages_frame


def status_mb() -> dict[str, int]:
    with open("/proc/self/status", encoding="ascii") as f:
        return {k: int(v.split()[0]) // 1024 for k, v in (line.split(":", 1) for line in f) if k in ("VmHWM", "VmRSS")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--days", type=int, default=40)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--landing-days", type=int, default=60, help="the generated landing read (bench.memory's)")
    parser.add_argument("--merge-row-groups", action="store_true")
    args = parser.parse_args(argv)
    if args.merge_row_groups:
        FILE_CONNECTION_CONFIG.pop("max_vacuum_tasks", None)
    source = LandingSource(landing(args.pages, max(args.days, args.landing_days)))
    with tempfile.TemporaryDirectory(prefix="bench-day-writes-") as scratch:
        database = Path(scratch) / "news.duckdb"
        writer = DayWriter(NewsStorage(database=str(database)), RAW_PAGES)
        print("| day | pages | write peak MB | RSS after MB | file MB | s |\n|---:|---:|---:|---:|---:|---:|")
        for i in range(args.days):
            day = FIRST_DAY + timedelta(days=i)
            frame = pages_frame(source.pages(day))
            Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again from the RSS
            started = time.perf_counter()
            writer.write(day, frame)
            mb = status_mb()
            size = database.stat().st_size >> 20
            print(
                f"| {i + 1} | {frame.height} | {mb['VmHWM']} | {mb['VmRSS']} | {size} | {time.perf_counter() - started:.1f} |"
            )
            del frame
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
