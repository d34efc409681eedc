"""One daily partition per KST calendar day."""

from __future__ import annotations

import dagster as dg

from news_assets.settings import Settings

daily_partitions = dg.DailyPartitionsDefinition(
    start_date=Settings.from_env().start_date, timezone="Asia/Seoul", end_offset=0
)
