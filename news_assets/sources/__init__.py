"""Sources of raw pages for a KST day. Pure: no Dagster here."""

from news_assets.sources.base import LandingSource, Source
from news_assets.sources.config import SourceConfigError, load_sources
from news_assets.sources.http import HttpSettings, HttpSource, Outlet
from news_assets.sources.landing import ManifestError, day_fingerprint, landed_days, read_landing_day
from news_assets.sources.page import RawPage
from news_assets.sources.warc import WarcSource

__all__ = [
    "HttpSettings",
    "HttpSource",
    "LandingSource",
    "ManifestError",
    "Outlet",
    "RawPage",
    "Source",
    "SourceConfigError",
    "WarcSource",
    "day_fingerprint",
    "landed_days",
    "load_sources",
    "read_landing_day",
]
