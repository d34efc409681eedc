"""The read copy: the same tables and views as the database, every committed row in it (a dead writer's log
included), and never taken while another process is writing."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time

import duckdb
import pytest

from news_assets.storage import read_copy as publish
from news_assets.storage.read_copy import copy_file, needs_publishing, publish_snapshot, snapshot_path, wal_path


def make_database(path, rows=1000):
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE SCHEMA daily")
        conn.execute("CREATE TABLE daily.counts AS SELECT range AS n, 'day ' || range AS label FROM range($1)", [rows])
        conn.execute("CREATE VIEW daily.big AS SELECT * FROM daily.counts WHERE n >= 500")


def read_all(path):
    with duckdb.connect(str(path), read_only=True) as conn:
        return (
            conn.execute("SELECT count(*), sum(n) FROM daily.counts").fetchone(),
            conn.execute("SELECT count(*) FROM daily.big").fetchone()[0],
        )


def test_the_read_copy_has_every_table_and_view_and_is_then_up_to_date(tmp_path):
    database = tmp_path / "news.duckdb"
    make_database(database)
    assert needs_publishing(database, snapshot_path(database))

    snapshot = publish_snapshot(database)

    assert snapshot == tmp_path / "news-read.duckdb"
    assert read_all(snapshot) == read_all(database) == ((1000, 499500), 500)
    assert not needs_publishing(database, snapshot)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_rows_a_dead_writer_committed_only_to_its_log_are_in_the_copy(tmp_path):
    database = tmp_path / "news.duckdb"
    make_database(database)
    # A writer commits, then dies before any checkpoint: its rows are only in news.duckdb.wal.
    script = (
        "import duckdb, os, sys\n"
        "conn = duckdb.connect(sys.argv[1])\n"
        "conn.execute(\"SET checkpoint_threshold = '10GB'\")\n"
        "conn.execute('INSERT INTO daily.counts SELECT range + 1000, NULL FROM range(250)')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(database)], check=True, timeout=60)
    assert wal_path(database).stat().st_size > 0

    snapshot = publish_snapshot(database)

    assert read_all(snapshot)[0] == (1250, sum(range(1250)))


def test_the_copy_waits_for_a_writer_in_another_process_and_includes_its_rows(tmp_path):
    database = tmp_path / "news.duckdb"
    make_database(database)
    started = tmp_path / "writer-started"
    script = (
        "import duckdb, pathlib, sys, time\n"
        "conn = duckdb.connect(sys.argv[1])\n"
        "conn.execute('INSERT INTO daily.counts SELECT range + 1000, NULL FROM range(100)')\n"
        "pathlib.Path(sys.argv[2]).touch()\n"
        "time.sleep(1.5)\n"
        "conn.close()\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script, str(database), str(started)])
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert writer.poll() is None and time.monotonic() < deadline, "the writer did not start"
            time.sleep(0.05)
        snapshot = publish_snapshot(database)
        # The copy could only be taken once the writer had closed the file.
        assert writer.poll() == 0
    finally:
        writer.wait(timeout=60)
    assert read_all(snapshot)[0] == (1100, sum(range(1100)))


def test_a_writer_in_another_process_is_kept_out_while_the_bytes_are_copied(tmp_path, monkeypatch):
    database = tmp_path / "news.duckdb"
    make_database(database)
    probe = (
        "import duckdb, sys\n"
        "try:\n"
        "    duckdb.connect(sys.argv[1]).close()\n"
        "    print('wrote')\n"
        "except duckdb.IOException as e:\n"
        "    print('locked' if 'lock' in str(e) else e)\n"
    )
    answers = []

    def copy_while_a_writer_tries(source, target):
        tried = subprocess.run([sys.executable, "-c", probe, str(source)], capture_output=True, text=True, timeout=60)
        answers.append(tried.stdout.strip() or tried.stderr[-500:])
        copy_file(source, target)

    monkeypatch.setattr(publish, "copy_file", copy_while_a_writer_tries)
    publish_snapshot(database)
    assert answers == ["locked"]
    # Once published, the file is free for writers again.
    duckdb.connect(str(database)).close()


def test_the_plain_copy_when_the_kernel_cannot_copy(tmp_path, monkeypatch):
    source = tmp_path / "a.bin"
    source.write_bytes(os.urandom(3 << 20) + b"tail")

    def refuse(*args):
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    copy_file(source, tmp_path / "b.bin")
    assert (tmp_path / "b.bin").read_bytes() == source.read_bytes()


def test_other_copy_errors_are_not_hidden(tmp_path, monkeypatch):
    source = tmp_path / "a.bin"
    source.write_bytes(b"x" * 1024)

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "copy_file_range", full)
    with pytest.raises(OSError, match="No space"):
        copy_file(source, tmp_path / "b.bin")
