"""raw/pages: every page the configured sources delivered for the KST day."""

from itertools import chain

import dagster as dg
import polars as pl

from news_assets.defs.ccnews import RECORDS_KEY
from news_assets.defs.io_manager import DaysWritten, DayWriter
from news_assets.defs.metadata import DaySummary, definition_metadata
from news_assets.defs.partitions import daily_partitions, days_of
from news_assets.defs.resources import PageSources
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import KINDS, asset_key, daily
from news_assets.schemas import RAW_PAGES
from news_assets.sources.ccnews import CcNewsSource
from news_assets.transform.ccnews import day_pages
from news_assets.transform.pages import pages_frame

DESCRIPTION = (
    "Every page the configured sources delivered for the KST day, with its raw bytes: the landing folder "
    "(`data/landing/<YYYY-MM-DD>/manifest.csv`) by default, WARC archives and news sitemaps/feeds over "
    "HTTP when `NEWS_ASSETS_SOURCES` names a sources file, and the records the CC-NEWS scans stored for the "
    "day (raw.ccnews_records: never downloaded again). A page that could not be read is kept with "
    "`read_error`, so that it ends as a reject instead of disappearing."
)


def raw_pages(context: dg.AssetExecutionContext, sources: PageSources, storage: NewsStorage) -> DaysWritten:
    """One day at a time: the day's pages are read, written in one transaction and released before the next day,
    so a backfill of a year in one run holds one day's bytes, not the year's."""
    configured = sources.load()
    fetched = [source for source in configured if not isinstance(source, CcNewsSource)]
    scanned = [source for source in configured if isinstance(source, CcNewsSource)]
    days = days_of(context.partition_time_window)
    writer = DayWriter(storage, RAW_PAGES, context.log)
    summary = DaySummary()
    for day in days:
        frames = [pages_frame(chain.from_iterable(source.pages(day) for source in fetched))]
        if scanned:
            with storage.connection() as conn:
                frames.extend(day_pages(conn, source.name, day) for source in scanned)
        frame = pl.concat(frames, how="vertical")
        writer.write(day, frame)
        summary.add(
            frame.select("news_date", "source", "outlet", "url", "size_bytes", "read_error"),
            day=day,
            unreadable=int(frame["read_error"].is_not_null().sum()),
            bytes=int(frame["size_bytes"].sum() or 0),
        )
        del frames, frame
    context.add_output_metadata(
        summary.metadata(
            days=len(days),
            sources=", ".join(source.name for source in configured),
            unreadable=summary.totals.get("unreadable", 0),
            megabytes=round(summary.totals.get("bytes", 0) / 1e6, 2),
        )
    )
    return writer.written


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    pages = dg.asset(
        key=asset_key(RAW_PAGES),
        group_name="raw",
        description=DESCRIPTION,
        metadata=definition_metadata(RAW_PAGES),
        kinds=KINDS,
        # A day reads whatever the scans of every file stored for it (a day of CC-NEWS spans a month of files).
        deps=[dg.AssetDep(RECORDS_KEY, partition_mapping=dg.AllPartitionMapping())],
        **daily(partitions),
    )(raw_pages)
    return dg.Definitions(assets=[pages])
