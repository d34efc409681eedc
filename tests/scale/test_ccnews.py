"""CC-NEWS scans on the `scale` profile: WARC files served on loopback, one `ccnews_files` partition per file, a
backfill of `ccnews_scan_job` through the daemon's run queue onto 2 `dagster-celery` workers committing to the
DuckLake.

Every run succeeds, the scans run on both workers at the same time, each file's counts add up, the lake's
`raw.ccnews_records` holds, file by file, the rows a one-machine scan of the same files stores in a DuckDB file,
and a day's `raw/pages` in the lake reads the scanned rows without downloading anything again.
"""

from __future__ import annotations

import threading
import time
from datetime import date

import dagster as dg
import duckdb
import pytest

from news_assets.sources.ccnews import CcNewsSource
from news_assets.storage import StorageConfig, connect
from news_assets.transform.ccnews import scan_into
from tests.ccnews_warcs import mixed_records, write_members
from tests.scale.deployment import Deployment, celery_env, instance_env, lake_env, wait_for_runs
from tests.test_sources_ccnews import Files, Handler, QuietServer

pytestmark = pytest.mark.scale

WORKERS = ["w1", "w2"]
SOURCE = "ccn"
# Four files, each the mixed records (4 kept, 4 other languages, 4 rejected, 4 no pages) 60 times over, with
# WARC-Dates an hour apart: 960 records and 240 kept pages a file, so a scan commits more than one batch (200
# pages) and the files of a backfill commit to the same lake tables at the same moments.
FILES = 4
COPIES = 60
RECORDS = 16 * COPIES
NAMES = [f"crawl-data/CC-NEWS/2026/11/CC-NEWS-2026111600{n}000-0000{n}.warc.gz" for n in range(FILES)]
DAY = date(2026, 11, 16)
SCAN_STEP = "ccnews_scans"
RECORD_COLUMNS = "scan_file, record_offset, record_index, page_id, source, url, news_date, reason, sha256"
SCAN_COLUMNS = "scan_file, status, records, kept, other_language, rejected, not_page, rejected_by_reason"
# The loopback server sends the files to the deployment at this rate (bytes/s): CC-NEWS scans are limited by the
# download, and a 550 kB file takes about 10 s, long enough for the scans of a backfill to meet on the workers.
RATE = 56_000


class _Throttled:
    """A response stream that sends at most `rate` bytes a second (`rate` None: at once)."""

    def __init__(self, stream, files):
        self.stream, self.files = stream, files

    def write(self, data):
        rate = self.files.rate
        if not rate:
            return self.stream.write(data)
        view = memoryview(data)
        for at in range(0, len(view), 8192):
            self.stream.write(view[at : at + 8192])
            time.sleep(len(view[at : at + 8192]) / rate)
        return len(data)

    def __getattr__(self, name):
        return getattr(self.stream, name)


class ThrottledHandler(Handler):
    def setup(self):
        super().setup()
        self.wfile = _Throttled(self.wfile, self.server.files)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The WARC files and their listing served over HTTP on loopback, and a sources file naming them."""
    root = tmp_path_factory.mktemp("ccnews_site")
    for n, name in enumerate(NAMES):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        records = [record for record, _ in mixed_records(when=f"2026-11-16T0{n}:00:00Z")] * COPIES
        write_members(root / name, records)
    (root / "warc.paths").write_text("\n".join(NAMES) + "\n")
    files = Files(root)
    files.rate = None
    server = QuietServer(("127.0.0.1", 0), ThrottledHandler)
    server.files = files
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    files.base = f"http://127.0.0.1:{server.server_address[1]}"
    sources = root / "sources.yaml"
    sources.write_text(
        "sources:\n"
        "  - kind: ccnews\n"
        f"    name: {SOURCE}\n"
        f"    listing: {files.base}/warc.paths\n"
        f"    base_url: {files.base}/\n"
        "    allow_private: true\n"
        "    max_bytes: 100000\n"
        "    outlets: {hanbit-economy.co.kr: hanbit, seoul-ilbo.kr: seoul}\n"
    )
    files.sources = sources
    yield files
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def source_of(site) -> CcNewsSource:
    return CcNewsSource(
        name=SOURCE,
        listing=f"{site.base}/warc.paths",
        base_url=f"{site.base}/",
        allow_private=True,
        max_bytes=100_000,
        outlets={"hanbit-economy.co.kr": "hanbit", "seoul-ilbo.kr": "seoul"},
    )


@pytest.fixture(scope="module")
def local_scan(tmp_path_factory, site):
    """The same files scanned on one machine into a DuckDB file: (records, scans) rows, and the seconds taken."""
    database = tmp_path_factory.mktemp("ccnews_local") / "news.duckdb"
    source = source_of(site)
    rate, site.rate = site.rate, None  # at loopback speed
    started = time.monotonic()
    try:
        for name in NAMES:
            scan_into(lambda: duckdb.connect(str(database)), source, f"{site.base}/{name}")
    finally:
        site.rate = rate
    elapsed = time.monotonic() - started
    with duckdb.connect(str(database), read_only=True) as conn:
        return stored_rows(conn), elapsed


def stored_rows(conn) -> tuple[list[tuple], list[tuple]]:
    records = conn.execute(f"SELECT {RECORD_COLUMNS} FROM raw.ccnews_records ORDER BY ALL").fetchall()
    scans = conn.execute(f"SELECT {SCAN_COLUMNS} FROM raw.ccnews_scans ORDER BY scan_file").fetchall()
    return records, scans


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, postgres, redis_server, site):
    """deploy/scale/dagster.yaml with the ccnews sources file, the daemon and two workers, all on loopback."""
    root = tmp_path_factory.mktemp("ccnews_scale")
    dagster_db, lake_db = postgres.create_database(), postgres.create_database()
    env = {
        **instance_env(postgres, dagster_db),
        **celery_env(redis_server),
        **lake_env(postgres, lake_db, root / "lake", root / "landing", "2026-11-01"),
        "NEWS_ASSETS_SOURCES": str(site.sources),
    }
    deployment = Deployment.create(root / "dagster_home", env)
    deployment.lake = StorageConfig(mode="ducklake", catalog=postgres.libpq(lake_db), data_path=str(root / "lake"))
    deployment.root = root
    connect(deployment.lake).close()
    site.rate = RATE
    try:
        deployment.start_code_server()
        for name in WORKERS:
            deployment.start_worker(name)
        deployment.wait_for_code_server()
        deployment.start_daemon()
        deployment.wait_for_workers(WORKERS)
        yield deployment
    finally:
        site.rate = None
        deployment.stop_all()


def step_spans(instance, run_id: str, step_key: str) -> tuple[float, float, str]:
    """(start, end, Celery node) of a run's step, from its event log."""
    start = end = None
    node = ""
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event is None or event.step_key != step_key:
            continue
        if event.event_type == dg.DagsterEventType.STEP_START:
            start = record.timestamp
        elif event.event_type in (dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE):
            end = record.timestamp
        elif event.event_type == dg.DagsterEventType.ENGINE_EVENT:
            data = event.engine_event_data
            if data and "Celery worker" in data.metadata:
                node = data.metadata["Celery worker"].value
    assert start is not None and end is not None, f"run {run_id}: no start and end of {step_key}"
    return start, end, node


def failures(instance, run_id: str) -> list[str]:
    """Why a run failed: its step failures, run failure and engine errors, with their errors."""
    found = []
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event is None:
            continue
        data = event.event_specific_data
        error = getattr(data, "error", None)
        if event.event_type in (dg.DagsterEventType.STEP_FAILURE, dg.DagsterEventType.RUN_FAILURE) or error:
            text = error.to_string() if error else ""
            found.append(f"{event.event_type.value} {event.step_key or ''}: {record.user_message} {text}"[-3000:])
    return found


def most_at_once(spans) -> int:
    return max(sum(1 for s, e, _ in spans if s <= start < e) for start, _, _ in spans)


def test_a_backfill_of_scans_runs_on_both_workers_into_the_lake_as_on_one_machine(deployment, site, local_scan):
    instance = deployment.instance()
    keys = [f"{SOURCE}:{name}" for name in NAMES]
    # The listing job (on the deployment) registers every listed file as a partition.
    listing_id = launch(deployment, "ccnews_listing_job")
    (listing,) = wait_for_runs(instance, [listing_id], timeout_s=300)
    assert listing.status == dg.DagsterRunStatus.SUCCESS, deployment.log("daemon")[-3000:]
    assert sorted(instance.get_dynamic_partitions("ccnews_files")) == sorted(keys)

    downloads_before = len(site.requests)
    started = time.monotonic()
    deployment.backfill("ccnews_scan_job", keys)
    deadline = time.monotonic() + 300
    while len(runs := instance.get_runs(dg.RunsFilter(job_name="ccnews_scan_job"))) < FILES:
        assert time.monotonic() < deadline, "the daemon did not create the backfill's runs"
        time.sleep(1)
    runs = wait_for_runs(instance, [r.run_id for r in runs], timeout_s=900)
    elapsed = time.monotonic() - started
    assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * FILES, deployment.log("daemon")[-3000:]
    assert sorted(r.tags["dagster/partition"] for r in runs) == sorted(keys)

    spans = [step_spans(instance, r.run_id, SCAN_STEP) for r in runs]
    nodes = {node.split("@")[0] for _, _, node in spans}
    assert nodes == set(WORKERS), f"both workers should have scanned, saw {nodes}"
    overlap = most_at_once(spans)
    assert overlap >= 2, f"scans should have run at the same time: {spans}"
    # Every file downloaded once, whole (no resume, no second download).
    scanned = [(path, rng) for path, rng in site.requests[downloads_before:] if path.endswith(".warc.gz")]
    assert sorted(scanned) == sorted((f"/{name}", None) for name in NAMES)

    # The check passed for every file, and the counts add up.
    for run in runs:
        evaluations = [
            r.event_log_entry.dagster_event.event_specific_data
            for r in instance.get_records_for_run(
                run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
            ).records
        ]
        assert [(e.check_name, e.passed) for e in evaluations] == [("counts_add_up", True)]
    local_records, local_scans = local_scan[0]
    with connect(deployment.lake, read_only=True) as conn:
        lake_records, lake_scans = stored_rows(conn)
    for scan in lake_scans:
        _, status, records, kept, other, rejected, not_page, _ = scan
        assert status == "done" and records == RECORDS == kept + other + rejected + not_page
        assert (kept, other, rejected, not_page) == (4 * COPIES,) * 4
    assert lake_scans == local_scans
    assert len(lake_records) == FILES * 8 * COPIES
    assert lake_records == local_records

    # The day, run on the deployment: its raw/pages (on a worker) reads the scanned rows; nothing is downloaded again.
    downloads = len(site.requests)
    day_started = time.monotonic()
    (day_run,) = wait_for_runs(instance, [deployment.launch("daily_news_job", DAY.isoformat())], timeout_s=900)
    day_elapsed = time.monotonic() - day_started
    assert day_run.status == dg.DagsterRunStatus.SUCCESS, failures(instance, day_run.run_id)
    assert len(site.requests) == downloads
    with connect(deployment.lake, read_only=True) as conn:
        day_rows = conn.execute(
            "SELECT count(*), count(html), count(read_error) FROM raw.pages WHERE source = ? AND news_date = ?",
            [SOURCE, DAY],
        ).fetchone()
        scanned_rows = conn.execute(
            "SELECT count(*) FROM raw.ccnews_records WHERE source = ? AND news_date = ?", [SOURCE, DAY]
        ).fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM clean.articles WHERE news_date = ?", [DAY]).fetchone()[0]
    # 3 kept and 4 rejected records of every copy are dated the 16th in Seoul (the late page is the 17th).
    assert day_rows == (scanned_rows, FILES * COPIES * 3, FILES * COPIES * 4)
    assert articles > 0
    busy = sum(e - s for s, e, _ in spans)
    span = max(e for _, e, _ in spans) - min(s for s, _, _ in spans)
    print(
        f"\n{FILES} WARC files ({FILES * RECORDS} records, {FILES * 8 * COPIES} rows stored) scanned through 2 Celery "
        f"workers at {RATE // 1000} kB/s each: backfill to last run done {elapsed:.0f} s; scan steps "
        f"{', '.join(f'{e - s:.1f}' for s, e, _ in spans)} s ({busy:.0f} s in all) within {span:.0f} s, "
        f"{overlap} at once, on {sorted(nodes)}; the same files in one process at loopback speed: "
        f"{local_scan[1]:.1f} s; the day {DAY} (raw/pages to the end) on the deployment: {day_elapsed:.0f} s"
    )


def launch(deployment: Deployment, job: str) -> str:
    """`dagster job launch` of an unpartitioned job; its run id."""
    import uuid

    from tests.scale.deployment import WORKSPACE_YAML

    run_id = str(uuid.uuid4())
    deployment.dagster("job", "launch", "-w", str(WORKSPACE_YAML), "-j", job, "--run-id", run_id)
    return run_id


class _GatedConnection:
    """A lake connection whose first `commit()` in each thread waits until `parties` threads stand at it, so that
    their transactions are all open (their deletes done) before any of them commits."""

    def __init__(self, conn, gate: threading.Barrier, state: threading.local):
        self._conn, self._gate, self._state = conn, gate, state

    def commit(self):
        if not getattr(self._state, "passed", False):
            self._state.passed = True
            self._gate.wait(timeout=120)
        return self._conn.commit()

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_scans_whose_lake_commits_conflict_commit_again_with_the_same_batch(deployment, site, local_scan):
    """After the lake's maintenance merged the scan rows of every file into one Parquet file, two rescans that commit
    at the same moment both delete from that file: DuckLake refuses the second commit, and the scan commits the
    same batch again on a new connection. The rows end as a one-machine scan's."""
    from contextlib import contextmanager

    from news_assets.storage import connection
    from news_assets.storage.maintenance import maintain

    source = source_of(site)
    rate, site.rate = site.rate, None
    try:
        with connection(deployment.lake) as conn:
            done = conn.execute("SELECT count(*) FROM raw.ccnews_scans WHERE status = 'done'").fetchone()[0]
        if done < FILES:  # the first test did not run: scan the files into the lake here
            for name in NAMES:
                scan_into(lambda: connection(deployment.lake), source, f"{site.base}/{name}")
        with connection(deployment.lake) as conn:
            maintain(conn, deployment.lake.lake_name)
            shared = conn.execute(
                f"SELECT count(*) FROM ducklake_list_files('{deployment.lake.lake_name}', 'ccnews_scans', schema => 'raw')"
            ).fetchone()[0]
        assert shared == 1, "the maintenance should have merged the scan rows into one file"

        gate, state = threading.Barrier(2), threading.local()

        @contextmanager
        def gated():
            with connection(deployment.lake) as conn:
                yield _GatedConnection(conn, gate, state)

        results, errors = {}, []

        def rescan(name):
            try:
                results[name] = scan_into(gated, source, f"{site.base}/{name}", rescan=True)
            except BaseException as e:
                errors.append(e)

        threads = [threading.Thread(target=rescan, args=(name,)) for name in NAMES[:2]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        site.rate = rate
    assert errors == []
    assert [results[name].status for name in NAMES[:2]] == ["done", "done"]
    assert sum(results[name].conflicts for name in NAMES[:2]) >= 1, "the gated commits should have conflicted"
    with connect(deployment.lake, read_only=True) as conn:
        assert stored_rows(conn) == local_scan[0]
    print(f"\nconflicting commits retried: {[results[name].conflicts for name in NAMES[:2]]}")
