"""clean/articles and clean/rejects: every page of the day ends as exactly one of them."""

from collections.abc import Iterator
from typing import cast

import dagster as dg
import polars as pl

from news_assets.defs.metadata import frame_metadata
from news_assets.defs.partitions import daily_partitions
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.tables import asset_key, daily, table_out
from news_assets.schemas import CLEAN_ARTICLES, CLEAN_REJECTS, RAW_PAGES
from news_assets.transform.articles import extract_pages


def clean_articles(context: dg.AssetExecutionContext, pages: pl.DataFrame) -> Iterator[dg.Output]:
    extracted = extract_pages(pages)
    articles, rejects = extracted.articles, extracted.rejects
    duplicates = int(articles["duplicate_of"].is_not_null().sum())
    yield dg.Output(
        articles,
        output_name="articles",
        metadata=frame_metadata(
            articles,
            preview=articles.select("news_date", "outlet", "title", "published_at", "char_count", "duplicate_of"),
            duplicates=duplicates,
            unique_articles=articles.height - duplicates,
            mean_chars=round(cast(float, articles["char_count"].mean() or 0), 1),
        ),
    )
    reasons = rejects.group_by("reason").len().sort("len", descending=True)
    yield dg.Output(
        rejects,
        output_name="rejects",
        metadata=frame_metadata(
            rejects,
            preview=rejects.select("news_date", "outlet", "url", "reason", "detail"),
            reasons=dg.MetadataValue.json(dict(reasons.iter_rows())),
        ),
    )


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    articles = dg.multi_asset(
        name="clean_articles",
        outs={"articles": table_out(CLEAN_ARTICLES), "rejects": table_out(CLEAN_REJECTS)},
        ins={"pages": dg.AssetIn(asset_key(RAW_PAGES))},
        description="Decode, extract and de-duplicate each page: an article with clean text, or a reject.",
        **daily(partitions),
    )(clean_articles)
    return dg.Definitions(assets=[articles])
