"""nlp/mentions, person_roles, quotes, keywords (one Kiwi pass a day) and the nlp/entities registry."""

from collections.abc import Callable, Iterator
from datetime import date

import dagster as dg
import polars as pl

from news_assets.defs.io_manager import DayFrames, DayWriter
from news_assets.defs.metadata import DaySummary, RangeTally, definition_metadata, frame_metadata
from news_assets.defs.partitions import daily_partitions
from news_assets.defs.resources import NlpSettings
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import DUCKDB_POOL, asset_key, daily, table_out
from news_assets.nlp.analyzer import Analyzer
from news_assets.schemas import (
    CLEAN_ARTICLES,
    NLP_ENTITIES,
    NLP_KEYWORDS,
    NLP_MENTIONS,
    NLP_PERSON_ROLES,
    NLP_QUOTES,
    conform,
)
from news_assets.transform.daily import entity_registry_sql
from news_assets.transform.nlp_tables import NlpTables, analyze_articles
from news_assets.transform.settle import (
    SETTLE_ATTEMPTS,
    nlp_is_stale,
    settle_later_days,
    stored_days_after,
    stored_unique_ids,
    unique_ids,
)

# The outputs of nlp_tables: the field of `NlpTables` each one writes, and its table.
NLP_OUTPUTS = {
    "mentions": NLP_MENTIONS,
    "person_roles": NLP_PERSON_ROLES,
    "quotes": NLP_QUOTES,
    "keywords": NLP_KEYWORDS,
}


def nlp_tables(
    context: dg.AssetExecutionContext, storage: NewsStorage, nlp: NlpSettings, articles: DayFrames
) -> Iterator[dg.Output | dg.AssetMaterialization]:
    """One day at a time, in date order: the day's articles are loaded, analysed (namesakes are linked within a
    day, so a range gives the rows of its days run one by one) and the day's four tables written, each in one
    transaction, before the next day is loaded. The UI metadata is summed over the days."""
    analyzer = Analyzer.shared(tuple(nlp.extra_gazetteer_dirs), workers=nlp.kiwi_workers)
    writers = {name: DayWriter(storage, table, context.log) for name, table in NLP_OUTPUTS.items()}
    summaries = {name: DaySummary() for name in NLP_OUTPUTS}
    top_entities, top_terms = RangeTally(["name", "type"], "mentions"), RangeTally(["term"], "count")
    entity_ids: set[str] = set()
    by_type: dict[str, int] = {}

    def analyse_and_write(day: date, day_articles: pl.DataFrame, writer_of: Callable[[str], DayWriter]) -> NlpTables:
        tables = analyze_articles(day_articles, analyzer=analyzer)
        for name in NLP_OUTPUTS:
            writer_of(name).write(day, getattr(tables, name))
        return tables

    for day, day_articles in articles:
        tables = analyse_and_write(day, day_articles, writers.__getitem__)
        for _ in range(SETTLE_ATTEMPTS):
            # A concurrent run relinked the day between the read and the write: analysed again (settle.py).
            analysed = unique_ids(day_articles)
            with storage.connection() as conn:
                if stored_unique_ids(conn, day) == analysed:
                    break
            context.log.info(f"{day}: links changed while it was analysed; analysing it again")
            day_articles = articles.load(day)
            tables = analyse_and_write(day, day_articles, writers.__getitem__)
        del day_articles
        mentions = tables.mentions
        summaries["mentions"].add(mentions, day=day)
        top_entities.add(mentions.group_by("name", "type").len("mentions"))
        entity_ids.update(mentions["entity_id"].unique().to_list())
        for entity_type, n in mentions.group_by("type").len().iter_rows():
            by_type[entity_type] = by_type.get(entity_type, 0) + n
        summaries["person_roles"].add(
            tables.person_roles.select("news_date", "person", "title", "affiliation"), day=day
        )
        summaries["quotes"].add(
            tables.quotes.select("news_date", "speaker", "speaker_title", "quote"),
            day=day,
            attributed=int(tables.quotes["speaker"].is_not_null().sum()),
        )
        summaries["keywords"].add(tables.keywords, day=day)
        top_terms.add(tables.keywords.group_by("term").agg(pl.col("count").sum()))
        del tables, mentions
    metadata = {
        "mentions": summaries["mentions"].metadata(
            top=top_entities.ranked(),
            entities=len(entity_ids),
            by_type=dg.MetadataValue.json(dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))),
        ),
        "person_roles": summaries["person_roles"].metadata(),
        "quotes": summaries["quotes"].metadata(attributed=summaries["quotes"].totals.get("attributed", 0)),
        "keywords": summaries["keywords"].metadata(top=top_terms.ranked()),
    }
    if articles.days:
        later = _settle_later_days(
            storage,
            max(articles.days),
            lambda day: analyse_and_write(
                day, articles.load(day), lambda name: DayWriter(storage, NLP_OUTPUTS[name], context.log)
            ),
        )
        for day in later:
            for table in NLP_OUTPUTS.values():
                yield dg.AssetMaterialization(
                    asset_key=asset_key(table),
                    partition=day.isoformat(),
                    description="analysed again: its articles' duplicate_of links changed after it was analysed",
                    metadata={"reanalysed_by": dg.MetadataValue.text(context.run.run_id)},
                )
        if later:
            context.log.info(f"later days analysed again after their links changed: {', '.join(map(str, later))}")
    for name, writer in writers.items():
        yield dg.Output(writer.written, output_name=name, metadata=metadata[name])


def _stale(storage: NewsStorage, day: date) -> bool:
    with storage.connection() as conn:
        return nlp_is_stale(conn, day)


def _settle_later_days(storage: NewsStorage, last: date, analyse: Callable[[date], object]) -> list[date]:
    """The stored days after `last` whose nlp rows no longer match their links, analysed again (settle.py)."""
    with storage.connection() as conn:
        later = stored_days_after(conn, [NLP_KEYWORDS, NLP_MENTIONS], last)

    def settle(day: date) -> bool:
        if not _stale(storage, day):
            return False
        analyse(day)
        return True

    return settle_later_days(later, last, settle)


def entities_registry(context: dg.AssetExecutionContext, storage: NewsStorage) -> dg.MaterializeResult:
    with storage.transaction() as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {NLP_ENTITIES.schema}")
        conn.execute(NLP_ENTITIES.create_sql())
        conn.execute(f"DELETE FROM {NLP_ENTITIES.qualified_name}")
        conn.execute(f"INSERT INTO {NLP_ENTITIES.qualified_name} BY NAME {entity_registry_sql()}")
        frame = conn.execute(f"SELECT * FROM {NLP_ENTITIES.qualified_name} ORDER BY mentions DESC, name").pl()
    frame = conform(frame, NLP_ENTITIES)
    return dg.MaterializeResult(
        metadata=frame_metadata(
            frame,
            preview=frame.select("name", "type", "mentions", "articles", "days", "first_seen", "last_seen"),
            by_type=dg.MetadataValue.json(dict(frame.group_by("type").len().iter_rows())),
        )
    )


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    tables = dg.multi_asset(
        name="nlp_tables",
        outs={name: table_out(table) for name, table in NLP_OUTPUTS.items()},
        ins={"articles": dg.AssetIn(asset_key(CLEAN_ARTICLES), metadata={"by_day": True})},
        description=(
            "One Kiwi pass over the day's unique articles: entity mentions, person roles, quotes and keywords. "
            "Duplicates are skipped, so a wire story counts once."
        ),
        **daily(partitions),
    )(nlp_tables)
    registry = dg.asset(
        key=asset_key(NLP_ENTITIES),
        group_name="nlp",
        description=NLP_ENTITIES.description + " Rebuilt from all of nlp.mentions whenever it changes.",
        deps=[asset_key(NLP_MENTIONS)],
        metadata=definition_metadata(NLP_ENTITIES),
        kinds={"duckdb", "sql"},
        pool=DUCKDB_POOL,
        automation_condition=dg.AutomationCondition.eager(),
    )(entities_registry)
    return dg.Definitions(assets=[tables, registry])
