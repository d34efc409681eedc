"""`make demo` (python scripts/demo.py): land the bundled sample, materialize every asset for every sample day,
show what was made.

Runs go through the Dagster instance in $DAGSTER_HOME, so `make ui` afterwards shows them, their
materializations and their checks.
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

import dagster as dg
import duckdb
from news_assets_sample import SAMPLE_DIR, land_sample

from news_assets.definitions import build_definitions
from news_assets.schemas import ALL_TABLES
from news_assets.settings import Settings
from news_assets.storage import StorageConfig, connect
from news_assets.storage.read_copy import snapshot_path

EXAMPLE_COMMANDS = (
    ("The last day's top stories, ranked by the outlets that carried them", "stories --limit 5"),
    ("Korean full-text search: 수출 finds 수출했다, 수출이 …", 'search "반도체 수출" --limit 5'),
    ("Who said what about 수출", "quotes --about 수출"),
)

# Step logs stay in the run (see `make ui`); the terminal gets warnings and the summary.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}

EXAMPLE_QUERIES = (
    (
        "Top entities of the last day",
        "SELECT name, type, mentions, articles, outlets FROM daily.entity_counts "
        "WHERE news_date = (SELECT max(news_date) FROM daily.entity_counts) ORDER BY mentions DESC LIMIT 10;",
    ),
    (
        "Who held which title, and where",
        "SELECT person, title, affiliation, count(*) AS articles FROM nlp.person_roles "
        "GROUP BY ALL ORDER BY articles DESC LIMIT 10;",
    ),
    (
        "Volume and rejects per outlet and day",
        "SELECT news_date, outlet, pages, articles, duplicates, rejects FROM daily.source_volume "
        "ORDER BY news_date, outlet;",
    ),
)


def run(settings: Settings, sample: Path) -> None:
    started = time.perf_counter()
    days = land_sample(sample, settings.landing)
    first, last = days[0].isoformat(), days[-1].isoformat()
    print(f"Landed {len(days)} sample days ({first} … {last}) into {settings.landing}")

    defs = build_definitions(settings)
    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def("daily_news_job").execute_in_process(
            instance=instance,
            run_config=QUIET,
            tags={"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last},
        )
        if not result.success:
            raise SystemExit("daily_news_job failed: see the run in `make ui`")
        result = defs.resolve_job_def("catalog_job").execute_in_process(instance=instance, run_config=QUIET)
        if not result.success:
            raise SystemExit("catalog_job failed: see the run in `make ui`")
    print(f"Materialized every asset for {first} … {last} in {time.perf_counter() - started:.1f} s\n")
    summarize(snapshot_path(settings.database), settings.storage_config)  # the copy publish/read_copy made


def pad(text: str, width: int) -> str:
    """Left-align for a terminal, where a Hangul syllable takes two columns."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - columns, 0)


def summarize(database: Path, storage: StorageConfig | None = None) -> None:
    """Rows per table and the last day's top entities: of the read copy `database`, or of the lake."""
    lake = storage is not None and storage.is_lake
    with connect(storage, read_only=True) if lake else duckdb.connect(str(database), read_only=True) as conn:
        print(f"Tables in {storage.describe() if lake else database}:")
        for table in ALL_TABLES:
            rows = conn.execute(f"SELECT count(*) FROM {table.qualified_name}").fetchone()[0]
            print(f"  {table.qualified_name:<22} {rows:>8,} rows")
        last = conn.execute("SELECT max(news_date) FROM daily.entity_counts").fetchone()[0]
        print(f"\nTop 10 entities on {last}:")
        top = conn.execute(EXAMPLE_QUERIES[0][1]).fetchall()
        for name, kind, mentions, articles, outlets in top:
            print(f"  {pad(name, 22)} {kind:<8} {mentions:>4} mentions in {articles} articles, {outlets} outlets")
    if lake:
        print("\nQuery it (docs/ducklake.md): .venv/bin/python -m news_assets.storage > lake.sql, then")
        for title, sql in EXAMPLE_QUERIES:
            print(f'\n  # {title}\n  .venv/bin/duckdb -unsigned -init lake.sql -c "{sql}"')
        return
    shown = database.relative_to(Path.cwd()) if database.is_relative_to(Path.cwd()) else database
    print("\nQuery it (paste into a shell):")
    for title, sql in EXAMPLE_QUERIES:
        print(f'\n  # {title}\n  .venv/bin/duckdb -readonly {shown} "{sql}"')
    print("\nOr ask the command line (it reads the same read copy):")
    for title, command in EXAMPLE_COMMANDS:
        print(f"\n  # {title}\n  .venv/bin/news-assets {command} --database {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=Path, default=SAMPLE_DIR, help="sample corpus to land")
    parser.add_argument("--summary-only", action="store_true", help="only print what the database holds")
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.summary_only:
        summarize(snapshot_path(settings.database), settings.storage_config)
    else:
        run(settings, args.sample)


if __name__ == "__main__":
    main()
