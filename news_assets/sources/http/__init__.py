"""The outlets' own news sitemaps and feeds, crawled politely over HTTP. Pure: no Dagster here."""

from news_assets.sources.http.settings import HttpSettings, Outlet
from news_assets.sources.http.source import HttpSource

__all__ = ["HttpSettings", "HttpSource", "Outlet"]
