"""CC-NEWS: one scan per WARC file, a dynamic partition of its own (`ccnews_files`), before the days read it.

    ccnews_files_sensor / ccnews_listing_job   add each ccnews source's new listing files as partitions
    raw/ccnews_records + raw/ccnews_scans      the scan of one file (`ccnews_scan_job`, one run per file)
    counts_add_up                              per file: records = kept + other_language + rejected + not_page,
                                               and the stored rows are exactly the kept and rejected records
    raw/pages (raw.py)                         a day's pages read the stored records of every ccnews source

A scan commits its records in batches with its checkpoint (news_assets/transform/ccnews.py), so a crash resumes
without duplicates; it holds no DuckDB connection between batches and sits outside the `duckdb` pool, so scans of
many files run in parallel (runs on one machine take turns on the file's lock for each batch; on the `scale`
profile, Celery workers commit to the DuckLake).
"""

import json
from collections.abc import Callable
from typing import Any

import dagster as dg
import polars as pl
from pydantic import Field

from news_assets.defs.metadata import definition_metadata, markdown_table
from news_assets.defs.resources import PageSources
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import asset_key
from news_assets.schemas import RAW_CCNEWS_RECORDS, RAW_CCNEWS_SCANS
from news_assets.sources.ccnews import CcNewsSource, Checkpoint, ScanError
from news_assets.storage import table_exists
from news_assets.transform.ccnews import (
    DEFAULT_BATCH_BYTES,
    DEFAULT_BATCH_PAGES,
    keyed_files,
    scan_into,
)

FILES_PARTITIONS = "ccnews_files"
CCNEWS_FILES = dg.DynamicPartitionsDefinition(name=FILES_PARTITIONS)
RECORDS_KEY = asset_key(RAW_CCNEWS_RECORDS)
SCANS_KEY = asset_key(RAW_CCNEWS_SCANS)
CCNEWS_ASSETS = dg.AssetSelection.assets(RECORDS_KEY, SCANS_KEY)


class ScanConfig(dg.Config):
    rescan: bool = Field(default=False, description="Scan the file again from its start, replacing its rows")
    batch_pages: int = Field(default=DEFAULT_BATCH_PAGES, description="Pages committed per transaction")
    batch_megabytes: int = Field(default=DEFAULT_BATCH_BYTES >> 20, description="Page bytes per transaction, at most")


def ccnews_sources(sources: PageSources) -> list[CcNewsSource]:
    return [s for s in sources.load() if isinstance(s, CcNewsSource)]


def _source_of(key: str, sources: list[CcNewsSource]) -> CcNewsSource:
    name = key.split(":", 1)[0]
    for source in sources:
        if source.name == name:
            return source
    raise dg.Failure(f"partition {key!r}: no ccnews source named {name!r} in the sources file")


def _file_of(key: str, source: CcNewsSource, storage: NewsStorage) -> str:
    """The file's URL or path: stored with its scan, else looked up in the source's listing."""
    with storage.connection() as conn:
        if table_exists(conn, RAW_CCNEWS_SCANS):
            row = conn.execute(
                f"SELECT file FROM {RAW_CCNEWS_SCANS.qualified_name} WHERE scan_file = ?", [key]
            ).fetchone()
            if row:
                return str(row[0])
    files = keyed_files(source)
    if key not in files:
        files = keyed_files(source, refresh=True)
    if key not in files:
        raise dg.Failure(f"partition {key!r}: the listing of source {source.name!r} has no such file")
    return files[key]


def _progress_logger(context: dg.AssetExecutionContext, key: str) -> Callable[[Checkpoint], None]:
    def log(mark: Checkpoint) -> None:
        context.log.debug(f"{key}: {mark.counts.records} records committed")

    return log


def ccnews_scans(context: dg.AssetExecutionContext, config: ScanConfig, storage: NewsStorage, sources: PageSources):
    configured = ccnews_sources(sources)
    results = []
    for key in context.partition_keys:
        source = _source_of(key, configured)
        file = _file_of(key, source, storage)
        context.log.info(f"scanning {file} ({'again from the start' if config.rescan else 'resuming if stored'})")
        try:
            result = scan_into(
                storage.connection,
                source,
                file,
                key=key,
                rescan=config.rescan,
                batch_pages=config.batch_pages,
                batch_bytes=config.batch_megabytes << 20,
                progress=_progress_logger(context, key),
            )
        except ScanError as exc:
            raise dg.Failure(f"{key}: {exc}") from exc
        if result.error is not None:
            raise dg.Failure(
                f"{key}: the download stopped at record {result.counts.records} ({result.error}); what was read is "
                "stored, and materializing the partition again resumes there"
            )
        if result.conflicts:
            context.log.warning(
                f"{key}: {result.conflicts} batch commits conflicted with a concurrent writer and were committed again"
            )
        results.append(result)
    counts = {
        "records": sum(r.counts.records for r in results),
        "kept": sum(r.counts.kept for r in results),
        "other_language": sum(r.counts.other_language for r in results),
        "rejected": sum(sum(r.counts.rejected.values()) for r in results),
        "not_page": sum(sum(r.counts.not_page.values()) for r in results),
    }
    common = {
        "files": len(results),
        "resumed": sum(r.resumed_at is not None and not r.skipped for r in results),
        "already_done": sum(r.skipped for r in results),
        "batches_committed": sum(r.batches for r in results),
        "commit_conflicts_retried": sum(r.conflicts for r in results),
    }
    rejected: dict[str, int] = {}
    for r in results:
        for reason, n in r.counts.rejected.items():
            rejected[reason] = rejected.get(reason, 0) + n
    yield dg.MaterializeResult(
        asset_key=RECORDS_KEY,
        metadata={
            "dagster/row_count": counts["kept"] + counts["rejected"],
            "kept": counts["kept"],
            "rejected": dg.MetadataValue.json(dict(sorted(rejected.items()))),
            "stored_this_run": sum(r.stored_this_run for r in results),
            **common,
        },
    )
    yield dg.MaterializeResult(
        asset_key=SCANS_KEY,
        metadata={
            **counts,
            **common,
            "adds_up": all(r.counts.adds_up for r in results),
            "not_page_by_type": dg.MetadataValue.json(
                {k: v for r in results for k, v in sorted(r.counts.not_page.items())}
            ),
        },
    )


COUNTS_VIOLATIONS_SQL = f"""
WITH s AS (SELECT * FROM {RAW_CCNEWS_SCANS.qualified_name} WHERE scan_file = $key),
     r AS (SELECT count(*) FILTER (WHERE reason IS NULL AND html IS NOT NULL) AS kept_rows,
                  count(*) FILTER (WHERE reason IS NOT NULL AND html IS NULL) AS rejected_rows,
                  count(*) AS all_rows,
                  count(DISTINCT (record_offset, record_index)) AS distinct_records
           FROM {RAW_CCNEWS_RECORDS.qualified_name} WHERE scan_file = $key)
SELECT s.scan_file, s.status, s.records, s.kept, s.other_language, s.rejected, s.not_page,
       r.kept_rows, r.rejected_rows, r.all_rows, r.distinct_records
FROM s, r
WHERE s.records <> s.kept + s.other_language + s.rejected + s.not_page
   OR r.kept_rows <> s.kept OR r.rejected_rows <> s.rejected
   OR r.all_rows <> r.kept_rows + r.rejected_rows OR r.distinct_records <> r.all_rows
"""


def _reasons_sql() -> str:
    return (
        f"SELECT reason, count(*) AS rows FROM {RAW_CCNEWS_RECORDS.qualified_name}"
        " WHERE scan_file = $key AND reason IS NOT NULL GROUP BY reason"
    )


def counts_add_up(context: dg.AssetCheckExecutionContext, storage: NewsStorage) -> dg.AssetCheckResult:
    failures = []
    checked = []
    with storage.connection() as conn:
        for key in context.partition_keys:
            if not table_exists(conn, RAW_CCNEWS_SCANS):
                failures.append({"scan_file": key, "problem": "never scanned"})
                continue
            scan = conn.execute(
                f"SELECT status, records, rejected_by_reason FROM {RAW_CCNEWS_SCANS.qualified_name} WHERE scan_file = ?",
                [key],
            ).fetchone()
            if scan is None:
                failures.append({"scan_file": key, "problem": "never scanned"})
                continue
            violations = conn.execute(COUNTS_VIOLATIONS_SQL, {"key": key}).fetchall()
            by_reason = dict(conn.execute(_reasons_sql(), {"key": key}).fetchall())
            if violations:
                failures.append({"scan_file": key, "problem": f"counts do not add up: {violations[0]}"})
            elif by_reason != json.loads(scan[2]):
                failures.append({"scan_file": key, "problem": f"rejects {by_reason} stored, {scan[2]} counted"})
            checked.append({"scan_file": key, "status": scan[0], "records": scan[1]})

    return dg.AssetCheckResult(
        passed=not failures,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "files_checked": len(checked),
            "violations": len(failures),
            "examples": dg.MetadataValue.md(markdown_table(pl.DataFrame(failures or None))),
        },
    )


def add_new_files(instance: dg.DagsterInstance, configured: list[CcNewsSource]) -> list[str]:
    """Adds the listing files not yet partitions of `ccnews_files`; returns their keys."""
    known = set(instance.get_dynamic_partitions(FILES_PARTITIONS))
    new = [key for source in configured for key in keyed_files(source, refresh=True) if key not in known]
    if new:
        instance.add_dynamic_partitions(FILES_PARTITIONS, new)
    return new


def files_sensor(job: Any) -> dg.SensorDefinition:
    @dg.sensor(
        name="ccnews_files_sensor",
        job=job,
        minimum_interval_seconds=600,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description="Reads each ccnews source's listing, adds its new WARC files as `ccnews_files` partitions and "
        "requests a scan of each.",
    )
    def _sensor(context: dg.SensorEvaluationContext, sources: PageSources) -> dg.SensorResult:
        known = set(context.instance.get_dynamic_partitions(FILES_PARTITIONS))
        new = [
            key for source in ccnews_sources(sources) for key in keyed_files(source, refresh=True) if key not in known
        ]
        if not new:
            return dg.SensorResult(skip_reason="No new CC-NEWS files in the listings")
        return dg.SensorResult(
            run_requests=[dg.RunRequest(partition_key=key, run_key=key) for key in new],
            dynamic_partitions_requests=[CCNEWS_FILES.build_add_request(new)],
        )

    return _sensor


@dg.op(description="Adds each ccnews source's new listing files as `ccnews_files` partitions (no scan).")
def list_ccnews_files(context: dg.OpExecutionContext, sources: PageSources) -> None:
    new = add_new_files(context.instance, ccnews_sources(sources))
    context.log.info(f"{len(new)} new CC-NEWS files: {new[:5]}{' …' if len(new) > 5 else ''}")


def list_files_graph() -> None:
    list_ccnews_files()


@dg.definitions
def defs() -> dg.Definitions:
    from news_assets.defs.automation import job_executor

    settings = settings_in_scope()
    scans = dg.multi_asset(
        name="ccnews_scans",
        specs=[
            dg.AssetSpec(
                RECORDS_KEY,
                group_name="raw",
                description=RAW_CCNEWS_RECORDS.description,
                metadata=definition_metadata(RAW_CCNEWS_RECORDS),
                kinds={"duckdb", "warc"},
            ),
            dg.AssetSpec(
                SCANS_KEY,
                group_name="raw",
                description=RAW_CCNEWS_SCANS.description,
                metadata=definition_metadata(RAW_CCNEWS_SCANS),
                kinds={"duckdb", "warc"},
            ),
        ],
        partitions_def=CCNEWS_FILES,
        backfill_policy=dg.BackfillPolicy.multi_run(1),
        # No pool: dagster.yaml limits every pool to 1 by default (the duckdb writers); a scan holds no
        # connection between its batch commits, so scans of many files run side by side (max_concurrent_runs).
        description="Stream one CC-NEWS WARC file (a `ccnews_files` partition) through the Korean-page scanner; "
        "commit its kept and rejected records with its counts and checkpoint in batches.",
    )(ccnews_scans)
    check = dg.asset_check(
        asset=SCANS_KEY,
        name="counts_add_up",
        description="Per WARC file: records = kept + other_language + rejected + not_page, and raw.ccnews_records "
        "holds exactly the kept pages and the rejects (by reason), each record once.",
        partitions_def=CCNEWS_FILES,
        blocking=True,
    )(counts_add_up)
    scan_job = dg.define_asset_job(
        name="ccnews_scan_job",
        description="Scan CC-NEWS WARC files, one `ccnews_files` partition per file (a backfill runs one run per file).",
        selection=CCNEWS_ASSETS,
        executor_def=job_executor(settings),
    )
    listing_job = dg.job(
        name="ccnews_listing_job",
        description="Add the new files of every ccnews source's listing as `ccnews_files` partitions.",
    )(list_files_graph)
    return dg.Definitions(
        assets=[scans], asset_checks=[check], jobs=[scan_job, listing_job], sensors=[files_sensor(scan_job)]
    )
