"""Keeping a day's derived rows true to its links when the links change after they were computed.

A day's `duplicate_of` links can change after the day was written: an earlier day written later (a backfill in
reverse order, days run side by side on several workers) or re-run with other pages relinks it
(news_assets/transform/copies.py). What was computed from the old links (the nlp tables of its unique articles,
its daily aggregates, its stories) is then stale. Two rules settle every order of runs:

- whoever changes a day's inputs recomputes that day's derived rows in the same run, step by step (the nlp step
  of the run re-analyses the stored later days it finds stale, its daily step recomputes their aggregates, …);
- every step checks its own days again after writing them and recomputes a day whose inputs moved meanwhile
  (a concurrent run relinked it between the read and the write).

The checks here are cheap (one query per day); recomputing is the step's own work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import duckdb
import polars as pl

from news_assets.schemas import (
    CLEAN_ARTICLES,
    CLEAN_FINGERPRINTS,
    NLP_KEYWORDS,
    NLP_MENTIONS,
    NLP_SEARCH_TERMS,
    TableSchema,
)
from news_assets.storage import table_exists
from news_assets.transform.dedup import LOOKBACK_DAYS

# How many times a step recomputes one of its days whose inputs keep moving under it before it gives up (the
# run that moves them settles the day itself).
SETTLE_ATTEMPTS = 3


def stored_days_after(conn: duckdb.DuckDBPyConnection, tables: Iterable[TableSchema], last: date) -> list[date]:
    """The days after `last` that have rows in any of `tables`, in date order."""
    selects = [
        f"SELECT DISTINCT news_date FROM {t.qualified_name} WHERE news_date > $last"
        for t in tables
        if table_exists(conn, t)
    ]
    if not selects:
        return []
    rows = conn.execute(" UNION ".join(selects) + " ORDER BY 1", {"last": last}).fetchall()
    return [row[0] for row in rows]


def settle_later_days(later: Iterable[date], last: date, settle: Callable[[date], bool]) -> list[date]:
    """`settle(day)` for the stored days after `last` that may depend on it, in date order: a day depends on the
    LOOKBACK_DAYS days before it, so the walk stops when a whole look-back window after the last day that changed
    holds no stored day. `settle` returns whether it changed the day. Returns the days changed."""
    changed: list[date] = []
    changed_until = last
    for day in later:
        if (day - changed_until).days > LOOKBACK_DAYS:
            break
        if settle(day):
            changed.append(day)
            changed_until = day
    return changed


def prior_signature(conn: duckdb.DuckDBPyConnection, day: date) -> tuple[int, int]:
    """A digest of what de-duplicating `day` reads of the days before it (news_assets.transform.copies.prior_of):
    when it differs after the day was written, an earlier day was written meanwhile and the day is relinked."""
    if not (table_exists(conn, CLEAN_FINGERPRINTS) and table_exists(conn, CLEAN_ARTICLES)):
        return (0, 0)
    row = conn.execute(
        f"""SELECT count(*), coalesce(bit_xor(hash(f.article_id, coalesce(a.duplicate_of, ''))), 0)
        FROM {CLEAN_FINGERPRINTS.qualified_name} f
        JOIN {CLEAN_ARTICLES.qualified_name} a USING (news_date, article_id)
        WHERE f.news_date BETWEEN ? AND ?""",
        [day - timedelta(days=LOOKBACK_DAYS), day - timedelta(days=1)],
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def unique_ids(articles: pl.DataFrame) -> frozenset[str]:
    """The ids of the unique articles of a frame of clean.articles rows (with `duplicate_of`)."""
    return frozenset(articles.filter(pl.col("duplicate_of").is_null())["article_id"].to_list())


def stored_unique_ids(conn: duckdb.DuckDBPyConnection, day: date) -> frozenset[str]:
    """The ids of the day's stored unique articles: what a step that read the day compares with what it read."""
    if not table_exists(conn, CLEAN_ARTICLES):
        return frozenset()
    rows = conn.execute(
        f"SELECT article_id FROM {CLEAN_ARTICLES.qualified_name} WHERE news_date = ? AND duplicate_of IS NULL", [day]
    ).fetchall()
    return frozenset(row[0] for row in rows)


def nlp_is_stale(conn: duckdb.DuckDBPyConnection, day: date) -> bool:
    """Whether the day's nlp rows were computed from other links than the stored ones: an article with rows is a
    duplicate now, or a unique article has none. (Every analysed article has keywords, so a unique article
    without rows in nlp.keywords or nlp.mentions was not analysed; an article whose text yields neither would
    only be analysed again, to the same result.)"""
    return analysed_other_articles(conn, day, [NLP_KEYWORDS, NLP_MENTIONS])


def search_terms_are_stale(conn: duckdb.DuckDBPyConnection, day: date) -> bool:
    """Whether the day's nlp.search_terms rows are of other articles than its stored unique ones (every unique
    article has a row, with its morphemes or none)."""
    return analysed_other_articles(conn, day, [NLP_SEARCH_TERMS])


def analysed_other_articles(conn: duckdb.DuckDBPyConnection, day: date, tables: Iterable[TableSchema]) -> bool:
    """Whether the articles with rows of `day` in `tables` differ from the day's stored unique articles."""
    if not table_exists(conn, CLEAN_ARTICLES):
        return False
    analysed = " UNION ".join(
        f"SELECT article_id FROM {t.qualified_name} WHERE news_date = $day" for t in tables if table_exists(conn, t)
    )
    if not analysed:
        analysed = "SELECT NULL::VARCHAR AS article_id WHERE false"
    row = conn.execute(
        f"""SELECT count(*) FROM (
            SELECT article_id FROM {CLEAN_ARTICLES.qualified_name} WHERE news_date = $day AND duplicate_of IS NULL
        ) u FULL OUTER JOIN ({analysed}) n ON u.article_id = n.article_id
        WHERE u.article_id IS NULL OR n.article_id IS NULL""",
        {"day": day},
    ).fetchone()
    return bool(row and row[0])


def same_rows(a: pl.DataFrame, b: pl.DataFrame) -> bool:
    """Whether two frames of one table hold the same rows, in any order (scalar columns)."""
    if a.height != b.height or set(a.columns) != set(b.columns):
        return False
    return a.sort(a.columns).equals(b.select(a.columns).sort(a.columns))
