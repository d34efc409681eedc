"""CC-NEWS scans into tables, and a day's scanned records back out as raw.pages rows. No Dagster here.

`scan_into` streams one WARC file through `CcNewsScanner.scan` and commits, in batches, the records it kept or
rejected (`raw.ccnews_records`) together with the file's counts and the scanner's `Checkpoint`
(`raw.ccnews_scans`), each batch in one transaction. A scan that crashes resumes from the stored checkpoint: the
stored records are exactly those before it (they were committed with it), so nothing is repeated or lost. A file
whose stored checkpoint is `done` is not downloaded again unless `rescan`.

`day_pages` reads a KST day's records of a ccnews source as a raw.pages frame: re-running a day reads them from
the table, never from Common Crawl.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date, datetime

import duckdb
import polars as pl

from news_assets.kst import KST
from news_assets.schemas import RAW_CCNEWS_RECORDS, RAW_CCNEWS_SCANS, RAW_PAGES, SCAN_TABLES, conform
from news_assets.sources.ccnews import CcNewsScanner, CcNewsSource, Checkpoint, Counts, Scanned
from news_assets.storage import ensure_tables, table_exists, transaction
from news_assets.transform.pages import pages_frame

Connect = Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]

DEFAULT_BATCH_PAGES = 200
DEFAULT_BATCH_BYTES = 32 << 20
# A stretch of records without a page still commits its checkpoint at most this often (seconds).
PROGRESS_COMMIT_S = 10.0
# A batch whose DuckLake commit conflicts (it deletes the file's scan row, and with `rescan` its old records, from a
# Parquet file another scan's commit deleted from at the same moment: after `ducklake_merge_adjacent_files` the rows
# of many WARC files share one file) is committed again, after a random wait, this many times in all.
COMMIT_ATTEMPTS = 8
_FRAME = "_news_assets_ccnews_batch"


def scan_key(source: CcNewsSource, file: str) -> str:
    """The file's partition key: `<source>:<file relative to the base URL or folder>` (readable in the UI)."""
    base = source.base_url if source.base_url.endswith("/") else source.base_url + "/"
    relative = file[len(base) :] if file.startswith(base) else file
    return f"{source.name}:{relative}"


def keyed_files(source: CcNewsSource, *, refresh: bool = False) -> dict[str, str]:
    """Partition key → file URL or path, for every file the source's listing names."""
    return {scan_key(source, file): file for file in source.files(refresh=refresh)}


@dataclass(frozen=True, slots=True)
class ScanResult:
    key: str
    file: str
    counts: Counts
    status: str
    stored_this_run: int  # kept + rejected rows committed by this call
    batches: int
    resumed_at: int | None  # records already counted when this call started (None: from the start)
    skipped: bool  # the stored scan was done: nothing downloaded
    error: str | None = None
    conflicts: int = 0  # batch commits that conflicted with a concurrent writer and were committed again


def stored_checkpoint(conn: duckdb.DuckDBPyConnection, key: str) -> Checkpoint | None:
    if not table_exists(conn, RAW_CCNEWS_SCANS):
        return None
    row = conn.execute(
        f"SELECT checkpoint FROM {RAW_CCNEWS_SCANS.qualified_name} WHERE scan_file = ?", [key]
    ).fetchone()
    return Checkpoint.from_json(row[0]) if row and row[0] else None


def _location(item: Scanned) -> str:
    """The scanner's `file#offset`, with the record's place among those at the same offset when it is not the first
    (a file gzipped as one stream gives every record the offset 0), so that page ids stay unique."""
    assert item.page is not None
    index = item.checkpoint.skip
    return item.page.location if index <= 1 else f"{item.page.location}+{index - 1}"


def records_frame(key: str, items: list[Scanned]) -> pl.DataFrame:
    """raw.ccnews_records rows for scanned items that carry a page."""
    if not items:
        return RAW_CCNEWS_RECORDS.empty()
    pages = [replace(item.page, location=_location(item)) for item in items if item.page is not None]
    frame = pages_frame(pages).with_columns(
        pl.Series("news_date", [item.day for item in items], dtype=pl.Date()),
        pl.lit(key).alias("scan_file"),
        pl.Series("record_offset", [item.checkpoint.offset for item in items], dtype=pl.Int64()),
        pl.Series("record_index", [item.checkpoint.skip for item in items], dtype=pl.Int32()),
        pl.col("read_error").str.split(":").list.first().alias("reason"),
    )
    return conform(frame, RAW_CCNEWS_RECORDS)


def _scan_row(
    key: str,
    source: str,
    file: str,
    checkpoint: Checkpoint,
    status: str,
    days: tuple[date | None, date | None],
    started_at: datetime,
) -> list[object]:
    counts = checkpoint.counts
    values = {
        "scan_file": key,
        "source": source,
        "file": file,
        "status": status,
        "records": counts.records,
        "kept": counts.kept,
        "other_language": counts.other_language,
        "rejected": sum(counts.rejected.values()),
        "not_page": sum(counts.not_page.values()),
        "rejected_by_reason": json.dumps(dict(sorted(counts.rejected.items()))),
        "not_page_by_type": json.dumps(dict(sorted(counts.not_page.items()))),
        "first_day": days[0],
        "last_day": days[1],
        "checkpoint": checkpoint.to_json(),
        "error": checkpoint.error,
        "started_at": started_at,
        "updated_at": datetime.now(KST),
    }
    return [values[name] for name in RAW_CCNEWS_SCANS.names]


def _commit(
    connect: Connect,
    key: str,
    frame: pl.DataFrame,
    row: list[object],
    *,
    fresh: bool,
) -> int:
    """One transaction: (on a fresh scan, the file's old rows out), the batch in, the file's scan row replaced.
    A commit that conflicts with a concurrent one (a `duckdb.TransactionException` that DuckLake's own retries did
    not resolve) is rolled back as a whole and done again on a new connection with the same batch (it is in
    memory). Returns the number of conflicts."""
    names = ", ".join(f'"{n}"' for n in RAW_CCNEWS_SCANS.names)
    marks = ", ".join("?" for _ in RAW_CCNEWS_SCANS.names)
    for attempt in range(1, COMMIT_ATTEMPTS + 1):
        try:
            with connect() as conn, transaction(conn):
                if fresh:
                    conn.execute(f"DELETE FROM {RAW_CCNEWS_RECORDS.qualified_name} WHERE scan_file = ?", [key])
                if frame.height:
                    conn.register(_FRAME, frame.to_arrow())
                    try:
                        conn.execute(f"INSERT INTO {RAW_CCNEWS_RECORDS.qualified_name} BY NAME SELECT * FROM {_FRAME}")
                    finally:
                        conn.unregister(_FRAME)
                conn.execute(f"DELETE FROM {RAW_CCNEWS_SCANS.qualified_name} WHERE scan_file = ?", [key])
                conn.execute(f"INSERT INTO {RAW_CCNEWS_SCANS.qualified_name} ({names}) VALUES ({marks})", row)
            return attempt - 1
        except duckdb.TransactionException:
            if attempt == COMMIT_ATTEMPTS:
                raise
            time.sleep(random.uniform(0.1, 0.5) * attempt)
    raise AssertionError("unreachable")


def _stored_days(connect: Connect, key: str) -> tuple[date | None, date | None]:
    with connect() as conn:
        row = conn.execute(
            f"SELECT min(news_date), max(news_date) FROM {RAW_CCNEWS_RECORDS.qualified_name} WHERE scan_file = ?",
            [key],
        ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _merge_days(days: tuple[date | None, date | None], batch: Iterable[date | None]) -> tuple[date | None, date | None]:
    present = [d for d in (*days, *batch) if d is not None]
    return (min(present), max(present)) if present else (None, None)


def scan_into(
    connect: Connect,
    source: CcNewsSource,
    file: str,
    *,
    key: str | None = None,
    scanner: CcNewsScanner | None = None,
    rescan: bool = False,
    batch_pages: int = DEFAULT_BATCH_PAGES,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    progress: Callable[[Checkpoint], None] | None = None,
) -> ScanResult:
    """Scan `file` of `source` into the scan tables, resuming from the stored checkpoint (see the module docstring).

    Raises `ScanError` when the file cannot be opened at all (nothing is stored then). A download that broke for
    good stores what was read, with status `interrupted` and a checkpoint that is not done, so the next call
    resumes there; the result carries the error."""
    key = key or scan_key(source, file)
    with connect() as conn:
        ensure_tables(conn, *SCAN_TABLES)
        checkpoint = None if rescan else stored_checkpoint(conn, key)
    if checkpoint is not None and checkpoint.done:
        return ScanResult(key, file, checkpoint.counts, "done", 0, 0, checkpoint.counts.records, True)
    fresh = checkpoint is None
    resumed_at = None if checkpoint is None else checkpoint.counts.records
    days = (None, None) if fresh else _stored_days(connect, key)
    started_at = datetime.now(KST)
    owned = scanner is None
    scanner = scanner or source.scanner()
    batch: list[Scanned] = []
    batch_size = 0
    stored = batches = conflicts = 0
    last_commit = time.monotonic()
    final: Checkpoint | None = None
    try:
        for item in scanner.scan(file, checkpoint):
            if item.page is not None:
                batch.append(item)
                batch_size += len(item.page.html or b"")
            done = item.checkpoint.done
            due = len(batch) >= batch_pages or batch_size >= batch_bytes
            idle = item.page is None and time.monotonic() - last_commit >= PROGRESS_COMMIT_S
            if not (done or due or idle):
                continue
            mark = item.checkpoint
            status = "scanning"
            if done:
                final = mark
                if mark.error is not None:
                    mark, status = replace(mark, done=False), "interrupted"  # the next run resumes here
                else:
                    status = "done"
            days = _merge_days(days, (i.day for i in batch))
            row = _scan_row(key, source.name, file, mark, status, days, started_at)
            conflicts += _commit(connect, key, records_frame(key, batch), row, fresh=fresh)
            fresh = False
            stored += len(batch)
            batches += 1
            batch, batch_size, last_commit = [], 0, time.monotonic()
            if progress is not None:
                progress(mark)
    finally:
        if owned:
            scanner.close()
    assert final is not None  # a scan always ends with a done checkpoint
    status = "done" if final.error is None else "interrupted"
    return ScanResult(key, file, final.counts, status, stored, batches, resumed_at, False, final.error, conflicts)


def day_pages(conn: duckdb.DuckDBPyConnection, source: str, day: date) -> pl.DataFrame:
    """The kept and rejected records of `source` dated `day`, as raw.pages rows (rejects carry read_error and
    no bytes, so they end as clean.rejects with their reason)."""
    if not table_exists(conn, RAW_CCNEWS_RECORDS):
        return RAW_PAGES.empty()
    columns = ", ".join(f'"{c}"' for c in RAW_PAGES.names)
    frame = conn.execute(
        f"SELECT {columns} FROM {RAW_CCNEWS_RECORDS.qualified_name} WHERE source = ? AND news_date = ?"
        " ORDER BY scan_file, record_offset, record_index",
        [source, day],
    ).pl()
    return frame.cast(RAW_PAGES.polars_schema)
