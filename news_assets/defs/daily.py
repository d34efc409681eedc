"""daily/entity_counts, cooccurrence, keyword_counts, source_volume, and the analysts' views over all days."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import dagster as dg
import duckdb
import polars as pl

from news_assets.defs.io_manager import DayWriter, write_rows
from news_assets.defs.metadata import DaySummary, definition_metadata, markdown_table
from news_assets.defs.partitions import daily_partitions, days_of
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import DUCKDB_POOL, KINDS, asset_key, daily
from news_assets.schemas import (
    CLEAN_ARTICLES,
    CLEAN_REJECTS,
    DAILY_COOCCURRENCE,
    DAILY_ENTITY_COUNTS,
    DAILY_KEYWORD_COUNTS,
    DAILY_SOURCE_VOLUME,
    NLP_KEYWORDS,
    NLP_MENTIONS,
    NLP_PERSON_ROLES,
    NLP_QUOTES,
    RAW_PAGES,
    TableSchema,
)
from news_assets.storage import select_days
from news_assets.transform.daily import cooccurrence, entity_counts, keyword_counts, source_volume
from news_assets.transform.settle import SETTLE_ATTEMPTS, same_rows, settle_later_days, stored_days_after
from news_assets.views import VIEWS

ANALYST_VIEWS_KEY = dg.AssetKey(["daily", "analyst_views"])


@dataclass(frozen=True)
class Aggregate:
    """A daily aggregate: a pure function of one day's rows of its input tables (news_assets/transform/daily.py)."""

    table: TableSchema
    compute: Callable[..., pl.DataFrame]
    inputs: dict[str, tuple[TableSchema, tuple[str, ...]]]
    top: tuple[str, ...]  # columns of the UI's top 10 of the last day

    def of_day(self, conn: duckdb.DuckDBPyConnection, day: date) -> pl.DataFrame:
        frames = {name: select_days(conn, table, columns, day, day) for name, (table, columns) in self.inputs.items()}
        return self.compute(**frames)


AGGREGATES = [
    Aggregate(
        DAILY_ENTITY_COUNTS,
        entity_counts,
        {
            "mentions": (NLP_MENTIONS, ("news_date", "article_id", "entity_id", "name", "type")),
            "articles": (CLEAN_ARTICLES, ("article_id", "outlet", "duplicate_of")),
        },
        ("name", "type", "mentions", "articles", "outlets"),
    ),
    Aggregate(
        DAILY_COOCCURRENCE,
        cooccurrence,
        {"mentions": (NLP_MENTIONS, ("news_date", "article_id", "entity_id", "name", "type", "start"))},
        ("name_a", "name_b", "articles"),
    ),
    Aggregate(
        DAILY_KEYWORD_COUNTS,
        keyword_counts,
        {"keywords": (NLP_KEYWORDS, ("news_date", "article_id", "term", "count"))},
        ("term", "articles", "count"),
    ),
    Aggregate(
        DAILY_SOURCE_VOLUME,
        source_volume,
        {
            "pages": (RAW_PAGES, ("news_date", "outlet")),
            "articles": (CLEAN_ARTICLES, ("news_date", "outlet", "duplicate_of")),
            "rejects": (CLEAN_REJECTS, ("news_date", "outlet")),
        },
        ("outlet", "pages", "articles", "duplicates", "rejects"),
    ),
]


def aggregate_days(
    context: dg.AssetExecutionContext, storage: NewsStorage, aggregate: Aggregate
) -> Iterator[dg.Output | dg.AssetMaterialization]:
    """One day at a time, read from the stored inputs (a range holds one day in memory): computed, written in one
    transaction, and computed again after the write; a day whose inputs moved meanwhile (a concurrent run
    relinked or re-analysed it) is written again. Then the stored days after the range are recomputed and a day
    that changed is rewritten: a run of an earlier day can relink later days (news_assets.transform.settle)."""
    days = days_of(context.partition_time_window)
    writer = DayWriter(storage, aggregate.table, context.log)
    summary = DaySummary()

    def compute(day: date) -> pl.DataFrame:
        with storage.connection() as conn:
            return aggregate.of_day(conn, day)

    for day in days:
        frame = compute(day)
        writer.write(day, frame)
        for _ in range(SETTLE_ATTEMPTS):
            again = compute(day)
            if same_rows(again, frame):
                break
            context.log.info(f"{day}: inputs changed while it was computed; written again")
            writer.write(day, again)
            frame = again
        summary.add(frame, day=day, top=frame.head(10).select(aggregate.top))

    def rewrite_if_changed(day: date) -> bool:
        with storage.connection() as conn:
            stored = select_days(conn, aggregate.table, aggregate.table.names, day, day)
        frame = compute(day)
        if same_rows(frame, stored):
            return False
        write_rows(storage, aggregate.table, frame, (day, day), context.log)
        return True

    with storage.connection() as conn:
        later = stored_days_after(conn, [aggregate.table], days[-1])
    for day in settle_later_days(later, days[-1], rewrite_if_changed):
        context.log.info(f"{day}: recomputed, its inputs changed after it was computed")
        yield dg.AssetMaterialization(
            asset_key=asset_key(aggregate.table),
            partition=day.isoformat(),
            description="recomputed: its articles' links or nlp rows changed after it was computed",
            metadata={"recomputed_by": dg.MetadataValue.text(context.run.run_id)},
        )
    yield dg.Output(writer.written, metadata=summary.metadata(top_10_day=str(days[-1])))


def analyst_views(context: dg.AssetExecutionContext, storage: NewsStorage) -> dg.MaterializeResult:
    with storage.transaction() as conn:
        for view in VIEWS:
            conn.execute(view.create_sql())
        trending = conn.execute(
            "SELECT news_date, trend_rank, name, type, articles, baseline_7, score_7, score_28 "
            "FROM daily.trending_entities "
            "WHERE news_date = (SELECT max(news_date) FROM daily.entity_counts) ORDER BY trend_rank, name"
        ).pl()
    return dg.MaterializeResult(
        metadata={
            "view_count": len(VIEWS),
            "trending_entities_last_day": dg.MetadataValue.md(markdown_table(trending)),
        }
    )


def _aggregate_asset(aggregate: Aggregate, partitions: dg.PartitionsDefinition) -> dg.AssetsDefinition:
    @dg.asset(
        key=asset_key(aggregate.table),
        group_name="daily",
        description=aggregate.table.description,
        deps=sorted({asset_key(table) for table, _ in aggregate.inputs.values()}, key=lambda k: k.to_user_string()),
        metadata=definition_metadata(aggregate.table),
        kinds=KINDS,
        **daily(partitions),
    )
    def compute(
        context: dg.AssetExecutionContext, storage: NewsStorage
    ) -> Iterator[dg.Output | dg.AssetMaterialization]:
        yield from aggregate_days(context, storage, aggregate)

    assert isinstance(compute, dg.AssetsDefinition)
    return compute


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    aggregates = [_aggregate_asset(aggregate, partitions) for aggregate in AGGREGATES]
    views = dg.asset(
        key=ANALYST_VIEWS_KEY,
        group_name="daily",
        description=(
            "Friendly views for analysts, created in the database: "
            + ", ".join(f"`{v.name}`" for v in VIEWS)
            + ". Trending is a view so that it is right whatever order days were backfilled in."
        ),
        deps=[
            asset_key(t)
            for t in (
                CLEAN_ARTICLES,
                NLP_QUOTES,
                NLP_PERSON_ROLES,
                DAILY_ENTITY_COUNTS,
                DAILY_COOCCURRENCE,
                DAILY_KEYWORD_COUNTS,
                DAILY_SOURCE_VOLUME,
            )
        ],
        metadata={"views": dg.MetadataValue.md("\n".join(f"- `{v.name}`: {v.description}" for v in VIEWS))},
        kinds={"duckdb", "sql"},
        pool=DUCKDB_POOL,
        automation_condition=dg.AutomationCondition.eager(),
    )(analyst_views)
    return dg.Definitions(assets=[*aggregates, views])
