"""daily/stories and daily/story_articles: the day's stories across outlets, followed across days.

The grouping is news_assets/transform/stories.py. This module computes a range one day at a time from storage:
the day's articles, mentions and keywords (`DayFrames`) and the stored stories of the look-back window before
it, written with `DayWriter` before the next day reads them, so a run holds one day, never its range. After the
range it recomputes the stored days after it that depend on it (a backfill in any order ends with the same ids
as one in order).
"""

from collections.abc import Iterator
from datetime import date, timedelta

import dagster as dg
import duckdb
import polars as pl

from news_assets.defs.io_manager import DayFrames, DayWriter, replace_rows
from news_assets.defs.metadata import DaySummary, markdown_table
from news_assets.defs.partitions import daily_partitions, days_of
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import asset_key, daily, table_out
from news_assets.schemas import (
    CLEAN_ARTICLES,
    DAILY_STORIES,
    DAILY_STORY_ARTICLES,
    NLP_KEYWORDS,
    NLP_MENTIONS,
)
from news_assets.storage import ensure_tables, select_days, table_exists
from news_assets.transform.settle import SETTLE_ATTEMPTS
from news_assets.transform.stories import (
    ARTICLE_COLUMNS,
    KEYWORD_COLUMNS,
    LOOKBACK_DAYS,
    MENTION_COLUMNS,
    same_rows,
    stories_of_day,
)


def prior_stories(conn: duckdb.DuckDBPyConnection, first: date) -> pl.DataFrame:
    """Stored daily.stories rows of the LOOKBACK_DAYS days before `first`."""
    return select_days(
        conn, DAILY_STORIES, DAILY_STORIES.names, first - timedelta(days=LOOKBACK_DAYS), first - timedelta(days=1)
    )


def refresh_later_days(conn: duckdb.DuckDBPyConnection, last: date, known: pl.DataFrame) -> list[date]:
    """Recompute the stored days after `last` whose stories depend on the days just computed (`known` holds
    them and the window before); rewrite a day whose rows change. Stops when no day of a whole look-back window
    after the last changed day is stored. Returns the days rewritten."""
    if not table_exists(conn, DAILY_STORIES):
        return []
    later = [
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT news_date FROM {DAILY_STORIES.qualified_name} WHERE news_date > ? ORDER BY 1", [last]
        ).fetchall()
    ]
    rewritten: list[date] = []
    changed_until = last
    for day in later:
        if (day - changed_until).days > LOOKBACK_DAYS:
            break
        window = pl.concat(
            [
                known.filter(pl.col("news_date") >= day - timedelta(days=LOOKBACK_DAYS)),
                select_days(
                    conn, DAILY_STORIES, DAILY_STORIES.names, changed_until + timedelta(days=1), day - timedelta(days=1)
                ),
            ]
        ).unique(subset=["news_date", "story_id"], keep="first")
        stories, links = stories_of_day(
            day,
            select_days(conn, CLEAN_ARTICLES, ARTICLE_COLUMNS, day, day),
            select_days(conn, NLP_MENTIONS, MENTION_COLUMNS, day, day),
            select_days(conn, NLP_KEYWORDS, KEYWORD_COLUMNS, day, day),
            window,
        )
        stored = select_days(conn, DAILY_STORIES, DAILY_STORIES.names, day, day)
        stored_links = select_days(conn, DAILY_STORY_ARTICLES, DAILY_STORY_ARTICLES.names, day, day)
        if same_rows(stories, stored, ["story_id"]) and same_rows(links, stored_links, ["story_id", "article_id"]):
            known = pl.concat([known, stored]).filter(pl.col("news_date") > day - timedelta(days=LOOKBACK_DAYS))
            continue
        replace_rows(conn, DAILY_STORIES, stories, (day, day))
        replace_rows(conn, DAILY_STORY_ARTICLES, links, (day, day))
        known = pl.concat([known, stories]).filter(pl.col("news_date") > day - timedelta(days=LOOKBACK_DAYS))
        rewritten.append(day)
        changed_until = day
    return rewritten


def top_stories(stories: pl.DataFrame, n: int = 10) -> pl.DataFrame:
    return (
        stories.sort(["articles", "outlets", "story_id"], descending=[True, True, False])
        .head(n)
        .with_row_index("rank", offset=1)
        .select("rank", "headline", "outlets", "articles", "days_running", "first_outlet")
    )


def _stories_of_stored_day(
    conn: duckdb.DuckDBPyConnection, day: date, articles: DayFrames, mentions: DayFrames, keywords: DayFrames
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The day's stories from its stored inputs and the stored stories of the window before it."""
    return stories_of_day(day, articles.load(day), mentions.load(day), keywords.load(day), prior_stories(conn, day))


def stories_asset(
    context: dg.AssetExecutionContext,
    storage: NewsStorage,
    articles: DayFrames,
    mentions: DayFrames,
    keywords: DayFrames,
) -> Iterator[dg.Output | dg.AssetMaterialization]:
    """One day at a time, in date order: the day's stories computed from its stored inputs and the stored stories
    of the look-back window before it (the days of the range already written are in it), written (one
    transaction per table), then computed again from storage: when a concurrent run relinked or re-analysed the
    day meanwhile, it is written again (news_assets.transform.settle) before the next day reads it. A range holds
    one day's inputs and a window of stories, never the range. Then the stored later days that continue these
    stories are recomputed."""
    days = days_of(context.partition_time_window)
    stories_written = DayWriter(storage, DAILY_STORIES, context.log)
    links_written = DayWriter(storage, DAILY_STORY_ARTICLES, context.log)
    summary, link_summary = DaySummary(), DaySummary()
    continuing = 0
    top, top_day = top_stories(DAILY_STORIES.empty()), None
    for day in days:
        with storage.connection() as conn:
            stories, links = _stories_of_stored_day(conn, day, articles, mentions, keywords)
        stories_written.write(day, stories)
        links_written.write(day, links)
        for _ in range(SETTLE_ATTEMPTS):
            with storage.connection() as conn:
                again, again_links = _stories_of_stored_day(conn, day, articles, mentions, keywords)
            if same_rows(again, stories, ["story_id"]) and same_rows(again_links, links, ["story_id", "article_id"]):
                break
            context.log.info(f"{day}: inputs changed while its stories were computed; written again")
            stories, links = again, again_links
            stories_written.write(day, stories)
            links_written.write(day, links)
        summary.add(stories, day=day)
        link_summary.add(links, day=day)
        continuing += int((stories["days_running"] > 1).sum())
        if stories.height:
            top, top_day = top_stories(stories), day
        del stories, links
    # Later days already stored continue these stories: recompute them now (a reverse-order backfill).
    with storage.connection() as conn:
        if storage.config().is_lake:
            ensure_tables(conn, DAILY_STORIES, DAILY_STORY_ARTICLES)
        window = select_days(
            conn, DAILY_STORIES, DAILY_STORIES.names, days[-1] - timedelta(days=LOOKBACK_DAYS), days[-1]
        )
        rewritten = refresh_later_days(conn, days[-1], window)
    if rewritten:
        context.log.info(f"story ids of later days recomputed: {', '.join(map(str, rewritten))}")
    for day in rewritten:
        for table in (DAILY_STORIES, DAILY_STORY_ARTICLES):
            yield dg.AssetMaterialization(
                asset_key=asset_key(table),
                partition=day.isoformat(),
                description="recomputed: it continues stories of a day written after it",
                metadata={"recomputed_by": dg.MetadataValue.text(context.run.run_id)},
            )
    yield dg.Output(
        stories_written.written,
        output_name="stories",
        metadata=summary.metadata(
            top=top,
            top_10_day=None if top_day is None else str(top_day),
            top_stories=dg.MetadataValue.md(markdown_table(top, rows=10, max_chars=80)),
            continuing=continuing,
            later_days_recomputed=dg.MetadataValue.json([str(d) for d in rewritten]),
        ),
    )
    yield dg.Output(links_written.written, output_name="story_articles", metadata=link_summary.metadata())


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    out = table_out(DAILY_STORIES)
    asset = dg.multi_asset(
        name="daily_stories",
        outs={
            "stories": dg.AssetOut(
                key=out.key,
                description=out.description,
                group_name="daily",
                metadata=out.metadata,
                kinds=out.kinds,
                is_required=True,
            ),
            "story_articles": dg.AssetOut(
                key=asset_key(DAILY_STORY_ARTICLES),
                description=DAILY_STORY_ARTICLES.description,
                group_name="daily",
                metadata=table_out(DAILY_STORY_ARTICLES).metadata,
                kinds=out.kinds,
                is_required=True,
            ),
        },
        ins={
            "articles": dg.AssetIn(
                asset_key(CLEAN_ARTICLES), metadata={"columns": list(ARTICLE_COLUMNS), "by_day": True}
            ),
            "mentions": dg.AssetIn(
                asset_key(NLP_MENTIONS), metadata={"columns": list(MENTION_COLUMNS), "by_day": True}
            ),
            "keywords": dg.AssetIn(
                asset_key(NLP_KEYWORDS), metadata={"columns": list(KEYWORD_COLUMNS), "by_day": True}
            ),
        },
        description=(
            "The day's stories: unique articles grouped by content (entities, keywords, tf-idf cosine with LSH "
            "candidates), wire copies counted once, linked to the stories of the 7 days before so that a "
            "follow-up keeps its story_id. See news_assets/transform/stories.py."
        ),
        **daily(partitions),
    )(stories_asset)
    return dg.Definitions(assets=[asset])
