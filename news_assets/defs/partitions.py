"""One daily partition per KST calendar day."""

from __future__ import annotations

from datetime import date, timedelta

import dagster as dg

from news_assets.settings import Settings

daily_partitions = dg.DailyPartitionsDefinition(
    start_date=Settings.from_env().start_date, timezone="Asia/Seoul", end_offset=0
)


def first_and_last_day(window: dg.TimeWindow) -> tuple[date, date]:
    """The KST days a partition window covers: it runs from the first day 00:00 to the day after the last."""
    return window.start.date(), (window.end - timedelta(days=1)).date()
