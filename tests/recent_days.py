"""Days that are daily partitions now, whatever the machine's clock says.

Dagster's CLI and daemon only accept partition keys up to the current KST day, so a test that backfills through
them cannot use fixed dates: on a machine whose clock is behind those dates the backfill is refused as
"Unknown partitions". Such tests generate their pages for the days chosen here instead."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from news_assets_sample import generate

from news_assets.kst import kst_day

# The last day ends this many days before today in Seoul, so a test that runs across midnight still finds it.
MARGIN_DAYS = 2


def recent_days(count: int) -> list[date]:
    """`count` consecutive complete KST days, the last one MARGIN_DAYS before today."""
    last = kst_day(datetime.now(UTC)) - timedelta(days=MARGIN_DAYS)
    return [last - timedelta(days=count - 1 - n) for n in range(count)]


def land_recent_days(landing: Path, count: int, pages_per_day: int = 36, seed: int = 20261113) -> list[str]:
    """Generate `count` recent days of sample pages into `landing` (the bundled sample's size and seed by
    default); return the days as partition keys."""
    days = recent_days(count)
    generate(landing, days[0], count, pages_per_day, seed)
    return [day.isoformat() for day in days]
