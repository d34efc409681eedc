"""What every source yields: one fetched page with its bytes and what the fetch said about it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from news_assets.sources.charset import charset_from_content_type


@dataclass(frozen=True, slots=True)
class RawPage:
    news_date: date
    url: str
    outlet: str
    fetched_at: datetime
    source: str
    location: str
    html: bytes | None
    http_status: int | None = None
    content_type: str | None = None
    read_error: str | None = None

    @property
    def page_id(self) -> str:
        # Day + source + location identify a page even when two pages share a URL (re-fetches, mirrors).
        key = f"{self.news_date.isoformat()}|{self.source}|{self.location}|{self.url}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def declared_charset(self) -> str | None:
        return charset_from_content_type(self.content_type)

    @property
    def sha256(self) -> str | None:
        return None if self.html is None else hashlib.sha256(self.html).hexdigest()
