"""python -m news_assets_sample --out data/sample --start 2026-11-13 --days 10 --pages-per-day 36 --seed 20261113"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from .corpus import generate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m news_assets_sample", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("data/sample"), help="folder to write the days into")
    parser.add_argument("--start", type=date.fromisoformat, default=date(2026, 11, 13), help="first KST day")
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--pages-per-day", type=int, default=36)
    parser.add_argument("--seed", type=int, default=20261113)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folders = generate(args.out, args.start, args.days, args.pages_per_day, args.seed)
    pages = sum(1 for f in folders for _ in (f / "pages").iterdir())
    print(f"wrote {len(folders)} days, {pages} pages under {args.out} in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
