"""DuckLake housekeeping in Dagster: a job and a schedule that exist only in `ducklake` storage mode.

The work is `news_assets.storage.maintenance.maintain` (merge small files, expire snapshots past the retention,
delete files nothing references past a grace period). Each run reports a materialization of the asset
`lake/maintenance` (group `lake`), so the UI's catalog shows, next to the tables, when the lake was last
cleaned and what it removed. That asset is declared as an external asset spec and the job is an op job, so
the asset graph and jobs of the default mode are untouched and the daily job (every executable asset but
the all-days ones) never selects it.
"""

from datetime import timedelta

import dagster as dg
import polars as pl
from pydantic import Field

from news_assets.defs.metadata import markdown_table
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.kst import KST_NAME
from news_assets.storage.maintenance import maintain

MAINTENANCE_KEY = dg.AssetKey(["lake", "maintenance"])

MAINTENANCE_SPEC = dg.AssetSpec(
    MAINTENANCE_KEY,
    group_name="lake",
    description=(
        "DuckLake housekeeping of every table: small Parquet files merged, snapshots older than the retention "
        "expired, files no snapshot needs any more deleted after a grace period. Materialized by "
        "`ducklake_maintenance_job` (schedule `ducklake_maintenance_schedule`)."
    ),
    kinds={"ducklake", "sql"},
    metadata={
        "operations": dg.MetadataValue.md(
            "1. `ducklake_merge_adjacent_files`\n2. `ducklake_expire_snapshots(older_than)`\n"
            "3. `ducklake_cleanup_old_files(older_than)`\n4. `ducklake_delete_orphaned_files(older_than)`"
        )
    },
)


class MaintenanceConfig(dg.Config):
    expire_older_than_hours: float = Field(
        default=7 * 24, description="Snapshots older than this are expired: no time travel before it."
    )
    delete_older_than_hours: float = Field(
        default=24,
        description="Grace period before an unreferenced file is deleted: longer than any query or write runs.",
    )
    merge_adjacent_files: bool = Field(default=True, description="Merge each table's small files first.")
    dry_run: bool = Field(default=False, description="Report what would be expired and deleted; change nothing.")


def _examples(paths: list[str], data_path: str) -> dg.MetadataValue:
    """The first removed files, relative to the data path (`<schema>/<table>/ducklake-<uuid>.parquet`)."""
    prefix = data_path.rstrip("/") + "/"
    shown = [p.removeprefix(prefix) for p in paths]
    frame = pl.DataFrame({"file": shown}, schema={"file": pl.String})
    return dg.MetadataValue.md(markdown_table(frame, rows=20, max_chars=120))


@dg.op(
    name="ducklake_maintenance",
    description="Merge, expire and clean up the DuckLake; reports a materialization of lake/maintenance.",
)
def ducklake_maintenance_op(context: dg.OpExecutionContext, config: MaintenanceConfig, storage: NewsStorage) -> None:
    lake = storage.config()
    if not lake.is_lake:
        raise dg.Failure(f"DuckLake maintenance needs ducklake storage; this deployment uses {lake.describe()}")
    with storage.connection() as conn:
        report = maintain(
            conn,
            lake.lake_name,
            expire_older_than=timedelta(hours=config.expire_older_than_hours),
            delete_older_than=timedelta(hours=config.delete_older_than_hours),
            merge=config.merge_adjacent_files,
            dry_run=config.dry_run,
        )
    before, after = report.before, report.after
    context.log_event(
        dg.AssetMaterialization(
            asset_key=MAINTENANCE_KEY,
            description="dry run: nothing changed" if report.dry_run else None,
            metadata={
                "lake": lake.describe(),
                "dry_run": report.dry_run,
                "merged_adjacent_files": report.merged,
                "snapshots_expired": len(report.snapshots_expired),
                "files_removed": len(report.files_removed),
                "orphaned_files_removed": len(report.orphans_removed),
                "snapshots_before": before.snapshots,
                "snapshots_after": after.snapshots,
                "data_files_before": before.data_files,
                "data_files_after": after.data_files,
                "data_bytes_before": before.data_bytes,
                "data_bytes_after": after.data_bytes,
                "files_awaiting_deletion": after.scheduled_for_deletion,
                "removed_examples": _examples(report.files_removed + report.orphans_removed, lake.lake_location()[1]),
            },
        )
    )


@dg.definitions
def defs() -> dg.Definitions:
    """DuckLake housekeeping exists only in ducklake storage mode."""
    if not settings_in_scope().storage_config.is_lake:
        return dg.Definitions()

    @dg.job(
        name="ducklake_maintenance_job",
        description="DuckLake housekeeping: merge small files, expire old snapshots, delete unreferenced files.",
        tags={"news_assets/kind": "maintenance"},
    )
    def ducklake_maintenance_job() -> None:
        ducklake_maintenance_op()

    schedule = dg.ScheduleDefinition(
        name="ducklake_maintenance_schedule",
        job=ducklake_maintenance_job,
        cron_schedule="0 4 * * *",
        execution_timezone=KST_NAME,
        description="At 04:00 KST, after the day's run: DuckLake housekeeping. Stopped until you turn it on.",
        default_status=dg.DefaultScheduleStatus.STOPPED,
    )
    return dg.Definitions(assets=[MAINTENANCE_SPEC], jobs=[ducklake_maintenance_job], schedules=[schedule])
