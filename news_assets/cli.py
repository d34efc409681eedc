"""`news-assets`: search the articles, the quotes and the day's stories from the shell.

    news-assets search "반도체 수출" [--from DATE] [--to DATE] [--outlet ID] [--limit N]
    news-assets quotes [--speaker NAME] [--org NAME] [--about TERM] [--kind direct|indirect] [--from DATE] [--to DATE]
                       [--limit N]
    news-assets stories [--date DATE] [--limit N]

It reads the published read copy (`<database>-read.duckdb`, so it never blocks a run) in file storage, and the
lake itself in DuckLake storage, as the environment's settings say (NEWS_ASSETS_DB, NEWS_ASSETS_STORAGE …);
`--database FILE` reads another DuckDB file. Every value from the command line is a bound parameter, never
SQL text. Bad input (an empty query, an unknown outlet, a day outside the data) is an error on stderr and
exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import TextIO

import duckdb

EXIT_USAGE = 2


class UsageError(Exception):
    """A problem with what was asked, said in one line."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def parser() -> argparse.ArgumentParser:
    database_help = "a DuckDB file to read (default: the read copy of NEWS_ASSETS_DB)"
    p = argparse.ArgumentParser(prog="news-assets", description=__doc__.splitlines()[0])
    p.add_argument("--database", type=Path, help=database_help)
    # Accepted after the command as well (`news-assets stories --database x.duckdb`); SUPPRESS keeps a value
    # given before the command when the command's own option is absent.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", type=Path, default=argparse.SUPPRESS, help=database_help)
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser(
        "search", parents=[common], help="full-text search over the articles (Korean word forms understood)"
    )
    s.add_argument("query", help='words to look for, e.g. "반도체 수출"')
    s.add_argument("--from", dest="first", type=_date, help="first day (YYYY-MM-DD)")
    s.add_argument("--to", dest="last", type=_date, help="last day (YYYY-MM-DD)")
    s.add_argument("--outlet", help="outlet id (carried by it, wire copies included)")
    s.add_argument("--limit", type=_positive, default=10)

    q = sub.add_parser("quotes", parents=[common], help="who said what: attributed quotes, wire copies counted once")
    q.add_argument("--speaker", help="the speaker's name")
    q.add_argument("--org", help="the speaker's affiliation (part of its name)")
    q.add_argument("--about", help="a word the quote is about (word forms understood)")
    q.add_argument(
        "--kind",
        choices=("direct", "indirect"),
        help="only quotes in quote marks, or only reported speech (default: both, reported speech marked)",
    )
    q.add_argument("--from", dest="first", type=_date, help="first day (YYYY-MM-DD)")
    q.add_argument("--to", dest="last", type=_date, help="last day (YYYY-MM-DD)")
    q.add_argument("--limit", type=_positive, default=50)

    t = sub.add_parser("stories", parents=[common], help="the day's top stories")
    t.add_argument("--date", type=_date, help="the day (default: the last day with stories)")
    t.add_argument("--limit", type=_positive, default=10)
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        with closing(_connect(args.database)) as conn:
            if args.command == "search":
                lines = search(conn, args.query, args.first, args.last, args.outlet, args.limit)
            elif args.command == "quotes":
                lines = quotes(
                    conn, args.speaker, args.org, args.about, args.first, args.last, args.limit, kind=args.kind
                )
            else:
                lines = stories(conn, args.date, args.limit)
    except UsageError as e:
        print(f"news-assets {args.command}: {e}", file=err)
        return EXIT_USAGE
    except (duckdb.BinderException, duckdb.CatalogException) as e:
        # Tables made by an older release lack columns this one reads: say so instead of a traceback.
        first_line = str(e).splitlines()[0]
        print(
            f"news-assets {args.command}: the database's tables do not match this version of news-assets "
            f"({first_line}); re-materialize the assets (or run `make demo`)",
            file=err,
        )
        return EXIT_USAGE
    for line in lines:
        print(line, file=out)
    return 0


# --- where the data is ------------------------------------------------------------------------------------------


def _connect(database: Path | None) -> duckdb.DuckDBPyConnection:
    if database is None:
        from news_assets.settings import Settings
        from news_assets.storage import connect
        from news_assets.storage.read_copy import snapshot_path

        config = Settings.from_env().storage_config
        if config.is_lake:
            return connect(config, read_only=True)
        database = snapshot_path(Path(config.database))
        if not database.exists() and Path(config.database).exists():
            raise UsageError(f"{database} is not published yet: materialize publish/read_copy (or run `make demo`)")
    if not database.exists():
        raise UsageError(f"{database} does not exist: materialize the daily assets first (or run `make demo`)")
    return duckdb.connect(str(database), read_only=True)


def _require(conn: duckdb.DuckDBPyConnection, schema: str, table: str, asset: str) -> None:
    from news_assets.schemas import BY_NAME
    from news_assets.storage import table_exists

    if not table_exists(conn, BY_NAME[f"{schema}.{table}"]):
        raise UsageError(f"the database has no {schema}.{table}: materialize {asset} first")


def _data_days(conn: duckdb.DuckDBPyConnection, table: str = "clean.articles") -> tuple[date, date]:
    row = conn.execute(f"SELECT min(news_date), max(news_date) FROM {table}").fetchone()
    if row is None or row[0] is None:
        raise UsageError(f"{table} is empty: materialize some days first")
    return row[0], row[1]


def _window(conn: duckdb.DuckDBPyConnection, first: date | None, last: date | None) -> tuple[date, date]:
    lo, hi = _data_days(conn)
    first, last = first or lo, last or hi
    if first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    if last < lo or first > hi:
        raise UsageError(f"no data from {first} to {last}: the data covers {lo} to {hi}")
    return first, last


def _check_outlet(conn: duckdb.DuckDBPyConnection, outlet: str) -> None:
    if conn.execute("SELECT 1 FROM clean.articles WHERE outlet = ? LIMIT 1", [outlet]).fetchone():
        return
    known = [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM clean.articles ORDER BY 1").fetchall()]
    raise UsageError(f"unknown outlet {outlet!r}: the outlets are {', '.join(known)}")


def _kiwi():
    from news_assets.nlp.analyzer import Analyzer

    return Analyzer.shared(workers=1).kiwi


def _one_line(text: str | None, width: int) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# --- the commands -------------------------------------------------------------------------------------------------


def search(
    conn: duckdb.DuckDBPyConnection,
    query: str,
    first: date | None,
    last: date | None,
    outlet: str | None,
    limit: int,
) -> list[str]:
    from news_assets.storage import search as fts

    if not query.strip():
        raise UsageError("the query is empty")
    _require(conn, "nlp", "search_terms", "nlp/search_terms")
    if not fts.index_exists(conn):
        raise UsageError(
            "the database has no search index: materialize nlp/search_index first (file storage only for now)"
        )
    first, last = _window(conn, first, last)
    if outlet is not None:
        _check_outlet(conn, outlet)
    terms = fts.query_terms(query, _kiwi())
    if not terms:
        raise UsageError(f"the query {query!r} has no word to search for (only particles, endings or symbols)")
    fts.load_fts(conn)
    hits = fts.search(conn, terms, first, last, outlet, limit)
    if not hits:
        return [f"no article from {first} to {last} matches {' '.join(terms)}"]
    return [f"{h.news_date}  {h.outlet:<12} {_one_line(h.title, 60)}\n            {h.snippet}" for h in hits]


QUOTES_SQL = """
WITH roles AS (
    SELECT person, title, affiliation, news_date, article_id FROM nlp.person_roles WHERE affiliation IS NOT NULL
),
carried AS (
    SELECT coalesce(duplicate_of, article_id) AS article_id, count(DISTINCT outlet) AS outlets
    FROM clean.articles WHERE news_date BETWEEN $first AND $last GROUP BY 1
),
q AS (
    SELECT q.news_date, q.speaker, q.quote, coalesce(q.kind, 'direct') AS kind, q.article_id, a.outlet, a.published_at,
           coalesce(q.speaker_title, (SELECT any_value(r.title) FROM roles r
                                       WHERE r.article_id = q.article_id AND r.person = q.speaker)) AS title,
           coalesce((SELECT any_value(r.affiliation) FROM roles r
                      WHERE r.article_id = q.article_id AND r.person = q.speaker),
                    q.speaker_affiliation,
                    (SELECT arg_max(r.affiliation, r.news_date) FROM roles r
                      WHERE r.person = q.speaker AND r.news_date <= q.news_date)) AS affiliation,
           c.outlets
    FROM nlp.quotes q
    JOIN clean.articles a USING (news_date, article_id)
    LEFT JOIN carried c USING (article_id)
    WHERE q.speaker IS NOT NULL AND q.news_date BETWEEN $first AND $last
)
SELECT news_date, speaker, any_value(title ORDER BY published_at, article_id) AS title,
       any_value(affiliation ORDER BY published_at, article_id) AS affiliation,
       arg_min(outlet, (published_at, article_id)) AS outlet, sum(outlets) AS outlets, quote, kind
FROM q
WHERE (CAST($speaker AS VARCHAR) IS NULL OR speaker = CAST($speaker AS VARCHAR))
  AND (CAST($kind AS VARCHAR) IS NULL OR kind = CAST($kind AS VARCHAR))
  AND (CAST($org AS VARCHAR) IS NULL OR contains(lower(affiliation), lower(CAST($org AS VARCHAR))))
  AND (len(CAST($about AS VARCHAR[])) = 0 OR len([t FOR t IN CAST($about AS VARCHAR[]) IF contains(quote, t)]) > 0)
GROUP BY news_date, speaker, quote, kind
ORDER BY news_date, speaker, min(published_at), quote
LIMIT $limit
"""


def quotes(
    conn: duckdb.DuckDBPyConnection,
    speaker: str | None,
    org: str | None,
    about: str | None,
    first: date | None,
    last: date | None,
    limit: int,
    *,
    kind: str | None = None,
) -> list[str]:
    """Attributed quotes; ``kind``: only ``direct`` or only ``indirect`` ones (reported speech, shown in 〈…〉)."""
    from news_assets.storage import search as fts

    for table, asset in (("quotes", "nlp/mentions"), ("person_roles", "nlp/mentions")):
        _require(conn, "nlp", table, asset)
    first, last = _window(conn, first, last)
    if speaker is not None and not speaker.strip():
        raise UsageError("--speaker is empty")
    if org is not None and not org.strip():
        raise UsageError("--org is empty")
    about_terms: list[str] = []
    if about is not None:
        if not about.strip():
            raise UsageError("--about is empty")
        about_terms = fts.query_terms(about, _kiwi()) or [about.strip()]
    if (
        speaker is not None
        and not conn.execute("SELECT 1 FROM nlp.quotes WHERE speaker = ? LIMIT 1", [speaker.strip()]).fetchone()
    ):
        raise UsageError(f"nobody called {speaker.strip()!r} is quoted in the data")
    rows = conn.execute(
        QUOTES_SQL,
        {
            "first": first,
            "last": last,
            "speaker": speaker.strip() if speaker else None,
            "org": org.strip() if org else None,
            "about": about_terms,
            "kind": kind,
            "limit": limit,
        },
    ).fetchall()
    if not rows:
        return ["no quote matches"]
    lines = []
    for news_date, who, title, affiliation, outlet, outlets, quote, quote_kind in rows:
        role = " ".join(x for x in (affiliation, title) if x)
        carried = f" (+{outlets - 1})" if outlets and outlets > 1 else ""
        # Reported speech is the writer's words, not the speaker's: never in quote marks.
        said = f"〈{_one_line(quote, 160)}〉 (reported)" if quote_kind == "indirect" else f"“{_one_line(quote, 160)}”"
        lines.append(f"{news_date}  {who}{f' ({role})' if role else ''}  [{outlet}{carried}]  {said}")
    return lines


def stories(conn: duckdb.DuckDBPyConnection, day: date | None, limit: int) -> list[str]:
    _require(conn, "daily", "stories", "daily/stories")
    lo, hi = _data_days(conn, "daily.stories")
    day = day or hi
    if not conn.execute("SELECT 1 FROM daily.stories WHERE news_date = ? LIMIT 1", [day]).fetchone():
        raise UsageError(f"no stories on {day}: the data covers {lo} to {hi}")
    rows = conn.execute(
        """SELECT headline, outlets, articles, days_running, first_seen FROM daily.stories WHERE news_date = ?
           ORDER BY articles DESC, outlets DESC, story_id LIMIT ?""",
        [day, limit],
    ).fetchall()
    lines = [f"stories of {day}", f"{'rank':>4}  {'outlets':>7}  {'articles':>8}  {'days':>4}  headline"]
    for rank, (headline, outlets, articles, days, first_seen) in enumerate(rows, 1):
        since = f" (since {first_seen})" if days > 1 else ""
        lines.append(f"{rank:>4}  {outlets:>7}  {articles:>8}  {days:>4}  {_one_line(headline, 70)}{since}")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
