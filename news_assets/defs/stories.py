"""daily/stories and daily/story_articles: the day's stories across outlets, followed across days.

The grouping is news_assets/transform/stories.py. This module reads the stories of the days before the run's
range through the storage resource (the look-back window), and after computing the range it recomputes the
stored days after it that depend on it (a backfill in any order ends with the same ids as one in order).
"""

from collections.abc import Iterator
from datetime import date, timedelta

import dagster as dg
import duckdb
import polars as pl

from news_assets.defs.io_manager import DaysWritten, replace_rows, write_rows
from news_assets.defs.metadata import frame_metadata, markdown_table
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
    TableSchema,
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
    stories_of_days,
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
            known = pl.concat([known, stored])
            continue
        replace_rows(conn, DAILY_STORIES, stories, (day, day))
        replace_rows(conn, DAILY_STORY_ARTICLES, links, (day, day))
        known = pl.concat([known, stories])
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


def _stories_from_storage(conn: duckdb.DuckDBPyConnection, days: list[date]) -> tuple[pl.DataFrame, pl.DataFrame]:
    first, last = days[0], days[-1]
    return stories_of_days(
        days,
        select_days(conn, CLEAN_ARTICLES, ARTICLE_COLUMNS, first, last),
        select_days(conn, NLP_MENTIONS, MENTION_COLUMNS, first, last),
        select_days(conn, NLP_KEYWORDS, KEYWORD_COLUMNS, first, last),
        prior_stories(conn, first),
    )


def _write_days(storage: NewsStorage, days: list[date], stories: pl.DataFrame, links: pl.DataFrame, log) -> None:
    for day in days:
        write_rows(storage, DAILY_STORIES, stories.filter(pl.col("news_date") == day), (day, day), log)
        write_rows(storage, DAILY_STORY_ARTICLES, links.filter(pl.col("news_date") == day), (day, day), log)


def stories_asset(
    context: dg.AssetExecutionContext,
    storage: NewsStorage,
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    keywords: pl.DataFrame,
) -> Iterator[dg.Output | dg.AssetMaterialization]:
    """The range's stories, written day by day (one transaction each), then computed again from the stored tables:
    when a concurrent run relinked or re-analysed a day meanwhile, the days are written again
    (news_assets.transform.settle). Then the stored later days that continue these stories are recomputed."""
    days = days_of(context.partition_time_window)
    with storage.connection() as conn:
        prior = prior_stories(conn, days[0])
    stories, links = stories_of_days(days, articles, mentions, keywords, prior)
    del articles, mentions, keywords
    _write_days(storage, days, stories, links, context.log)
    for _ in range(SETTLE_ATTEMPTS):
        with storage.connection() as conn:
            again, again_links = _stories_from_storage(conn, days)
        if same_rows(again, stories, ["story_id"]) and same_rows(again_links, links, ["story_id", "article_id"]):
            break
        context.log.info("the range's inputs changed while its stories were computed; written again")
        stories, links = again, again_links
        _write_days(storage, days, stories, links, context.log)
    # Later days already stored continue these stories: recompute them now (a reverse-order backfill).
    with storage.connection() as conn:
        if storage.config().is_lake:
            ensure_tables(conn, DAILY_STORIES, DAILY_STORY_ARTICLES)
        rewritten = refresh_later_days(conn, days[-1], pl.concat([prior, stories]))
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
    last = stories["news_date"].max()
    top = top_stories(stories.filter(pl.col("news_date") == last)) if last is not None else stories
    yield dg.Output(
        _written(DAILY_STORIES, stories, days),
        output_name="stories",
        metadata=frame_metadata(
            stories,
            preview=top,
            top_10_day=None if last is None else str(last),
            top_stories=dg.MetadataValue.md(markdown_table(top, rows=10, max_chars=80)),
            continuing=int((stories["days_running"] > 1).sum()),
            later_days_recomputed=dg.MetadataValue.json([str(d) for d in rewritten]),
        ),
    )
    yield dg.Output(
        _written(DAILY_STORY_ARTICLES, links, days), output_name="story_articles", metadata=frame_metadata(links)
    )


def _written(table: TableSchema, frame: pl.DataFrame, days: list[date]) -> DaysWritten:
    per_day = dict(frame.group_by("news_date").len().iter_rows())
    rows_per_day = {day.isoformat(): int(per_day.get(day, 0)) for day in days}
    return DaysWritten(table.qualified_name, frame.height, len(days), rows_per_day)


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
            "articles": dg.AssetIn(asset_key(CLEAN_ARTICLES), metadata={"columns": list(ARTICLE_COLUMNS)}),
            "mentions": dg.AssetIn(asset_key(NLP_MENTIONS), metadata={"columns": list(MENTION_COLUMNS)}),
            "keywords": dg.AssetIn(asset_key(NLP_KEYWORDS), metadata={"columns": list(KEYWORD_COLUMNS)}),
        },
        description=(
            "The day's stories: unique articles grouped by content (entities, keywords, tf-idf cosine with LSH "
            "candidates), wire copies counted once, linked to the stories of the 7 days before so that a "
            "follow-up keeps its story_id. See news_assets/transform/stories.py."
        ),
        **daily(partitions),
    )(stories_asset)
    return dg.Definitions(assets=[asset])
