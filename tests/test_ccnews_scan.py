"""CC-NEWS through Dagster: files become `ccnews_files` partitions, a scan over loopback HTTP commits its records
with its checkpoint, a crashed scan resumes without duplicates, the counts add up (the check), and a day's
raw/pages reads the stored records without downloading again."""

from datetime import date

import dagster as dg
import duckdb
import pytest

from news_assets.definitions import build_definitions
from news_assets.settings import Settings
from news_assets.sources import ccnews
from news_assets.sources.ccnews import CcNewsSource
from news_assets.transform.ccnews import scan_into, scan_key
from tests.ccnews_warcs import mixed_records, write_members
from tests.test_sources_ccnews import served  # noqa: F401 - the loopback file server fixture

DAY = "2026-11-16"
NAMES = ["crawl-data/CC-NEWS/2026/11/CC-NEWS-20261116000000-00001.warc.gz", "crawl-data/CC-NEWS/2026/11/b.warc.gz"]
RECORDS = len(mixed_records())  # 16 records: 4 kept, 4 other languages, 4 rejected, 4 not pages
COPIES = 5


@pytest.fixture
def site(tmp_path, served):  # noqa: F811
    """Two WARC files (the mixed records 5 times over) and their listing, served on loopback, and a sources file."""
    for name in NAMES:
        (served.root / name).parent.mkdir(parents=True, exist_ok=True)
        write_members(served.root / name, [record for record, _ in mixed_records()] * COPIES)
    (served.root / "warc.paths").write_text("\n".join(NAMES) + "\n")
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n"
        "  - kind: ccnews\n"
        "    name: ccn\n"
        f"    listing: {served.base}/warc.paths\n"
        f"    base_url: {served.base}/\n"
        "    allow_private: true\n"
        "    max_bytes: 100000\n"
        "    outlets: {hanbit-economy.co.kr: hanbit, seoul-ilbo.kr: seoul}\n"
    )
    settings = Settings(
        database=tmp_path / "news.duckdb", landing=tmp_path / "landing", start_date="2026-11-01", sources_file=sources
    )
    return served, settings


def keys_of(settings):
    return [f"ccn:{name}" for name in NAMES]


def scan(defs, instance, key, **config):
    job = defs.resolve_job_def("ccnews_scan_job")
    run_config = {"ops": {"ccnews_scans": {"config": config}}} if config else None
    return job.execute_in_process(instance=instance, partition_key=key, run_config=run_config, raise_on_error=False)


def rows(database, sql, *params):
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute(sql, list(params)).fetchall()


def test_listing_files_become_partitions_and_a_scan_over_http_fills_the_tables(site):
    server, settings = site
    defs = build_definitions(settings)
    with dg.DagsterInstance.ephemeral() as instance:
        assert defs.resolve_job_def("ccnews_listing_job").execute_in_process(instance=instance).success
        assert instance.get_dynamic_partitions("ccnews_files") == keys_of(settings)
        result = scan(defs, instance, keys_of(settings)[0])
        assert result.success
        (check,) = result.get_asset_check_evaluations()
        assert check.check_name == "counts_add_up" and check.passed
        (scans,) = rows(
            settings.database,
            "SELECT status, records, kept, other_language, rejected, not_page, rejected_by_reason FROM raw.ccnews_scans",
        )
        assert scans[:6] == ("done", RECORDS * COPIES, 4 * COPIES, 4 * COPIES, 4 * COPIES, 4 * COPIES)
        assert scans[6] == '{"corrupt_record": 5, "not_html": 5, "revisit": 5, "too_large": 5}'
        stored = rows(settings.database, "SELECT news_date, reason, count(*) FROM raw.ccnews_records GROUP BY ALL")
        assert sum(n for _, _, n in stored) == 8 * COPIES
        assert (date(2026, 11, 17), None, COPIES) in stored  # the late page is the 17th in Seoul
        # Materializing a done file again downloads nothing.
        before = len(server.requests)
        again = scan(defs, instance, keys_of(settings)[0])
        assert again.success and len(server.requests) == before
        assert rows(settings.database, "SELECT count(*) FROM raw.ccnews_records")[0][0] == 8 * COPIES


def test_a_scan_that_crashes_mid_file_resumes_without_duplicates(site, monkeypatch):
    server, settings = site
    defs = build_definitions(settings)
    key = keys_of(settings)[1]
    real_scan = ccnews.CcNewsScanner.scan
    crashes = {"left": 1}

    def crashing_scan(self, file, checkpoint=None):
        for n, item in enumerate(real_scan(self, file, checkpoint)):
            if crashes["left"] and n == 23:  # after a few batches of 3 pages were committed
                crashes["left"] -= 1
                raise RuntimeError("worker killed")
            yield item

    monkeypatch.setattr(ccnews.CcNewsScanner, "scan", crashing_scan)
    with dg.DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions("ccnews_files", [key])
        failed = scan(defs, instance, key, batch_pages=3)
        assert not failed.success
        (partial,) = rows(settings.database, "SELECT status, records, kept FROM raw.ccnews_scans")
        assert partial[0] == "scanning" and 0 < partial[1] < RECORDS * COPIES
        stored_before = rows(settings.database, "SELECT count(*) FROM raw.ccnews_records")[0][0]
        assert 0 < stored_before < 8 * COPIES
        resumed = scan(defs, instance, key, batch_pages=3)
        assert resumed.success
        assert [e.passed for e in resumed.get_asset_check_evaluations()] == [True]
        materialization = resumed.asset_materializations_for_node("ccnews_scans")[1]
        assert materialization.metadata["resumed"].value == 1
    # The second download asked for the rest of the file, not the whole of it.
    ranges = [r for path, r in server.requests if path.endswith("b.warc.gz")]
    assert ranges[0] is None and ranges[-1] is not None and ranges[-1].startswith("bytes=")
    (final,) = rows(settings.database, "SELECT status, records, kept, rejected FROM raw.ccnews_scans")
    assert final == ("done", RECORDS * COPIES, 4 * COPIES, 4 * COPIES)
    dups = rows(
        settings.database,
        "SELECT record_offset, record_index, count(*) FROM raw.ccnews_records GROUP BY ALL HAVING count(*) > 1",
    )
    assert dups == []
    # The same rows as a scan that never crashed.
    monkeypatch.setattr(ccnews.CcNewsScanner, "scan", real_scan)
    source = CcNewsSource(
        name="ccn",
        listing=f"{server.base}/warc.paths",
        base_url=f"{server.base}/",
        allow_private=True,
        max_bytes=100_000,
    )
    reference = settings.database.with_name("reference.duckdb")
    scan_into(lambda: duckdb.connect(str(reference)), source, f"{server.base}/{NAMES[1]}")
    query = "SELECT page_id, news_date, reason, sha256 FROM raw.ccnews_records ORDER BY page_id"
    assert rows(settings.database, query) == rows(reference, query)


def test_a_day_reads_the_stored_records_without_downloading_again(site):
    server, settings = site
    defs = build_definitions(settings)
    with dg.DagsterInstance.ephemeral() as instance:
        assert defs.resolve_job_def("ccnews_listing_job").execute_in_process(instance=instance).success
        for key in keys_of(settings):
            assert scan(defs, instance, key).success
        downloads = len(server.requests)
        job = defs.resolve_job_def("daily_news_job")
        selection = [
            dg.AssetKey(["raw", "pages"]),
            dg.AssetKey(["clean", "articles"]),
            dg.AssetKey(["clean", "rejects"]),
            dg.AssetKey(["clean", "fingerprints"]),
        ]
        for _ in range(2):  # a re-run of the day reads the table again
            result = job.execute_in_process(instance=instance, partition_key=DAY, asset_selection=selection)
            assert result.success
            assert all(e.passed for e in result.get_asset_check_evaluations())
        assert len(server.requests) == downloads
    expected = rows(
        settings.database,
        "SELECT count(*) FROM raw.ccnews_records WHERE news_date = ?",
        date.fromisoformat(DAY),
    )[0][0]
    assert expected == 2 * COPIES * 7  # 3 kept + 4 rejected each copy on the 16th, in both files
    pages = rows(
        settings.database, "SELECT source, count(*), count(html), count(read_error) FROM raw.pages GROUP BY ALL"
    )
    assert pages == [("ccn", expected, 2 * COPIES * 3, 2 * COPIES * 4)]
    rejects = dict(
        rows(settings.database, "SELECT reason, count(*) FROM clean.rejects WHERE stage = 'read' GROUP BY ALL")
    )
    assert sum(rejects.values()) >= 2 * COPIES * 4


def test_the_scan_key_is_the_file_relative_to_the_base():
    source = CcNewsSource(name="cc", listing="x", base_url="https://data.commoncrawl.org/")
    assert scan_key(source, "https://data.commoncrawl.org/crawl-data/a.warc.gz") == "cc:crawl-data/a.warc.gz"
    assert scan_key(source, "/local/a.warc.gz") == "cc:/local/a.warc.gz"


def test_a_batch_whose_commit_conflicts_is_committed_again_once(site):
    """A commit refused as a conflict (what DuckLake raises when a concurrent commit deleted from the same Parquet
    file; tests/scale/test_ccnews.py makes a real one) is rolled back and the same batch committed again."""
    from contextlib import contextmanager

    server, settings = site
    source = CcNewsSource(
        name="ccn",
        listing=f"{server.base}/warc.paths",
        base_url=f"{server.base}/",
        allow_private=True,
        max_bytes=100_000,
    )
    refused = {"left": 2}

    class Refusing:
        def __init__(self, conn):
            self._conn = conn

        def commit(self):
            if refused["left"]:
                refused["left"] -= 1
                raise duckdb.TransactionException("Transaction conflict - attempting to delete from file (test)")
            return self._conn.commit()

        def __getattr__(self, name):
            return getattr(self._conn, name)

    @contextmanager
    def refusing():
        with duckdb.connect(str(settings.database)) as conn:
            yield Refusing(conn)

    result = scan_into(refusing, source, f"{server.base}/{NAMES[0]}", batch_pages=7)
    assert result.status == "done" and result.conflicts == 2 and refused["left"] == 0
    reference = settings.database.with_name("reference.duckdb")
    scan_into(lambda: duckdb.connect(str(reference)), source, f"{server.base}/{NAMES[0]}", batch_pages=7)
    query = (
        "SELECT page_id, news_date, reason, sha256, record_offset, record_index FROM raw.ccnews_records ORDER BY ALL"
    )
    assert rows(settings.database, query) == rows(reference, query)
    assert rows(settings.database, "SELECT status, records, kept FROM raw.ccnews_scans") == [
        ("done", RECORDS * COPIES, 4 * COPIES)
    ]


def _scan_in_another_process(
    database: str, base: str, name: str, batch_pages: int, start_together=None
) -> tuple[str, int, int, float, float]:
    """What one Dagster run of `ccnews_scan_job` does on one machine, in a process of its own."""
    import time
    from functools import partial

    from news_assets.storage import StorageConfig, connection

    source = CcNewsSource(
        name="ccn", listing=f"{base}/warc.paths", base_url=f"{base}/", allow_private=True, max_bytes=100_000
    )
    if start_together is not None:
        start_together.wait(timeout=120)
    started = time.time()
    connect = partial(connection, StorageConfig(database=database))
    result = scan_into(connect, source, f"{base}/{name}", batch_pages=batch_pages)
    return result.status, result.batches, result.counts.records, started, time.time()


def test_scans_of_two_files_in_two_processes_take_turns_on_the_database_file(site):
    """Scans of many files run in parallel on one machine: each run commits its batches through its own
    connection, waiting for the file's lock while the other commits, and both land whole, as one scan alone would."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    server, settings = site
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager, ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        barrier = manager.Barrier(2)
        futures = [
            pool.submit(_scan_in_another_process, str(settings.database), server.base, name, 2, barrier)
            for name in NAMES
        ]
        outcomes = [f.result(timeout=240) for f in futures]
    assert [o[0] for o in outcomes] == ["done", "done"]
    assert all(batches >= 8 and records == RECORDS * COPIES for _, batches, records, _, _ in outcomes)
    (_, _, _, start_a, end_a), (_, _, _, start_b, end_b) = outcomes
    assert start_a < end_b and start_b < end_a  # the two scans ran at the same time

    reference = settings.database.with_name("one-at-a-time.duckdb")
    for name in NAMES:
        _scan_in_another_process(str(reference), server.base, name, 2)
    query = (
        "SELECT scan_file, page_id, news_date, reason, sha256, record_offset, record_index"
        " FROM raw.ccnews_records ORDER BY ALL"
    )
    assert rows(settings.database, query) == rows(reference, query)
    assert len(rows(settings.database, query)) == 2 * 8 * COPIES
    scans = (
        "SELECT scan_file, status, records, kept, other_language, rejected, not_page FROM raw.ccnews_scans ORDER BY 1"
    )
    assert rows(settings.database, scans) == rows(reference, scans)
