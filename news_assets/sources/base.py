"""What a source of raw pages is, and the landing folder seen as one.

Every source (landing folder, web archives, the outlets' own sitemaps and feeds) answers one question: which pages
belong to this KST day. A page that could not be read is still yielded, with `html=None` and
`read_error="<code>: <detail>"`, so that a failure ends as a reject row instead of a silent gap.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable

from news_assets.sources.landing import day_fingerprint, landed_days, read_landing_day
from news_assets.sources.page import RawPage


@runtime_checkable
class Source(Protocol):
    """A deployment's source of pages; `name` is unique among the configured sources."""

    @property
    def name(self) -> str: ...

    def pages(self, day: date) -> Iterator[RawPage]:
        """Every page of the KST `day`, unreadable ones included (with `read_error`)."""
        ...


@dataclass(frozen=True, slots=True)
class LandingSource:
    """The landing folder (`<root>/<YYYY-MM-DD>/manifest.csv`), see `news_assets.sources.landing`."""

    root: Path
    name: str = "landing"

    def pages(self, day: date) -> Iterator[RawPage]:
        return read_landing_day(self.root, day)

    def days(self) -> list[date]:
        return landed_days(self.root)

    def fingerprint(self, day: date) -> str | None:
        return day_fingerprint(self.root, day)
