"""Generated landing days for the scale benchmarks, written once by the sample generator and kept in bench/out/.

A 10,000-page day takes about a minute to write, so each (pages, days, seed) set is cached; the folder is
git-ignored and `make clean` leaves it alone (delete bench/out/ to regenerate). NEWS_ASSETS_BENCH_DAYS
puts the cache elsewhere (the smoke test uses a temporary folder).
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from news_assets_sample import generate

CACHE = Path(os.environ.get("NEWS_ASSETS_BENCH_DAYS", Path(__file__).resolve().parent / "out" / "days"))
FIRST_DAY = date(2026, 3, 2)
SEED = 20261127


def landing(pages_per_day: int, days: int = 1, start: date = FIRST_DAY) -> Path:
    """A landing folder holding `days` generated days of `pages_per_day` pages each, from `start`."""
    root = CACHE / f"{start.isoformat()}-{days}d-{pages_per_day}p"
    if (root / ".complete").exists():
        return root
    partial = root.with_name(root.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    generate(partial, start, days, pages_per_day, SEED)
    shutil.rmtree(partial / "_truth", ignore_errors=True)  # the benchmarks measure speed, not quality
    (partial / ".complete").touch()
    shutil.rmtree(root, ignore_errors=True)
    partial.rename(root)
    return root
