"""Copies across days: a story stored on an earlier day is the original of its copies on the days after, and
counts once, whatever order the days are materialized in (news_assets/transform/copies.py)."""

import csv
import dataclasses
import shutil
from datetime import date

import dagster as dg
import duckdb
import pytest

from news_assets.definitions import build_definitions
from news_assets.settings import Settings

pytestmark = pytest.mark.slow

DAY1, DAY2 = "2026-11-16", "2026-11-17"


def _sentences(subject, verb, n=10):
    return [f"{subject} {i}일 {verb} {i * 37}건을 기록했다고 밝혔다" for i in range(1, n + 1)]


WIRE = _sentences("누리전자는 서울 여의도 본사에서 새 로봇 누리봇을 공개하고", "연말까지 생산 물량을 늘려 수출 계약")
WEATHER = _sentences("기상청은 전국이 대체로 맑겠으나 아침 기온이 영하로 떨어지는 곳이", "많겠다며 빙판길 사고 신고")
HARBOUR = _sentences("부산항만공사는 신항 컨테이너 부두의 하역 장비를 교체하고", "처리 물동량이 늘어 선박 입항")
MARKET = _sentences("한빛증권은 코스피가 외국인 매수세에 힘입어 오르고", "거래대금이 늘어 신규 계좌 개설")
BYLINE = "(서울=누리통신) 편지석 기자"

# (day, file, url, outlet, published hour, title, sentences)
PAGES = [
    (DAY1, "wire.html", "https://ga.example/news/1", "ga", 9, "누리봇 공개", WIRE),
    (DAY1, "weather.html", "https://na.example/news/1", "na", 10, "아침 영하권", WEATHER),
    (DAY1, "harbour.html", "https://da.example/news/7", "da", 11, "신항 하역 장비 교체", HARBOUR),
    # The wire story again the next day at another outlet: same body, another URL.
    (DAY2, "wire-copy.html", "https://na.example/news/2", "na", 8, "누리전자 누리봇 공개", WIRE),
    # The same URL as yesterday's harbour story (re-fetched, a sentence added): the same article.
    (DAY2, "harbour-again.html", "https://da.example/news/7", "da", 9, "신항 하역 장비 교체", [*HARBOUR, BYLINE]),
    # Yesterday's weather story edited by another outlet: a sentence dropped, a byline added.
    (DAY2, "weather-edited.html", "https://ra.example/news/3", "ra", 10, "영하권 추위", [*WEATHER[:-1], BYLINE]),
    (DAY2, "market.html", "https://ga.example/news/2", "ga", 11, "코스피 상승", MARKET),
]
EXPECTED_LINKS = {"wire-copy": "wire", "harbour-again": "harbour", "weather-edited": "weather"}


def _html(title, url, published, sentences):
    paragraphs = "".join(f"<p>{s}.</p>" for s in sentences)
    return (
        f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{published}">'
        f'<link rel="canonical" href="{url}"></head><body><nav><a href="/">홈</a></nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>©</footer></body></html>"
    )


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    root = tmp_path_factory.mktemp("cross_day_landing")
    for day in (DAY1, DAY2):
        (root / day / "pages").mkdir(parents=True)
        with (root / day / "manifest.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["file", "url", "outlet", "fetched_at", "http_status", "content_type"])
            for page_day, file, url, outlet, hour, title, sentences in PAGES:
                if page_day != day:
                    continue
                published = f"{day}T{hour:02d}:00:00+09:00"
                (root / day / "pages" / file).write_text(_html(title, url, published, sentences), encoding="utf-8")
                writer.writerow([f"pages/{file}", url, outlet, f"{day}T{hour:02d}:30:00+09:00", 200, "text/html"])
    return root


def _run(defs, instance, day, selection=None):
    job = defs.resolve_job_def("daily_news_job")
    if selection is not None:
        in_job = job.asset_layer.selected_asset_keys
        job = job.get_subset(asset_selection={k for k in selection.resolve(defs.resolve_asset_graph()) if k in in_job})
    result = job.execute_in_process(instance=instance, partition_key=day)
    assert result.success
    return result


def _links(database):
    """file stem → file stem of its original, from the stored clean.articles."""
    with duckdb.connect(str(database), read_only=True) as conn:
        rows = conn.execute(
            "SELECT a.url, a.news_date, a.title, o.title FROM clean.articles a "
            "JOIN clean.articles o ON o.article_id = a.duplicate_of"
        ).fetchall()
    stem = {(d, t): f.removesuffix(".html") for d, f, _, _, _, t, _ in PAGES}
    by_title = {t: f.removesuffix(".html") for d, f, _, _, _, t, _ in PAGES if d == DAY1}
    return {stem[(str(day), title)]: by_title[original] for _, day, title, original in rows}


def _counts(database):
    with duckdb.connect(str(database), read_only=True) as conn:

        def one(sql):
            return conn.execute(sql, [date.fromisoformat(DAY2)]).fetchone()[0]

        return {
            "articles": one("SELECT sum(articles) FROM daily.source_volume WHERE news_date = ?"),
            "duplicates": one("SELECT sum(duplicates) FROM daily.source_volume WHERE news_date = ?"),
            "analysed": one("SELECT count(DISTINCT article_id) FROM nlp.mentions WHERE news_date = ?"),
            "entity_articles": one("SELECT max(articles) FROM daily.entity_counts WHERE news_date = ?"),
            "story_articles": one("SELECT sum(articles) FROM daily.stories WHERE news_date = ?"),
        }


def _materialize(tmp_path, landing, order):
    settings = Settings(database=tmp_path / "news.duckdb", landing=landing, start_date="2026-11-01")
    defs = build_definitions(settings)
    with dg.DagsterInstance.ephemeral() as instance:
        results = [_run(defs, instance, day) for day in order]
        yield settings, defs, instance, results


def test_copies_of_an_earlier_day_point_to_it_in_date_order(tmp_path, landing):
    for settings, *_ in _materialize(tmp_path, landing, [DAY1, DAY2]):
        assert _links(settings.database) == EXPECTED_LINKS
        # Counted once: on DAY2 only the market story is an article of the day; the copies are duplicates.
        counts = _counts(settings.database)
        assert counts == {"articles": 1, "duplicates": 3, "analysed": 1, "entity_articles": 1, "story_articles": 1}


def test_a_later_day_materialized_first_is_relinked_by_the_earlier_days_run(tmp_path, landing):
    for settings, _defs, _instance, results in _materialize(tmp_path, landing, [DAY2, DAY1]):
        # DAY2 alone: nothing earlier is stored, so its copies were its own articles.
        # DAY1's run relinked them, without re-running DAY2, and told Dagster so.
        assert _links(settings.database) == EXPECTED_LINKS
        relinked = [
            m.partition
            for m in results[-1].asset_materializations_for_node("clean_articles")
            if m.asset_key == dg.AssetKey(["clean", "articles"])
        ]
        assert DAY2 in relinked
        # Every step of DAY1's run settled DAY2's rows too (news_assets/transform/settle.py): DAY2's nlp rows, daily
        # aggregates and stories count the copies once, without re-running DAY2, and each says so to Dagster.
        counts = _counts(settings.database)
        assert counts == {"articles": 1, "duplicates": 3, "analysed": 1, "entity_articles": 1, "story_articles": 1}
        recomputed = {
            m.asset_key.to_user_string()
            for m in results[-1].get_asset_materialization_events()
            if m.materialization.partition == DAY2
        }
        assert {"clean/articles", "nlp/mentions", "daily/entity_counts", "daily/source_volume"} <= recomputed


def test_rerunning_the_earlier_day_keeps_the_links(tmp_path, landing):
    for settings, defs, instance, _ in _materialize(tmp_path, landing, [DAY1, DAY2]):
        with duckdb.connect(str(settings.database), read_only=True) as conn:
            before = conn.execute("SELECT article_id, duplicate_of FROM clean.articles ORDER BY 1").fetchall()
        _run(defs, instance, DAY1)
        with duckdb.connect(str(settings.database), read_only=True) as conn:
            after = conn.execute("SELECT article_id, duplicate_of FROM clean.articles ORDER BY 1").fetchall()
        assert after == before
        assert _links(settings.database) == EXPECTED_LINKS


def test_rerunning_the_earlier_day_without_the_original_makes_its_copy_an_article_again(tmp_path, landing):
    """The wire story leaves DAY1 (a page removed from the landing, the day re-run): its copy on DAY2 is the
    original now, analysed and counted, without re-running DAY2."""
    changed = tmp_path / "landing"
    shutil.copytree(landing, changed)
    manifest = changed / DAY1 / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(line for line in lines if "wire.html" not in line), encoding="utf-8")
    for settings, _defs, instance, _ in _materialize(tmp_path, landing, [DAY1, DAY2]):
        assert _counts(settings.database)["articles"] == 1
        changed_defs = build_definitions(dataclasses.replace(settings, landing=changed))
        _run(changed_defs, instance, DAY1)
        assert _links(settings.database) == {k: v for k, v in EXPECTED_LINKS.items() if k != "wire-copy"}
        counts = _counts(settings.database)
        assert counts == {"articles": 2, "duplicates": 2, "analysed": 2, "entity_articles": 1, "story_articles": 2}


def test_search_of_a_relinked_later_day_shows_the_copy_no_more(tmp_path, landing):
    """DAY2 run first indexes its copies as articles; DAY1's run relinks them and, in the same run, cuts DAY2's
    search terms again and refreshes its documents in the index: a search finds the wire story once."""
    from news_assets.storage import search as fts

    for settings, _defs, _instance, results in _materialize(tmp_path, landing, [DAY2, DAY1]):
        day2 = date.fromisoformat(DAY2)
        lo, hi = fts.docid_range(day2, day2)
        with duckdb.connect(str(settings.database), read_only=True) as conn:
            unique = {
                r[0]
                for r in conn.execute(
                    "SELECT article_id FROM clean.articles WHERE news_date = ? AND duplicate_of IS NULL", [day2]
                ).fetchall()
            }
            terms = {
                r[0]
                for r in conn.execute("SELECT article_id FROM nlp.search_terms WHERE news_date = ?", [day2]).fetchall()
            }
            indexed = {
                r[0]
                for r in conn.execute(
                    f"SELECT name FROM {fts.INDEX}.docs WHERE docid BETWEEN ? AND ?", [lo, hi]
                ).fetchall()
            }
            hits = fts.search(conn, ["공개"], date.fromisoformat(DAY1), day2, limit=10)
        assert len(unique) == 1 and terms == unique and indexed == unique
        assert [(str(h.news_date), h.title) for h in hits] == [(DAY1, "누리봇 공개")]
        settled = {
            m.asset_key.to_user_string()
            for m in results[-1].get_asset_materialization_events()
            if m.materialization.partition == DAY2
        }
        assert {"nlp/search_terms", "nlp/search_index"} <= settled
