"""A read-only copy of the database for people to query while runs write.

A DuckDB file takes one writer process at a time, and any reader, even read-only, blocks that writer: an
analyst's open notebook would fail tonight's run. So runs write `news.duckdb`, and after each run that
changed it the pipeline publishes a copy, `news-read.duckdb`, by writing a new file and renaming it over
the old one. Readers of the copy never block a writer; an open connection keeps the snapshot it opened
(the old file stays alive until it is closed) and a new connection sees the latest published day.

The copy is the file's bytes, not a logical `COPY FROM DATABASE`: over a year of data (16 GB) re-encoding every
table took minutes per run while holding writers off, where copying bytes runs at disk speed, and on a file
system with reflinks (XFS, Btrfs) `copy_file_range` shares the blocks and takes well under a second. The bytes
are a consistent database because they are copied under a read-only connection, whose shared lock keeps every
writer out, and only once no write-ahead log is left beside the file.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from news_assets.storage.connect import StorageConfig, connection

# copy_file_range refuses some pairs of files (across file systems on older kernels, special file systems);
# the plain copy always works.
_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL, errno.EPERM}


def snapshot_path(database: Path) -> Path:
    return database.with_name(f"{database.stem}-read{database.suffix}")


def wal_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.wal")


def needs_publishing(database: Path, snapshot: Path) -> bool:
    if not database.exists():
        return False
    return not snapshot.exists() or snapshot.stat().st_mtime_ns < database.stat().st_mtime_ns


def publish_snapshot(database: Path, snapshot: Path | None = None) -> Path:
    """Copy `database` into a new file and atomically replace `snapshot` with it; return the snapshot's path.

    Waits for writers in other processes to finish (they hold the file's lock), as every connection does."""
    database = Path(database)
    config = StorageConfig(database=str(database))
    snapshot = snapshot or snapshot_path(database)
    partial = snapshot.with_name(f".{snapshot.name}.{os.getpid()}.partial")
    try:
        while True:
            fold_leftover_wal(config)
            # A read-only connection held open: its shared lock on the file keeps writers of other processes
            # out while the bytes are copied (opening it waits for a writer to finish).
            with connection(config, read_only=True):
                # A writer may have come and gone between the fold and the lock, leaving its log behind only if
                # it died; then fold again.
                if _has_wal(database):
                    continue
                copy_file(database, partial)
                break
        os.replace(partial, snapshot)
    finally:
        partial.unlink(missing_ok=True)
    return snapshot


def fold_leftover_wal(config: StorageConfig) -> None:
    """A writer that died after a commit leaves its write-ahead log beside the file: open the file for writing
    and CHECKPOINT, so that the file alone holds every committed row. (A live writer holds the lock; opening
    waits for it, and it checkpoints itself when it closes.)"""
    if _has_wal(Path(config.database)):
        with connection(config) as conn:
            conn.execute("CHECKPOINT")


def copy_file(source: Path, target: Path) -> None:
    """Copy a file's bytes through the kernel (a reflink where the file system has them) and flush them to disk."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        remaining = os.fstat(src.fileno()).st_size
        try:
            while remaining > 0:
                copied = os.copy_file_range(src.fileno(), dst.fileno(), remaining)
                if copied == 0:
                    break
                remaining -= copied
        except OSError as e:
            if e.errno not in _NO_KERNEL_COPY:
                raise
            src.seek(0)
            dst.seek(0)
            dst.truncate()
            shutil.copyfileobj(src, dst, 16 << 20)
        dst.flush()
        os.fsync(dst.fileno())


def _has_wal(database: Path) -> bool:
    wal = wal_path(database)
    return wal.exists() and wal.stat().st_size > 0
