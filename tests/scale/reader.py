"""What a reader sees: per table and day, the row count and an order-free fingerprint of the rows; and a reader
that keeps querying while runs write, recording every state it saw and every error it got."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import duckdb

from news_assets.schemas import ALL_TABLES

PARTITIONED = [t for t in ALL_TABLES if t.partitioned]


def day_counts(conn: duckdb.DuckDBPyConnection, tables=PARTITIONED) -> dict[tuple[str, str], int]:
    """{(table, day): rows} for every partitioned table, read in one transaction (one snapshot)."""
    counts: dict[tuple[str, str], int] = {}
    conn.begin()
    try:
        existing = {
            f"{s}.{t}"
            for s, t in conn.execute(
                "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database()"
            ).fetchall()
        }
        for table in tables:
            if table.qualified_name not in existing:
                continue
            rows = conn.execute(
                f"SELECT news_date::VARCHAR, count(*) FROM {table.qualified_name} GROUP BY 1"
            ).fetchall()
            counts.update({(table.qualified_name, day): n for day, n in rows})
    finally:
        conn.commit()
    return counts


def fingerprints(conn: duckdb.DuckDBPyConnection, days: Iterable[str]) -> dict[tuple[str, str], tuple[int, int]]:
    """{(table, day): (rows, sum of row hashes)}: equal when two stores hold the same rows, in any order."""
    wanted = [date.fromisoformat(d) for d in days]
    result = {}
    for table in PARTITIONED:
        rows = conn.execute(
            f"SELECT news_date::VARCHAR, count(*), sum(hash(t::VARCHAR))::VARCHAR FROM {table.qualified_name} t"
            " WHERE news_date IN (SELECT unnest(?)) GROUP BY 1",
            [wanted],
        ).fetchall()
        result.update({(table.qualified_name, day): (n, int(h)) for day, n, h in rows})
    return result


@dataclass
class Reader:
    """Queries `day_counts` in a loop on a connection of its own until stopped."""

    connect: Callable[[], duckdb.DuckDBPyConnection]
    interval_s: float = 0.2
    states: list[tuple[float, dict[tuple[str, str], int]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> Reader:
        self._thread = threading.Thread(target=self._loop, name="lake-reader", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _loop(self) -> None:
        conn = None
        while not self._stop.is_set():
            try:
                conn = conn or self.connect()
                self.states.append((time.monotonic(), day_counts(conn)))
            except Exception as e:  # every error counts: a reader must never fail while runs write
                self.errors.append(f"{type(e).__name__}: {e}")
                if conn is not None:
                    conn.close()
                conn = None
            self._stop.wait(self.interval_s)
        if conn is not None:
            conn.close()

    def partial_days(self, expected: dict[tuple[str, str], int]) -> list[str]:
        """Every state where a table's day held neither nothing nor its complete rows, or lost them again."""
        problems = []
        complete: set[tuple[str, str]] = set()
        for at, counts in self.states:
            for key, want in expected.items():
                seen = counts.get(key, 0)
                if seen not in (0, want):
                    problems.append(f"{at:.1f}: {key} had {seen} rows of {want}")
                elif seen == 0 and key in complete:
                    problems.append(f"{at:.1f}: {key} lost its {want} rows")
                elif seen == want:
                    complete.add(key)
        return problems
