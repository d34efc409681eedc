"""One daily partition per KST calendar day, starting at the configured first day."""

from __future__ import annotations

from datetime import date, timedelta

import dagster as dg

from news_assets.kst import KST_NAME, days_between
from news_assets.settings import Settings


def daily_partitions(settings: Settings) -> dg.DailyPartitionsDefinition:
    return dg.DailyPartitionsDefinition(start_date=settings.start_date, timezone=KST_NAME, end_offset=0)


def first_and_last_day(window: dg.TimeWindow) -> tuple[date, date]:
    """The KST days a partition window covers: it runs from the first day 00:00 to the day after the last."""
    return window.start.date(), (window.end - timedelta(days=1)).date()


def days_of(window: dg.TimeWindow) -> list[date]:
    return days_between(*first_and_last_day(window))
