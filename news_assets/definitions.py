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
    return dg.Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[daily_news_job, catalog_job],
        schedules=[daily_schedule],
        sensors=[landing_folder_sensor],
        resources=build_resources(settings or Settings.from_env()),
    )


defs = build_definitions()
