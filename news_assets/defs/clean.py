"""clean/articles and clean/rejects: every page of the day ends as exactly one of them."""

from collections.abc import Iterator
from datetime import date

import dagster as dg

from news_assets.defs.io_manager import DayFrames, DayWriter
from news_assets.defs.metadata import DaySummary
from news_assets.defs.partitions import daily_partitions
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import asset_key, daily, table_out
from news_assets.schemas import CLEAN_ARTICLES, CLEAN_FINGERPRINTS, CLEAN_REJECTS, RAW_PAGES
from news_assets.transform.articles import extract_pages
from news_assets.transform.copies import prior_of, relink_later_days, settle_day
from news_assets.transform.settle import prior_signature


def clean_articles(
    context: dg.AssetExecutionContext, storage: NewsStorage, pages: DayFrames
) -> Iterator[dg.Output | dg.AssetMaterialization]:
    """One day at a time, in date order: the day's pages are loaded, extracted, de-duplicated against the stored
    days before it, and its articles, rejects and fingerprints written (each in one transaction) before the
    next day is loaded. Then the stored days after the range are relinked to it (news_assets.transform.copies)."""
    article_writer = DayWriter(storage, CLEAN_ARTICLES, context.log)
    reject_writer = DayWriter(storage, CLEAN_REJECTS, context.log)
    fingerprint_writer = DayWriter(storage, CLEAN_FINGERPRINTS, context.log)
    articles_summary, rejects_summary = DaySummary(), DaySummary()
    reasons: dict[str, int] = {}
    chars = 0
    relinked: list[date] = []
    for day, day_pages in pages:
        with storage.connection() as conn:
            prior_read = prior_signature(conn, day)
        extracted = extract_pages(day_pages, prior=lambda d: prior_of(storage.connection, d))
        del day_pages
        articles, rejects = extracted.articles, extracted.rejects
        article_writer.write(day, articles)
        reject_writer.write(day, rejects)
        fingerprint_writer.write(day, extracted.fingerprints)
        # An earlier day written by a concurrent run since the read: the day's links are recomputed now.
        relinked.extend(settle_day(storage.connection, day, prior_read))
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
    if pages.days:
        relinked.extend(relink_later_days(storage.connection, max(pages.days)))
    relinked = sorted(set(relinked))
    if set(relinked) & set(pages.days):
        context.log.info(f"days of the run relinked after an earlier day was written meanwhile: {relinked}")
    relinked = [day for day in relinked if day not in pages.days]
    for day in relinked:
        # The run rewrote links of a day outside its partitions: recorded as that day's materialization, so its
        # downstream (nlp, daily) shows as changed upstream and can be re-run.
        yield dg.AssetMaterialization(
            asset_key=asset_key(CLEAN_ARTICLES),
            partition=day.isoformat(),
            description="duplicate_of relinked to an earlier day written after this one",
            metadata={"relinked_by": dg.MetadataValue.text(context.run.run_id)},
        )
    if relinked:
        context.log.info(f"cross-day duplicates of later days relinked: {', '.join(map(str, relinked))}")
    yield dg.Output(
        article_writer.written,
        output_name="articles",
        metadata=articles_summary.metadata(
            later_days_relinked=dg.MetadataValue.json([str(d) for d in relinked]),
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
    yield dg.Output(fingerprint_writer.written, output_name="fingerprints")


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    articles = dg.multi_asset(
        name="clean_articles",
        outs={
            "articles": table_out(CLEAN_ARTICLES),
            "rejects": table_out(CLEAN_REJECTS),
            "fingerprints": table_out(CLEAN_FINGERPRINTS),
        },
        ins={"pages": dg.AssetIn(asset_key(RAW_PAGES), metadata={"by_day": True})},
        description=(
            "Decode, extract and de-duplicate each page: an article with clean text, or a reject. Copies are "
            "looked for within the day and in the 7 days before; stored later days are relinked."
        ),
        **daily(partitions),
    )(clean_articles)
    return dg.Definitions(assets=[articles])
