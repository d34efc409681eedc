"""Sources of raw pages for a KST day. Pure: no Dagster here."""

from news_assets.sources.landing import ManifestError, day_fingerprint, landed_days, read_landing_day
from news_assets.sources.page import RawPage

__all__ = ["ManifestError", "RawPage", "day_fingerprint", "landed_days", "read_landing_day"]
