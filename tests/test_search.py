"""Korean full-text search (nlp/search_terms, nlp/search_index) and the `news-assets` command line."""

import io
import shutil
from datetime import date

import dagster as dg
import duckdb
import pytest

from news_assets.cli import main
from news_assets.nlp.analyzer import Analyzer
from news_assets.storage import search as fts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kiwi():
    return Analyzer.shared().kiwi


def run(database, *argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(["--database", str(database), *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_query_morphemes_ignore_particles_and_endings(kiwi):
    assert fts.query_terms("수출했다", kiwi) == ["수출"]
    assert fts.query_terms("수출이 늘었다", kiwi) == ["수출", "늘"]
    assert fts.query_terms("AI 반도체를", kiwi) == ["ai", "반도체"]
    assert fts.query_terms("수출을", kiwi) == ["수출"]


def test_inflected_forms_are_found_where_like_misses_them(sample_database, kiwi):
    with duckdb.connect(str(sample_database), read_only=True) as conn:
        fts.load_fts(conn)
        hits = {
            h.article_id
            for h in fts.search(conn, fts.query_terms("늘었다", kiwi), date(2026, 1, 1), date(2027, 1, 1), limit=1000)
        }
        like = {
            r[0]
            for r in conn.execute(
                "SELECT article_id FROM clean.articles WHERE duplicate_of IS NULL AND (body LIKE '%늘었다%' OR title LIKE '%늘었다%')"
            ).fetchall()
        }
    assert like and like <= hits and len(hits) > len(like)


def test_scores_are_the_fts_extensions_bm25(sample_database, kiwi):
    with duckdb.connect(str(sample_database), read_only=True) as conn:
        fts.load_fts(conn)
        ours = fts.search(conn, ["반도체", "수출"], date(2026, 1, 1), date(2027, 1, 1), limit=5)
        theirs = conn.execute("SELECT article_id, score FROM nlp.search_articles('반도체 수출') LIMIT 5").fetchall()
    assert [(h.article_id, round(h.score, 6)) for h in ours] == [(a, round(s, 6)) for a, s in theirs]


@pytest.mark.parametrize(
    ("terms", "first", "last", "outlet"),
    [
        (["반도체", "수출"], date(2026, 1, 1), date(2027, 1, 1), None),
        (["늘"], date(2026, 11, 15), date(2026, 11, 18), None),
        (["수출"], date(2026, 1, 1), date(2027, 1, 1), "nuri"),
        (["없는말"], date(2026, 1, 1), date(2027, 1, 1), None),
    ],
)
def test_day_postings_rank_as_the_fts_tables_do(sample_database, terms, first, last, outlet, monkeypatch):
    with duckdb.connect(str(sample_database), read_only=True) as conn:
        fts.load_fts(conn)
        assert fts.postings_exist(conn)
        ours = fts.search(conn, terms, first, last, outlet, limit=20)
        monkeypatch.setattr(fts, "postings_exist", lambda _conn: False)
        theirs = fts.search(conn, terms, first, last, outlet, limit=20)
    assert [(h.article_id, round(h.score, 9)) for h in ours] == [(h.article_id, round(h.score, 9)) for h in theirs]
    assert bool(ours) == (terms != ["없는말"])


def _postings(conn):
    return conn.execute(f"SELECT * FROM {fts.all_postings()} ORDER BY ALL").fetchall()


def test_an_index_made_before_day_postings_gets_them_on_its_next_refresh(sample_database, tmp_path):
    database = tmp_path / "news.duckdb"
    shutil.copy(sample_database, database)
    with duckdb.connect(str(database)) as conn:
        fts.load_fts(conn)
        expected = _postings(conn)
        for bucket in range(fts.POSTING_BUCKETS):
            conn.execute(f"DROP TABLE {fts.postings_table(bucket)}")
        conn.execute("BEGIN")
        fts.refresh_days(conn, [date(2026, 11, 17)])
        conn.execute("COMMIT")
        assert _postings(conn) == expected


def _index_rows(database, outside):
    lo, hi = fts.docid_range(outside, outside)
    with duckdb.connect(str(database), read_only=True) as conn:
        return (
            conn.execute(
                f"SELECT * FROM {fts.INDEX}.docs WHERE docid NOT BETWEEN ? AND ? ORDER BY ALL", [lo, hi]
            ).fetchall(),
            conn.execute(
                f"SELECT * FROM {fts.INDEX}.terms WHERE docid NOT BETWEEN ? AND ? ORDER BY ALL", [lo, hi]
            ).fetchall(),
            conn.execute(f"SELECT term, df FROM {fts.INDEX}.dict ORDER BY ALL").fetchall(),
            conn.execute(f"SELECT * FROM {fts.INDEX}.stats").fetchall(),
            conn.execute(
                f"SELECT * FROM {fts.all_postings()} WHERE day <> ? ORDER BY ALL", [fts.day_number(outside)]
            ).fetchall(),
        )


def test_rerunning_a_day_changes_only_that_day_and_matches_a_full_build(sample_database, tmp_path):
    from news_assets.definitions import build_definitions
    from news_assets.settings import Settings

    database = tmp_path / "news.duckdb"
    shutil.copy(sample_database, database)
    day = date(2026, 11, 17)
    before = _index_rows(database, day)
    defs = build_definitions(Settings(database=database, landing=tmp_path / "landing", start_date="2026-11-01"))
    keys = [dg.AssetKey(["nlp", "search_terms"]), dg.AssetKey(["nlp", "search_index"])]
    with dg.DagsterInstance.ephemeral() as instance:
        assert (
            defs.resolve_implicit_global_asset_job_def()
            .execute_in_process(instance=instance, asset_selection=keys, partition_key=day.isoformat())
            .success
        )
    after = _index_rows(database, day)
    assert after[:2] == before[:2]  # the other days' documents and postings: untouched
    assert after[2] == before[2] and after[3] == before[3]  # same text again: same frequencies and statistics
    assert after[4] == before[4]  # the other days' postings: untouched
    # The day-by-day index holds what one build of the whole table holds.
    with duckdb.connect(str(database)) as conn:
        fts.load_fts(conn)
        conn.execute("CREATE TABLE main.copy_terms AS SELECT article_id, terms FROM nlp.search_terms")
        conn.execute(
            "PRAGMA create_fts_index('main.copy_terms', 'article_id', 'terms', stemmer = 'none', "
            r"stopwords = 'none', ignore = '\s+', strip_accents = 1, lower = 0)"
        )
        full = conn.execute("SELECT term, df FROM fts_main_copy_terms.dict ORDER BY ALL").fetchall()
        stats = conn.execute("SELECT num_docs, round(avgdl, 6) FROM fts_main_copy_terms.stats").fetchall()
        ours = conn.execute(f"SELECT num_docs, round(avgdl, 6) FROM {fts.INDEX}.stats").fetchall()
    assert full == after[2] and stats == ours


# --- the command line --------------------------------------------------------------------------------------------


def test_search_prints_date_outlet_title_and_a_marked_snippet(sample_database):
    code, out, err = run(sample_database, "search", "반도체 수출", "--limit", "3")
    assert code == 0 and not err
    lines = out.splitlines()
    assert len(lines) == 6 and lines[0].startswith("2026-11-") and "«" in lines[1] and "»" in lines[1]


def test_search_filters_by_outlet_and_dates(sample_database):
    code, out, _ = run(
        sample_database, "search", "수출했다", "--outlet", "nuri", "--from", "2026-11-15", "--to", "2026-11-18"
    )
    assert code == 0
    for line in out.splitlines()[::2]:
        assert "nuri" in line and "2026-11-15" <= line[:10] <= "2026-11-18"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "   "], "the query is empty"),
        (["search", "수출", "--outlet", "nope"], "unknown outlet 'nope'"),
        (["search", "수출", "--from", "2020-01-01", "--to", "2020-02-01"], "no data from 2020-01-01"),
        (["search", "수출", "--from", "2026-11-20", "--to", "2026-11-14"], "is after"),
        (["stories", "--date", "2020-01-01"], "no stories on 2020-01-01"),
        (["quotes", "--speaker", "아무개"], "nobody called '아무개'"),
        (["quotes", "--about", " "], "--about is empty"),
    ],
)
def test_bad_input_says_so_and_exits_non_zero(sample_database, argv, message):
    code, out, err = run(sample_database, *argv)
    assert code == 2 and message in err and not out


def test_a_query_with_sql_in_it_is_only_text(sample_database, tmp_path):
    database = tmp_path / "copy.duckdb"
    shutil.copy(sample_database, database)
    code, out, _ = run(database, "search", "x'; DROP TABLE clean.articles; --")
    assert code == 0 and "no article" in out
    code, _, err = run(database, "quotes", "--speaker", "' OR 1=1 --")
    assert code == 2 and "nobody called" in err
    with duckdb.connect(str(database), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM clean.articles").fetchone()[0] > 0


def test_a_database_of_an_older_schema_says_so_instead_of_a_traceback(sample_database, tmp_path):
    database = tmp_path / "old.duckdb"
    shutil.copy(sample_database, database)
    with duckdb.connect(str(database)) as conn:
        conn.execute("ALTER TABLE nlp.quotes DROP COLUMN kind")
    code, out, err = run(database, "quotes", "--about", "로봇")
    assert code == 2 and not out
    assert "do not match this version" in err and "re-materialize" in err


def test_quotes_show_the_speakers_role_and_count_wire_copies_once(sample_database):
    code, out, _ = run(sample_database, "quotes", "--speaker", "한도윤")
    assert code == 0
    lines = out.splitlines()
    # The sample's namesake (a professor at 가람대학교) keeps the affiliation his article states.
    assert lines and all("한도윤 (누리전자 대표)" in line or "한도윤 (가람대학교 교수)" in line for line in lines)
    assert any("한도윤 (누리전자 대표)" in line for line in lines)
    assert len(lines) == len(set(lines))  # a wire story's quote printed once, its copies as (+N)
    code, out, _ = run(sample_database, "quotes", "--org", "누리", "--about", "로봇")
    assert code == 0 and "로봇" in out


def test_stories_prints_the_days_top_stories(sample_database):
    code, out, _ = run(sample_database, "stories", "--date", "2026-11-20", "--limit", "5")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "stories of 2026-11-20" and len(lines) == 7
    assert lines[2].split()[0] == "1"


def test_database_is_accepted_before_or_after_the_command():
    from news_assets.cli import parser

    before = parser().parse_args(["--database", "a.duckdb", "stories"])
    after = parser().parse_args(["stories", "--limit", "3", "--database", "b.duckdb"])
    assert str(before.database) == "a.duckdb" and str(after.database) == "b.duckdb"
    assert parser().parse_args(["stories"]).database is None
