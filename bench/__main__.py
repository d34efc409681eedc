"""`make bench`: every benchmark in one run, each writing its section, then docs/benchmarks.md.

    python -m bench [--quick]

--quick runs small sizes only (what the test suite uses so that the benchmark code cannot rot).
"""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench import entities, extraction

DOCS = Path(__file__).resolve().parents[1] / "docs"
SECTIONS = (
    ("Extraction: our extractor against trafilatura", "benchmarks-extraction.md"),
    ("Entities, roles and quotes: quality on the gold set and speed against Kiwi alone", "benchmarks-entities.md"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--out", type=Path, default=DOCS / "benchmarks.md")
    args = parser.parse_args(argv)
    out_dir = args.out.parent
    out_dir.mkdir(parents=True, exist_ok=True)

    extraction_args = ["--out", str(out_dir / "benchmarks-extraction.md")]
    entities_args = ["--out", str(out_dir / "benchmarks-entities.md")]
    if args.quick:
        extraction_args += ["--limit", "3"]
        entities_args += ["--repeat", "1"]
    for _, name in SECTIONS:
        # A section left from an earlier run must not pass for this run's figures.
        (out_dir / name).unlink(missing_ok=True)
    status = extraction.main(extraction_args) or entities.main(entities_args)

    parts = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`python -m bench`) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"Python {platform.python_version()}, {platform.machine()}, {_cores()} cores. "
        "Ratios compare tools measured in the same run; absolute times on shared machines are noisy.",
        "",
    ]
    for title, name in SECTIONS:
        section = out_dir / name
        body = section.read_text(encoding="utf-8") if section.exists() else "_skipped: see the run's output_\n"
        parts += [f"## {title}", "", _demote(body), ""]
    args.out.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {args.out}")
    return status


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _demote(markdown: str) -> str:
    """Nest a section's own headings under this document's section heading."""
    return "\n".join("##" + line if line.startswith("#") else line for line in markdown.splitlines())


if __name__ == "__main__":
    sys.exit(main())
