"""RawPage records → the raw.pages frame."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from news_assets.schemas import RAW_PAGES, conform
from news_assets.sources.page import RawPage


def pages_frame(pages: Iterable[RawPage]) -> pl.DataFrame:
    rows = [
        {
            "news_date": p.news_date,
            "page_id": p.page_id,
            "url": p.url,
            "outlet": p.outlet,
            "fetched_at": p.fetched_at,
            "source": p.source,
            "location": p.location,
            "http_status": p.http_status,
            "content_type": p.content_type,
            "declared_charset": p.declared_charset,
            "size_bytes": None if p.html is None else len(p.html),
            "sha256": p.sha256,
            "html": p.html,
            "read_error": p.read_error,
        }
        for p in pages
    ]
    if not rows:
        return RAW_PAGES.empty()
    return conform(pl.DataFrame(rows, schema=RAW_PAGES.polars_schema), RAW_PAGES)
