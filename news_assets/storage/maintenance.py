"""DuckLake housekeeping: merge small files, expire old snapshots, delete the files nothing references.

DuckLake never deletes data by itself: every day re-materialized leaves the old Parquet files reachable from
older snapshots (time travel), and every day written adds at least one small file per table. `maintain`
runs, in order,

1. `ducklake_merge_adjacent_files`: small files of a table merged into larger ones (a new snapshot; the old
   files stay readable by older snapshots);
2. `ducklake_expire_snapshots(older_than)`: snapshots older than the retention are dropped (no more time
   travel to them); files only they referenced are scheduled for deletion;
3. `ducklake_cleanup_old_files(older_than)`: scheduled files older than the grace period are deleted;
4. `ducklake_delete_orphaned_files(older_than)`: files in the data path that no snapshot knows (left by a
   writer killed before its COMMIT) and older than the grace period are deleted.

The grace period protects readers and writers in flight: a query that started on an old snapshot, or a writer
whose files are not committed yet, must finish within it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import duckdb


@dataclass(frozen=True, slots=True)
class LakeStats:
    snapshots: int
    data_files: int
    data_bytes: int
    delete_files: int
    scheduled_for_deletion: int


@dataclass(frozen=True, slots=True)
class MaintenanceReport:
    before: LakeStats
    after: LakeStats
    snapshots_expired: list[int] = field(default_factory=list)
    files_removed: list[str] = field(default_factory=list)
    orphans_removed: list[str] = field(default_factory=list)
    merged: bool = False
    dry_run: bool = False


def lake_stats(conn: duckdb.DuckDBPyConnection, lake: str) -> LakeStats:
    """Counts from the lake's catalog: snapshots, live data and delete files, files awaiting deletion."""
    meta = f"__ducklake_metadata_{lake}"
    row = conn.execute(
        f"""
        SELECT (SELECT count(*) FROM {meta}.ducklake_snapshot),
               (SELECT count(*) FROM {meta}.ducklake_data_file WHERE end_snapshot IS NULL),
               (SELECT coalesce(sum(file_size_bytes), 0) FROM {meta}.ducklake_data_file WHERE end_snapshot IS NULL),
               (SELECT count(*) FROM {meta}.ducklake_delete_file WHERE end_snapshot IS NULL),
               (SELECT count(*) FROM {meta}.ducklake_files_scheduled_for_deletion)
        """
    ).fetchone()
    assert row is not None, "an aggregate query returns one row"
    return LakeStats(*(int(v) for v in row))


def _at(delta: timedelta) -> str:
    """A TIMESTAMPTZ literal `delta` before now (UTC, as DuckLake records snapshot times)."""
    return f"TIMESTAMPTZ '{(datetime.now(UTC) - delta).isoformat()}'"


def maintain(
    conn: duckdb.DuckDBPyConnection,
    lake: str,
    *,
    expire_older_than: timedelta = timedelta(days=7),
    delete_older_than: timedelta = timedelta(days=1),
    merge: bool = True,
    dry_run: bool = False,
) -> MaintenanceReport:
    """Run the housekeeping on the attached lake `lake` (see the module docstring). `dry_run` changes nothing
    and reports what would be expired and deleted (the merge is skipped)."""
    if not lake.isidentifier():
        raise ValueError(f"lake name {lake!r} must be a plain SQL identifier")
    before = lake_stats(conn, lake)
    dry = ", dry_run => true" if dry_run else ""
    merged = False
    if merge and not dry_run:
        conn.execute(f"CALL ducklake_merge_adjacent_files('{lake}')")
        merged = True
    expired = conn.execute(
        f"CALL ducklake_expire_snapshots('{lake}', older_than => {_at(expire_older_than)}{dry})"
    ).fetchall()
    removed = conn.execute(
        f"CALL ducklake_cleanup_old_files('{lake}', older_than => {_at(delete_older_than)}{dry})"
    ).fetchall()
    orphans = conn.execute(
        f"CALL ducklake_delete_orphaned_files('{lake}', older_than => {_at(delete_older_than)}{dry})"
    ).fetchall()
    return MaintenanceReport(
        before=before,
        after=lake_stats(conn, lake),
        snapshots_expired=[int(r[0]) for r in expired],
        files_removed=[str(r[0]) for r in removed],
        orphans_removed=[str(r[0]) for r in orphans],
        merged=merged,
        dry_run=dry_run,
    )
