"""Copies across days, on the stored tables: what a day's de-duplication reads of the days before it, and the
stored later days relinked when an earlier day is written after them.

A day's `duplicate_of` is a function of its own articles and the stored articles of the `LOOKBACK_DAYS` days
before (an earlier day always comes first, see news_assets/transform/dedup.py). Written in date order, every
day sees the days it depends on. Written out of order (day D after D+1, or D re-run with other pages), the run
of D recomputes the stored days after it, in date order, and rewrites the `duplicate_of` of a day whose links
change; it stops when a whole look-back window after the last changed day is unchanged or absent. A day
written while an earlier day is being written by a concurrent run is relinked by its own run when the earlier
days it read have changed (`settle_day`). So the stored links are the same whatever order the days were written
in; news_assets/transform/settle.py keeps what was computed from them in step.

The earlier days are read as `clean.fingerprints` (signatures, no bodies) plus the bodies of the few candidates
the signatures leave; relinking a later day reads that one day's bodies. Memory holds one day at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta

import duckdb
import polars as pl

from news_assets.schemas import CLEAN_ARTICLES, CLEAN_FINGERPRINTS
from news_assets.storage import table_exists, transaction
from news_assets.transform.dedup import (
    LOOKBACK_DAYS,
    Fingerprint,
    Prior,
    Sketch,
    StoryKey,
    find_duplicates,
    shingles,
    stored_signature,
)
from news_assets.transform.settle import prior_signature, settle_later_days, stored_days_after

Connect = Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]
_LINKS = "_news_assets_links"
_WANTED = "_news_assets_wanted"


def _tables_exist(conn: duckdb.DuckDBPyConnection) -> bool:
    return table_exists(conn, CLEAN_FINGERPRINTS) and table_exists(conn, CLEAN_ARTICLES)


def prior_of(connect: Connect, day: date) -> Prior:
    """The stored articles of the LOOKBACK_DAYS days before `day`, in their order of precedence, as candidates
    for the day's copies. Bodies are read later, only for the candidates (one query per day)."""
    first, last = day - timedelta(days=LOOKBACK_DAYS), day - timedelta(days=1)
    with connect() as conn:
        rows = (
            conn.execute(
                f"""SELECT f.article_id, f.canonical_url, f.content_hash, f.minhash, a.duplicate_of
                FROM {CLEAN_FINGERPRINTS.qualified_name} f
                JOIN {CLEAN_ARTICLES.qualified_name} a USING (news_date, article_id)
                WHERE f.news_date BETWEEN ? AND ? ORDER BY f.news_date, f.copy_order""",
                [first, last],
            ).fetchall()
            if _tables_exist(conn)
            else []
        )

    def load_bodies(article_ids: list[str]) -> dict[str, str]:
        wanted = pl.DataFrame({"article_id": article_ids}, schema={"article_id": pl.String})
        with connect() as conn:
            conn.register(_WANTED, wanted.to_arrow())
            try:
                found = conn.execute(
                    f"""SELECT article_id, body FROM {CLEAN_ARTICLES.qualified_name} JOIN {_WANTED} USING (article_id)
                    WHERE news_date BETWEEN ? AND ?""",
                    [first, last],
                ).fetchall()
            finally:
                conn.unregister(_WANTED)
        return dict(found)

    return Prior((Fingerprint(*row) for row in rows), load_bodies)


def relink_later_days(connect: Connect, last: date) -> list[date]:
    """Recompute the `duplicate_of` of the stored days after `last` that may repeat it, in date order; rewrite a
    day whose links change. Returns the days rewritten."""
    with connect() as conn:
        later = stored_days_after(conn, [CLEAN_FINGERPRINTS], last) if _tables_exist(conn) else []
    return settle_later_days(later, last, lambda day: relink_day(connect, day))


def settle_day(connect: Connect, day: date, prior_read: tuple[int, int]) -> list[date]:
    """After `day` was written from the earlier days as they were when `prior_read` was taken
    (`news_assets.transform.settle.prior_signature`): when an earlier day was written meanwhile (a concurrent
    run), the day is relinked, and the days after it too. Returns the days rewritten."""
    with connect() as conn:
        moved = prior_signature(conn, day) != prior_read
    if not moved or not relink_day(connect, day):
        return []
    return [day, *relink_later_days(connect, day)]


def relink_day(connect: Connect, day: date) -> bool:
    """Recompute one stored day's links against the stored days before it; True when they changed (and were
    rewritten, in one transaction)."""
    with connect() as conn:
        rows = conn.execute(
            f"""SELECT f.article_id, f.canonical_url, f.content_hash, f.minhash, a.body, a.duplicate_of
            FROM {CLEAN_FINGERPRINTS.qualified_name} f
            JOIN {CLEAN_ARTICLES.qualified_name} a USING (news_date, article_id)
            WHERE f.news_date = ? ORDER BY f.copy_order""",
            [day],
        ).fetchall()
    stories = [StoryKey(article_id, url, digest, body) for article_id, url, digest, _, body, _ in rows]
    sketches = {
        article_id: Sketch(shingles(body), None if signature is None else stored_signature(signature))
        for article_id, _, _, signature, body, _ in rows
    }
    links = find_duplicates(stories, prior_of(connect, day), sketches)
    stored = {article_id: duplicate_of for article_id, *_, duplicate_of in rows}
    if all(links.get(article_id) == duplicate_of for article_id, duplicate_of in stored.items()):
        return False
    frame = pl.DataFrame(
        {"article_id": list(stored), "duplicate_of": [links.get(a) for a in stored]},
        schema={"article_id": pl.String, "duplicate_of": pl.String},
    )
    with connect() as conn, transaction(conn):
        conn.register(_LINKS, frame.to_arrow())
        try:
            conn.execute(
                f"""UPDATE {CLEAN_ARTICLES.qualified_name} AS a SET duplicate_of = l.duplicate_of
                FROM {_LINKS} l WHERE a.news_date = ? AND a.article_id = l.article_id""",
                [day],
            )
        finally:
            conn.unregister(_LINKS)
    return True
