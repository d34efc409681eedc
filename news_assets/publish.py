"""A read-only copy of the database for people to query while runs write.

A DuckDB file takes one writer process at a time, and any reader, even read-only, blocks that writer: an
analyst's open notebook would fail tonight's run. So runs write `news.duckdb`, and after each run that
changed it the pipeline publishes a copy, `news-read.duckdb`, by writing a new file and renaming it over
the old one. Readers of the copy never block a writer; an open connection keeps the snapshot it opened
(the old file stays alive until it is closed) and a new connection sees the latest published day.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb


def snapshot_path(database: Path) -> Path:
    return database.with_name(f"{database.stem}-read{database.suffix}")


def needs_publishing(database: Path, snapshot: Path) -> bool:
    if not database.exists():
        return False
    return not snapshot.exists() or snapshot.stat().st_mtime_ns < database.stat().st_mtime_ns


def publish_snapshot(database: Path, snapshot: Path | None = None, *, wait_s: float = 120.0) -> Path:
    """Copy every schema, table and view of `database` into a new file and atomically replace `snapshot`."""
    snapshot = snapshot or snapshot_path(database)
    partial = snapshot.with_name(f".{snapshot.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            _copy(database, partial)
            break
        except duckdb.IOException:
            # Another process is writing the source file; its transaction is short, so wait and retry.
            partial.unlink(missing_ok=True)
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    os.replace(partial, snapshot)
    return snapshot


def _copy(database: Path, target: Path) -> None:
    with duckdb.connect(":memory:") as conn:
        # ATTACH takes no bound parameters; the paths come from settings, never from page content.
        conn.execute(f"ATTACH {_literal(database)} AS source (READ_ONLY)")
        conn.execute(f"ATTACH {_literal(target)} AS target")
        conn.execute("COPY FROM DATABASE source TO target")
        conn.execute("DETACH target")
        conn.execute("DETACH source")


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
