"""clean/articles and clean/rejects: every page of the day ends as exactly one of them."""

from collections.abc import Iterator

import dagster as dg

from news_assets.defs.io_manager import DayFrames, DayWriter
from news_assets.defs.metadata import DaySummary
from news_assets.defs.partitions import daily_partitions
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import asset_key, daily, table_out
from news_assets.schemas import CLEAN_ARTICLES, CLEAN_REJECTS, RAW_PAGES
from news_assets.transform.articles import extract_pages


def clean_articles(context: dg.AssetExecutionContext, storage: NewsStorage, pages: DayFrames) -> Iterator[dg.Output]:
    """One day at a time: the day's pages are loaded, extracted, and its articles and rejects written (each in
    one transaction) before the next day is loaded."""
    article_writer = DayWriter(storage, CLEAN_ARTICLES, context.log)
    reject_writer = DayWriter(storage, CLEAN_REJECTS, context.log)
    articles_summary, rejects_summary = DaySummary(), DaySummary()
    reasons: dict[str, int] = {}
    chars = 0
    for day, day_pages in pages:
        extracted = extract_pages(day_pages)
        del day_pages
        articles, rejects = extracted.articles, extracted.rejects
        article_writer.write(day, articles)
        reject_writer.write(day, rejects)
        duplicates = int(articles["duplicate_of"].is_not_null().sum())
        chars += int(articles["char_count"].sum() or 0)
        articles_summary.add(
            articles.select("news_date", "outlet", "title", "published_at", "char_count", "duplicate_of"),
            day=day,
            duplicates=duplicates,
            unique_articles=articles.height - duplicates,
        )
        rejects_summary.add(rejects.select("news_date", "outlet", "url", "reason", "detail"), day=day)
        for reason, n in rejects.group_by("reason").len().iter_rows():
            reasons[reason] = reasons.get(reason, 0) + n
    yield dg.Output(
        article_writer.written,
        output_name="articles",
        metadata=articles_summary.metadata(
            duplicates=articles_summary.totals.get("duplicates", 0),
            unique_articles=articles_summary.totals.get("unique_articles", 0),
            mean_chars=round(chars / articles_summary.rows, 1) if articles_summary.rows else 0.0,
        ),
    )
    yield dg.Output(
        reject_writer.written,
        output_name="rejects",
        metadata=rejects_summary.metadata(
            reasons=dg.MetadataValue.json(dict(sorted(reasons.items(), key=lambda kv: -kv[1])))
        ),
    )


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    articles = dg.multi_asset(
        name="clean_articles",
        outs={"articles": table_out(CLEAN_ARTICLES), "rejects": table_out(CLEAN_REJECTS)},
        ins={"pages": dg.AssetIn(asset_key(RAW_PAGES), metadata={"by_day": True})},
        description="Decode, extract and de-duplicate each page: an article with clean text, or a reject.",
        **daily(partitions),
    )(clean_articles)
    return dg.Definitions(assets=[articles])
