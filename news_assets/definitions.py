"""The code location: `dagster dev -w workspace.yaml`, `dg dev`, or `dagster ... -m news_assets.definitions`."""

from __future__ import annotations

import dagster as dg

from news_assets.defs.assets import ALL_ASSETS
from news_assets.defs.automation import (
    catalog_job,
    daily_news_job,
    daily_schedule,
    landing_folder_sensor,
)
from news_assets.defs.checks import ALL_CHECKS
from news_assets.defs.resources import build_resources
from news_assets.settings import Settings


def build_definitions(settings: Settings | None = None) -> dg.Definitions:
    settings = settings or Settings.from_env()
    assets, jobs, schedules = list(ALL_ASSETS), [daily_news_job, catalog_job], [daily_schedule]
    if settings.storage_config.is_lake:
        # DuckLake housekeeping exists only in ducklake mode (see news_assets/defs/maintenance.py).
        from news_assets.defs.maintenance import (
            ducklake_maintenance_job,
            ducklake_maintenance_schedule,
            maintenance_spec,
        )

        assets.append(maintenance_spec)
        jobs.append(ducklake_maintenance_job)
        schedules.append(ducklake_maintenance_schedule)
    return dg.Definitions(
        assets=assets,
        asset_checks=ALL_CHECKS,
        jobs=jobs,
        schedules=schedules,
        sensors=[landing_folder_sensor],
        resources=build_resources(settings),
    )


defs = build_definitions()
