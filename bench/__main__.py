"""`make bench`: every benchmark in one run, each writing its section, then docs/benchmarks.md.

    python -m bench [--quick] [--only NAME ...]

--quick runs small sizes only (what the test suite uses so that the benchmark code cannot rot). The full run
generates its days once into bench/out/ (a 50,000-page day takes a few minutes to write) and takes about an
hour on 2 cores, most of it the 50,000-page day and the year.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench import (
    ccnews,
    endtoend,
    entities,
    entities_real,
    extraction,
    hotspots,
    memory,
    quotes_real,
    stages,
    stories,
    year,
)
from news_assets.transform.parallel import available_cores

DOCS = Path(__file__).resolve().parents[1] / "docs"
# Written by hand (what the figures mean, which targets are missed and why); appended to every run's document.
NOTES = "benchmarks-notes.md"


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    title: str
    file: str
    run: Callable[[list[str]], int | None]
    full: tuple[str, ...]
    quick: tuple[str, ...]


SECTIONS = (
    Section(
        "extraction",
        "Extraction: our extractor against trafilatura",
        "benchmarks-extraction.md",
        extraction.main,
        (),
        ("--limit", "3"),
    ),
    Section(
        "entities",
        "Entities, roles and quotes: quality on the gold set and speed against Kiwi alone",
        "benchmarks-entities.md",
        entities.main,
        (),
        ("--repeat", "1"),
    ),
    Section(
        "quotes",
        "Who said what on real news: quotes, speakers and roles",
        "benchmarks-quotes.md",
        quotes_real.main,
        (),
        (),
    ),
    Section(
        "entities_real",
        "People, organisations and places on real news from outlets the tagger never trained on",
        "benchmarks-entities-real.md",
        entities_real.main,
        (),
        (),
    ),
    Section(
        "stages",
        "Each stage against its limit",
        "benchmarks-stages.md",
        stages.main,
        ("--pages", "2000", "--repeat", "3"),
        ("--pages", "40", "--repeat", "1", "--trafilatura-every", "10"),
    ),
    Section(
        "endtoend",
        "End to end through Dagster, and growth with the size of a day",
        "benchmarks-endtoend.md",
        endtoend.main,
        (
            "--sizes",
            "1000",
            "10000",
            "50000",
            "--direct-sizes",
            "1000",
            "10000",
            "--repeat",
            "5",
            "--repeat-size",
            "10000",
        ),
        ("--sizes", "40", "--repeat", "1", "--repeat-size", "40"),
    ),
    Section(
        "stories",
        "Stories: grouping quality against the generator's events, and cost within a day's run",
        "benchmarks-stories.md",
        stories.main,
        ("--sample", "--pages", "10000"),
        ("--pages", "40", "--days", "2"),
    ),
    Section(
        "ccnews",
        "CC-NEWS: scanning WARC files for Korean pages against fastwarc",
        "benchmarks-ccnews.md",
        ccnews.main,
        ("--size-mb", "1024", "--http"),
        ("--size-mb", "2", "--repeat", "1"),
    ),
    Section(
        "year",
        "A year of daily partitions",
        "benchmarks-year.md",
        year.main,
        ("--backfill-pages", "20", "--year-pages", "2000", "--days", "365", "--repeat", "5"),
        ("--backfill-pages", "2", "--year-pages", "30", "--days", "4", "--repeat", "1"),
    ),
    Section(
        "memory",
        "Memory of a backfill run against its range",
        "benchmarks-range.md",
        memory.main,
        ("--ranges", "7", "60", "--pages", "2000"),
        ("--ranges", "2", "3", "--pages", "10"),
    ),
    Section(
        "profile",
        "Hot spots: profile before and after",
        "benchmarks-profile.md",
        hotspots.main,
        ("--pages", "10000"),
        ("--pages", "40", "--before", ""),
    ),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--only", nargs="+", choices=[s.name for s in SECTIONS], help="run these sections only")
    parser.add_argument("--out", type=Path, default=DOCS / "benchmarks.md")
    parser.add_argument(
        "--assemble",
        action="store_true",
        help="run nothing: rebuild the roll-up from the section files as they are (after re-running one section)",
    )
    args = parser.parse_args(argv)
    out_dir = args.out.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = [] if args.assemble else [s for s in SECTIONS if not args.only or s.name in args.only]
    started = datetime.now(UTC)
    status = 0
    for section in chosen:
        target = out_dir / section.file
        # A section left from an earlier run must not pass for this run's figures.
        target.unlink(missing_ok=True)
        print(f"== {section.name}", flush=True)
        status |= section.run([*(section.quick if args.quick else section.full), "--out", str(target)]) or 0

    if args.assemble:
        written = (
            f"Assembled by `python -m bench --assemble` on {started:%Y-%m-%d %H:%M} UTC from the section files as they"
            " stood: each section was written by its own run (its text says which command and when), so figures of"
            " different sections may come from different days and loads."
        )
    else:
        written = (
            f"Written by `make bench` (`python -m bench{' --quick' if args.quick else ''}`), started "
            f"{started:%Y-%m-%d %H:%M} UTC and finished {datetime.now(UTC):%H:%M} UTC."
        )
    parts = [
        "# Benchmarks",
        "",
        f"{written} Machine: {_machine()}. "
        f"Versions: {_versions()}. Ratios compare tools measured in the same run; absolute times on shared "
        "machines are noisy. Generated days come from the sample generator (`packages/sample/news_assets_sample/`).",
        "",
    ]
    for section in SECTIONS:
        path = out_dir / section.file
        body = path.read_text(encoding="utf-8") if path.exists() else "_not run in this run: see its output_\n"
        parts += [f"## {section.title}", "", _demote(body), ""]
    notes = out_dir / NOTES
    if notes.exists():
        parts += ["## Reading these results", "", _demote(notes.read_text(encoding="utf-8")), ""]
    args.out.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {args.out}")
    return status


def _machine() -> str:
    cores = available_cores()
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    return f"{platform.machine()}, {cores} cores{memory}, Python {platform.python_version()}"


def _versions() -> str:
    names = ("dagster", "duckdb", "polars", "selectolax", "kiwipiepy", "trafilatura")
    found = []
    for name in names:
        try:
            found.append(f"{name} {version(name)}")
        except Exception:
            continue
    return ", ".join(found)


def _demote(markdown: str) -> str:
    """Nest a section's own headings under this document's section heading."""
    return "\n".join("##" + line if line.startswith("#") else line for line in markdown.splitlines())


if __name__ == "__main__":
    sys.exit(main())
