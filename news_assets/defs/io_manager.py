"""The IO manager: polars frames in and out of the tables of `news_assets.schemas`, in either storage mode.

The project's own, on duckdb + polars and Dagster's public `ConfigurableIOManager` (it replaced a subclass of
dagster-duckdb-polars, which needed Dagster's private modules). What it guarantees:

- a day's delete and insert run in one transaction: a crash mid-write leaves the old rows, never half, and a
  DuckLake reader never sees the day empty or partial;
- a partitioned table's rows are replaced by `news_date` (a DATE, so the delete always matches), for exactly the
  days of the run's partition window; an unpartitioned table is replaced whole;
- tables are created from the schemas and rows inserted BY NAME, so a frame's column order cannot shift data;
- an empty frame still creates its table, so a downstream asset never fails on a day with no rows;
- inputs load as typed frames (`.pl()`), only the columns an input asks for (`AssetIn(metadata={"columns": …})`);
- DuckLake mode: the schema and table are created in their own short transaction first (two writers creating
  them at once conflict; the loser retries and finds them), and a day whose commit still conflicts after
  DuckLake's own retries is written again from the start (the frame is in memory).

Bounded memory over a range: an input declared with `AssetIn(metadata={"by_day": True})` loads as `DayFrames`,
read one day at a time, and an asset that writes its days itself (`DayWriter`, the same one-transaction-per-day
replace) returns `DaysWritten`, which the IO manager only records. A backfill of a year in one run then holds one
day at a time, never the range.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import dagster as dg
import duckdb
import polars as pl

from news_assets.defs.partitions import first_and_last_day
from news_assets.defs.storage import NewsStorage
from news_assets.kst import days_between
from news_assets.schemas import BY_NAME, TableSchema
from news_assets.storage import ensure_tables, select_days, transaction

# A day whose DuckLake commit still conflicts after DuckLake's own retries is written again this many times.
WRITE_ATTEMPTS = 3
_FRAME = "_news_assets_frame"


def table_for(key: dg.AssetKey) -> TableSchema:
    qualified = ".".join(key.path)
    try:
        return BY_NAME[qualified]
    except KeyError:
        raise KeyError(f"{qualified} has no schema in news_assets.schemas") from None


def _days(context: dg.InputContext | dg.OutputContext) -> tuple[date, date] | None:
    if not context.has_asset_partitions:
        return None
    return first_and_last_day(context.asset_partitions_time_window)


def replace_rows(
    conn: duckdb.DuckDBPyConnection, table: TableSchema, frame: pl.DataFrame, days: tuple[date, date] | None
) -> None:
    """In one transaction: delete the days (or the whole table) and insert the frame by name."""
    with transaction(conn):
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {table.schema}")
        conn.execute(table.create_sql())
        if days is None:
            conn.execute(f"DELETE FROM {table.qualified_name}")
        else:
            conn.execute(f"DELETE FROM {table.qualified_name} WHERE news_date BETWEEN ? AND ?", list(days))
        if frame.height:
            conn.register(_FRAME, frame.to_arrow())
            try:
                conn.execute(f"INSERT INTO {table.qualified_name} BY NAME SELECT * FROM {_FRAME}")
            finally:
                conn.unregister(_FRAME)


def write_rows(
    storage: NewsStorage,
    table: TableSchema,
    frame: pl.DataFrame,
    days: tuple[date, date] | None,
    log: dg.DagsterLogManager | None = None,
) -> None:
    """`replace_rows` on a connection of `storage`, written again on a DuckLake commit conflict."""
    frame = frame.select(table.names)
    config = storage.config()
    attempts = WRITE_ATTEMPTS if config.is_lake else 1
    for attempt in range(1, attempts + 1):
        try:
            with storage.connection() as conn:
                if config.is_lake:
                    ensure_tables(conn, table)
                replace_rows(conn, table, frame, days)
            return
        except duckdb.TransactionException as e:
            if attempt == attempts:
                raise
            if log is not None:
                log.warning(f"DuckLake commit conflict, writing {table.qualified_name} again ({attempt}): {e}")
            time.sleep(random.uniform(0.2, 1.0) * attempt)


@dataclass
class DaysWritten:
    """An asset's output when it wrote its days itself (`DayWriter`): the IO manager records, never writes."""

    table: str
    rows: int = 0
    days: int = 0
    rows_per_day: dict[str, int] = field(default_factory=dict)


class DayWriter:
    """Writes one day of `table` at a time, each day's delete and insert in one transaction."""

    def __init__(self, storage: NewsStorage, table: TableSchema, log: dg.DagsterLogManager | None = None) -> None:
        self.storage = storage
        self.table = table
        self.log = log
        self.written = DaysWritten(table.qualified_name)

    def write(self, day: date, frame: pl.DataFrame) -> None:
        write_rows(self.storage, self.table, frame, (day, day), self.log)
        # A day written again (its inputs moved under it, news_assets.transform.settle) counts once.
        self.written.rows_per_day[day.isoformat()] = frame.height
        self.written.rows = sum(self.written.rows_per_day.values())
        self.written.days = len(self.written.rows_per_day)


@dataclass(frozen=True)
class DayFrames:
    """A partitioned input loaded one day at a time: `for day, frame in days: …` (days without rows give empty
    frames, so a day whose upstream became empty is still replaced)."""

    storage: NewsStorage
    table: TableSchema
    columns: list[str] | None
    days: list[date]

    def load(self, day: date) -> pl.DataFrame:
        with self.storage.connection() as conn:
            return select_days(conn, self.table, self.columns or self.table.names, day, day)

    def __iter__(self) -> Iterator[tuple[date, pl.DataFrame]]:
        for day in self.days:
            yield day, self.load(day)


class TableIOManager(dg.ConfigurableIOManager):
    """Stores every asset as the table `<key prefix>.<asset name>`, one day's rows replaced at a time."""

    storage: NewsStorage

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame | DaysWritten) -> None:
        table = table_for(context.asset_key)
        if table.partitioned and not context.has_asset_partitions:
            raise dg.Failure(f"{table.qualified_name} is partitioned by day: materialize it for a partition")
        if isinstance(obj, DaysWritten):  # the asset wrote its days itself, one transaction each
            if obj.table != table.qualified_name:
                raise dg.Failure(f"{context.asset_key.to_user_string()} returned the days of {obj.table}")
            context.add_output_metadata({"table": table.qualified_name, "rows_written": obj.rows, "days": obj.days})
            return
        days = _days(context) if table.partitioned else None
        write_rows(self.storage, table, obj, days, context.log)
        context.add_output_metadata({"table": table.qualified_name, "rows_written": obj.height})

    def load_input(self, context: dg.InputContext) -> pl.DataFrame | DayFrames:
        table = table_for(context.asset_key)
        columns: list[str] | None = (context.definition_metadata or {}).get("columns")
        if (context.definition_metadata or {}).get("by_day") and table.partitioned:
            window = _days(context) if context.has_asset_partitions and context.asset_partition_keys else None
            by_day = [] if window is None else days_between(*window)
            return DayFrames(self.storage, table, columns, by_day)
        if table.partitioned and context.has_asset_partitions and not context.asset_partition_keys:
            return table.empty() if columns is None else table.empty().select(columns)
        selected = ", ".join(f'"{c}"' for c in columns) if columns else ", ".join(f'"{c}"' for c in table.names)
        sql = f"SELECT {selected} FROM {table.qualified_name}"
        days = _days(context) if table.partitioned else None
        with self.storage.connection() as conn:
            if days is None:
                frame = conn.execute(sql).pl()
            else:
                frame = conn.execute(f"{sql} WHERE news_date BETWEEN ? AND ?", list(days)).pl()
        if columns:
            return frame
        return frame.cast(table.polars_schema)
