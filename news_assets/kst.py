"""KST, the clock of every partition: a news day is a calendar day in Asia/Seoul. The one place it is named."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

KST_NAME = "Asia/Seoul"
KST = ZoneInfo(KST_NAME)


def kst_day(moment: datetime) -> date:
    return moment.astimezone(KST).date()


def days_between(first: date, last: date) -> list[date]:
    """Every day from first to last, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
