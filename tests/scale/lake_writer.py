"""Writer processes for the DuckLake tests, each a process of its own so a test can run several or kill one.

python -m tests.scale.lake_writer day <day>
    materialize the daily job for one KST day through Dagster; storage and landing from NEWS_ASSETS_* vars
python -m tests.scale.lake_writer hold <day> <rows>
    replace <day> of daily.source_volume with <rows> rows inside one transaction, print READY before COMMIT
    and wait on stdin: the test kills it there, or closes stdin to let it commit
python -m tests.scale.lake_writer replace <day> <rows> <times>
    replace <day> of daily.source_volume <times> times, the way the IO manager does; print rows/s
"""

from __future__ import annotations

import sys
import time
from datetime import date

import polars as pl

from news_assets.schemas import DAILY_SOURCE_VOLUME
from news_assets.settings import Settings
from news_assets.storage import connect, transaction


def volume_frame(day: str, rows: int, pages: int = 3) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "news_date": [date.fromisoformat(day)] * rows,
            "outlet": [f"outlet-{i:07d}" for i in range(rows)],
            "pages": [pages] * rows,
            "articles": [2] * rows,
            "duplicates": [0] * rows,
            "rejects": [pages - 2] * rows,
        },
        schema=DAILY_SOURCE_VOLUME.polars_schema,
    )


def replace_day(conn, day: str, frame: pl.DataFrame) -> None:
    """The IO manager's write: the day's delete and insert; the caller holds the transaction."""
    conn.execute(f"DELETE FROM {DAILY_SOURCE_VOLUME.qualified_name} WHERE news_date = ?", [date.fromisoformat(day)])
    conn.register("_frame", frame.to_arrow())
    conn.execute(f"INSERT INTO {DAILY_SOURCE_VOLUME.qualified_name} BY NAME SELECT * FROM _frame")
    conn.unregister("_frame")


def ensure_table(conn) -> None:
    conn.execute("CREATE SCHEMA IF NOT EXISTS daily")
    conn.execute(DAILY_SOURCE_VOLUME.create_sql())


def run_day(day: str) -> int:
    import dagster as dg

    from news_assets.definitions import build_definitions

    settings = Settings.from_env()
    with dg.DagsterInstance.ephemeral() as instance:
        result = (
            build_definitions(settings)
            .resolve_job_def("daily_news_job")
            .execute_in_process(instance=instance, partition_key=day, raise_on_error=False)
        )
    return 0 if result.success else 1


def hold(day: str, rows: int) -> int:
    conn = connect(Settings.from_env().storage_config)
    frame = volume_frame(day, rows, pages=7)
    with transaction(conn):
        replace_day(conn, day, frame)
        print("READY", flush=True)
        sys.stdin.read()  # killed here, or released by the test closing stdin
    return 0


def replace(day: str, rows: int, times: int) -> int:
    storage = Settings.from_env().storage_config
    frame = volume_frame(day, rows)
    with connect(storage) as conn:
        for attempt in range(10):  # concurrent writers creating the schema at once: the loser retries
            try:
                ensure_table(conn)
                break
            except Exception:
                time.sleep(0.1 * (attempt + 1))
    started = time.perf_counter()
    for _ in range(times):
        conn = connect(storage)
        try:
            with transaction(conn):
                replace_day(conn, day, frame)
        finally:
            conn.close()
    elapsed = time.perf_counter() - started
    print(f"{rows * times / elapsed:.0f} rows/s {times / elapsed:.2f} tx/s", flush=True)
    return 0


def main(argv: list[str]) -> int:
    command, *args = argv
    if command == "day":
        return run_day(args[0])
    if command == "hold":
        return hold(args[0], int(args[1]))
    if command == "replace":
        return replace(args[0], int(args[1]), int(args[2]))
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
