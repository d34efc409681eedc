"""raw.pages → clean.articles + clean.rejects: every page ends as exactly one of the two.

A page is rejected when the source could not read it, when the server answered with an error status, or when
the extractor says it is not an article. Duplicates stay articles with `duplicate_of` set, so that the
accounting `pages = articles + rejects` holds per day and per outlet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from news_assets.extract import NotAnArticle, extract_article
from news_assets.schemas import CLEAN_ARTICLES, CLEAN_FINGERPRINTS, CLEAN_REJECTS, conform
from news_assets.transform.dedup import Prior, StoryKey, content_hash, find_duplicates, sketch
from news_assets.transform.parallel import map_in_processes

# What extraction reads of a raw.pages row: only these travel to the worker processes.
PAGE_FIELDS = (
    "news_date",
    "page_id",
    "url",
    "outlet",
    "fetched_at",
    "html",
    "http_status",
    "declared_charset",
    "read_error",
)


@dataclass(frozen=True, slots=True)
class ExtractedDay:
    articles: pl.DataFrame
    rejects: pl.DataFrame
    fingerprints: pl.DataFrame


def extract_pages(
    pages: pl.DataFrame, *, workers: int | None = None, prior: Callable[[date], Prior | None] | None = None
) -> ExtractedDay:
    """Extract every page, on `workers` processes (default: every core, see news_assets.transform.parallel).

    `prior(day)` gives the earlier days' articles a copy of that day may repeat (`news_assets.transform.copies`);
    without it, copies are looked for within each day only."""
    articles: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for outcome in map_in_processes(_extract_one, pages.select(PAGE_FIELDS).rows(named=True), workers):
        (articles if "article_id" in outcome else rejects).append(outcome)
    marked, fingerprints = _mark_duplicates(articles, prior)
    articles_frame = (
        conform(pl.DataFrame(marked, schema=CLEAN_ARTICLES.polars_schema), CLEAN_ARTICLES)
        if articles
        else CLEAN_ARTICLES.empty()
    )
    fingerprints_frame = (
        conform(pl.DataFrame(fingerprints, schema=CLEAN_FINGERPRINTS.polars_schema), CLEAN_FINGERPRINTS)
        if fingerprints
        else CLEAN_FINGERPRINTS.empty()
    )
    rejects_frame = (
        conform(pl.DataFrame(rejects, schema=CLEAN_REJECTS.polars_schema), CLEAN_REJECTS)
        if rejects
        else CLEAN_REJECTS.empty()
    )
    return ExtractedDay(articles_frame, rejects_frame, fingerprints_frame)


def _extract_one(page: Mapping[str, Any]) -> dict[str, Any]:
    if page["html"] is None:
        reason, _, detail = (page["read_error"] or "unreadable: no bytes").partition(": ")
        return _reject(page, "read", reason, detail)
    status = page["http_status"]
    if status is not None and not 200 <= status < 300:
        return _reject(page, "read", "http_error", f"HTTP status {status}")
    try:
        article = extract_article(page["html"], page["url"], http_charset=page["declared_charset"])
    except NotAnArticle as exc:
        return _reject(page, "extract", exc.reason, exc.detail)
    return {
        "news_date": page["news_date"],
        "article_id": page["page_id"],
        "page_id": page["page_id"],
        "url": page["url"],
        "canonical_url": article.canonical_url or page["url"],
        "outlet": page["outlet"],
        "outlet_name": article.outlet,
        "title": article.title,
        "subtitle": article.subtitle,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "authors": list(article.authors),
        "section": article.section,
        "lang": article.lang,
        "body": article.body,
        "captions": list(article.captions),
        "char_count": len(article.body),
        "content_hash": content_hash(article.body),
        "duplicate_of": None,
        "declared_charset": article.declared_charset,
        "detected_charset": article.detected_charset,
        "_fetched_at": page["fetched_at"],
    }


def _reject(page: Mapping[str, Any], stage: str, reason: str, detail: str) -> dict[str, Any]:
    return {
        "news_date": page["news_date"],
        "page_id": page["page_id"],
        "url": page["url"],
        "outlet": page["outlet"],
        "stage": stage,
        "reason": reason or "unknown",
        "detail": detail or None,
    }


def _mark_duplicates(
    articles: Iterable[dict[str, Any]], prior: Callable[[date], Prior | None] | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The first copy of a story (an earlier day's, else the day's earliest publication, then fetch) is the
    original; later copies point to it (see news_assets.transform.dedup). Also returns each article's
    clean.fingerprints row, which the later days' de-duplication reads instead of the body."""

    def order(row: dict[str, Any]) -> tuple:
        published = row["published_at"] or row["_fetched_at"]
        return (published.timestamp(), row["_fetched_at"].timestamp(), row["page_id"])

    by_day: dict[Any, list[dict[str, Any]]] = {}
    for row in sorted(articles, key=order):
        by_day.setdefault(row["news_date"], []).append(row)
    marked, fingerprints = [], []
    for day, rows in by_day.items():
        stories = [StoryKey(r["article_id"], r["canonical_url"], r["content_hash"], r["body"]) for r in rows]
        sketches = sketch(stories)
        duplicate_of = find_duplicates(stories, prior(day) if prior is not None else None, sketches)
        for copy_order, row in enumerate(rows):
            row["duplicate_of"] = duplicate_of.get(row["article_id"])
            del row["_fetched_at"]
            marked.append(row)
            fingerprints.append(
                {
                    "news_date": day,
                    "article_id": row["article_id"],
                    "copy_order": copy_order,
                    "canonical_url": row["canonical_url"],
                    "content_hash": row["content_hash"],
                    "minhash": sketches[row["article_id"]].values(),
                }
            )
    return marked, fingerprints
