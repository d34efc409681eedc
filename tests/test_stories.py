"""daily/stories: grouping by content, wire copies once, follow-ups keep their id, ids independent of run order."""

import shutil
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb
import polars as pl
import pytest

from news_assets.schemas import DAILY_STORIES
from news_assets.transform.stories import stories_of_day, stories_of_days, story_id_for

KST = ZoneInfo("Asia/Seoul")
D1, D2 = date(2026, 11, 13), date(2026, 11, 14)

# Two events a day: a chip export release and a volleyball game; each article its entities and keywords.
EXPORTS = (["산업통상자원부", "삼성전자", "SK하이닉스"], ["수출", "반도체", "무역수지", "증가"])
GAME = (["누리전자 썬더스", "한빛모빌리티 레이서스", "유강민"], ["세트", "연승", "스파이크", "경기"])
WEATHER = (["기상청"], ["기온", "한파", "영하", "바람"])


def _day(day, stories, copies=()):
    """Frames for one day: `stories` is a list of (article_id, outlet, hour, (entities, keywords))."""
    articles, mentions, keywords = [], [], []
    for article_id, outlet, hour, (ents, kws) in stories:
        articles.append(
            (
                day,
                article_id,
                outlet,
                f"{article_id} 제목",
                datetime(day.year, day.month, day.day, hour, tzinfo=KST),
                None,
            )
        )
        mentions += [(day, article_id, e) for e in ents for _ in range(2)]
        keywords += [(day, article_id, k, 3) for k in kws]
    for article_id, outlet, hour, original in copies:
        articles.append(
            (day, article_id, outlet, "사본", datetime(day.year, day.month, day.day, hour, tzinfo=KST), original)
        )
    a = pl.DataFrame(
        articles,
        schema={
            "news_date": pl.Date,
            "article_id": pl.String,
            "outlet": pl.String,
            "title": pl.String,
            "published_at": pl.Datetime("us", "Asia/Seoul"),
            "duplicate_of": pl.String,
        },
        orient="row",
    )
    m = pl.DataFrame(mentions, schema={"news_date": pl.Date, "article_id": pl.String, "name": pl.String}, orient="row")
    k = pl.DataFrame(
        keywords,
        schema={"news_date": pl.Date, "article_id": pl.String, "term": pl.String, "count": pl.Int32},
        orient="row",
    )
    return a, m, k


def _cat(*days):
    return tuple(pl.concat([d[i] for d in days]) for i in range(3))


def _story_of(links: pl.DataFrame) -> dict[str, str]:
    return dict(links.select("article_id", "story_id").iter_rows())


def test_articles_on_one_event_are_one_story_and_wire_copies_count_once():
    frames = _day(
        D1,
        [
            ("x1", "nuri", 9, EXPORTS),
            ("x2", "hanbit", 11, EXPORTS),
            ("g1", "haneul", 20, GAME),
            ("w1", "daehan", 8, WEATHER),
        ],
        copies=[("x1c", "pangyo", 10, "x1"), ("x1d", "haean", 12, "x1")],
    )
    stories, links = stories_of_day(D1, *frames, DAILY_STORIES.empty())
    story = _story_of(links)
    assert story["x1"] == story["x2"] == story["x1c"] == story["x1d"]
    assert len({story["x1"], story["g1"], story["w1"]}) == 3
    top = stories.row(0, named=True)
    assert top["story_id"] == story["x1"] == story_id_for("x1")  # the id of its earliest article
    assert top["articles"] == 2  # the copies count once ...
    assert top["outlets"] == 4  # ... and every outlet that carried it counts
    assert top["first_outlet"] == "nuri" and top["days_running"] == 1 and top["first_seen"] == D1
    assert "산업통상자원부" in top["top_entities"] and top["top_keywords"]


# The same company on one day: its quarterly results and its product launch share the names, not the happening.
RESULTS = (["누리전자", "한도윤", "다온증권"], ["영업이익", "매출", "실적", "감소", "분기"])
LAUNCH = (["누리전자", "한도윤", "누리봇"], ["로봇", "출시", "가격", "신제품", "발표회"])
# Another company's results the same day: the same happening, other names.
OTHER_RESULTS = (["별빛게임즈", "신예린", "한빛증권"], ["영업이익", "매출", "실적", "증가", "분기"])


def test_a_story_needs_the_same_names_and_the_same_happening():
    frames = _day(
        D1,
        [
            ("r1", "nuri", 9, RESULTS),
            ("l1", "hanbit", 10, LAUNCH),
            ("r2", "haneul", 11, RESULTS),
            ("l2", "daehan", 12, LAUNCH),
            ("o1", "pangyo", 13, OTHER_RESULTS),
            ("o2", "haean", 14, OTHER_RESULTS),
            ("w1", "nuri", 8, WEATHER),
        ],
    )
    story = _story_of(stories_of_day(D1, *frames, DAILY_STORIES.empty())[1])
    assert story["r1"] == story["r2"] and story["l1"] == story["l2"] and story["o1"] == story["o2"]
    assert len({story["r1"], story["l1"], story["o1"], story["w1"]}) == 4


def test_one_event_told_from_two_angles_is_one_story_even_when_its_first_articles_differ():
    # A game fair: the demo of a new game and the city's takings, with the fair, its venue and its crowd in common.
    demo = (["지스타", "벡스코", "별빛게임즈", "신예린"], ["전시장", "관람객", "신작", "시연", "게임"])
    takings = (["지스타", "벡스코", "부산시", "하윤슬"], ["전시장", "관람객", "숙박", "상권", "게임"])
    frames = _day(
        D1,
        [
            ("d1", "nuri", 9, demo),
            ("t1", "hanbit", 10, takings),
            ("d2", "haneul", 11, demo),
            ("t2", "daehan", 12, takings),
            ("w1", "pangyo", 8, WEATHER),
            ("g1", "haean", 20, GAME),
        ],
    )
    story = _story_of(stories_of_day(D1, *frames, DAILY_STORIES.empty())[1])
    assert story["d1"] == story["d2"] == story["t1"] == story["t2"]
    assert len({story["d1"], story["w1"], story["g1"]}) == 3


def test_one_article_bridging_two_events_does_not_chain_them():
    both = (EXPORTS[0] + GAME[0], EXPORTS[1] + GAME[1])
    frames = _day(
        D1,
        [
            ("x1", "nuri", 9, EXPORTS),
            ("x2", "hanbit", 10, EXPORTS),
            ("b1", "haneul", 11, both),
            ("g1", "daehan", 12, GAME),
            ("g2", "pangyo", 13, GAME),
            ("w1", "haean", 8, WEATHER),
        ],
    )
    story = _story_of(stories_of_day(D1, *frames, DAILY_STORIES.empty())[1])
    assert story["x1"] == story["x2"] and story["g1"] == story["g2"]
    assert story["x1"] != story["g1"]
    assert story["b1"] in {story["x1"], story["g1"]}


def test_a_follow_up_keeps_the_story_id_and_counts_the_days():
    day1 = _day(D1, [("x1", "nuri", 9, EXPORTS), ("g1", "haneul", 20, GAME), ("w1", "daehan", 8, WEATHER)])
    later = ([*EXPORTS[0][:2], "관세청"], [*EXPORTS[1][:3], "전망"])
    day2 = _day(D2, [("x9", "hanbit", 7, later), ("n1", "pangyo", 10, (["누리봇"], ["로봇", "출시", "가격"]))])
    stories, links = stories_of_days([D1, D2], *_cat(day1, day2), DAILY_STORIES.empty())
    story = _story_of(links)
    assert story["x9"] == story["x1"]
    row = stories.filter((pl.col("news_date") == D2) & (pl.col("story_id") == story["x1"])).row(0, named=True)
    assert row["first_seen"] == D1 and row["days_running"] == 2 and row["first_outlet"] == "nuri"
    assert story["n1"] not in {story["x1"], story["g1"]}


def test_a_story_is_not_followed_past_the_look_back_window():
    far = D1 + timedelta(days=9)
    _stories, links = stories_of_days(
        [D1, far],
        *_cat(_day(D1, [("x1", "nuri", 9, EXPORTS)]), _day(far, [("x2", "nuri", 9, EXPORTS)])),
        DAILY_STORIES.empty(),
    )
    story = _story_of(links)
    assert story["x1"] != story["x2"]


def test_ids_do_not_depend_on_the_order_of_rows():
    frames = _day(D1, [("x1", "nuri", 9, EXPORTS), ("x2", "hanbit", 11, EXPORTS), ("g1", "haneul", 20, GAME)])
    shuffled = tuple(f.sample(fraction=1.0, shuffle=True, seed=3) for f in frames)
    a = stories_of_day(D1, *frames, DAILY_STORIES.empty())
    b = stories_of_day(D1, *shuffled, DAILY_STORIES.empty())
    assert a[0].equals(b[0]) and a[1].equals(b[1])


# --- on the bundled sample, through Dagster ---------------------------------------------------------------


def _stories_rows(database):
    with duckdb.connect(str(database), read_only=True) as conn:
        return (
            conn.execute("SELECT * FROM daily.stories ORDER BY ALL").fetchall(),
            conn.execute("SELECT * FROM daily.story_articles ORDER BY ALL").fetchall(),
        )


@pytest.mark.slow
def test_backfill_in_reverse_order_gives_the_same_ids(sample_database, tmp_path):
    from news_assets.definitions import build_definitions
    from news_assets.settings import Settings

    database = tmp_path / "news.duckdb"
    shutil.copy(sample_database, database)
    expected = _stories_rows(database)
    with duckdb.connect(str(database)) as conn:
        days = [r[0] for r in conn.execute("SELECT DISTINCT news_date FROM clean.articles ORDER BY 1").fetchall()]
        conn.execute("DELETE FROM daily.stories")
        conn.execute("DELETE FROM daily.story_articles")
    defs = build_definitions(Settings(database=database, landing=tmp_path / "landing", start_date="2026-11-01"))
    job = defs.resolve_implicit_global_asset_job_def()
    keys = [dg.AssetKey(["daily", "stories"]), dg.AssetKey(["daily", "story_articles"])]
    with dg.DagsterInstance.ephemeral() as instance:
        for day in reversed(days):
            assert job.execute_in_process(
                instance=instance, asset_selection=keys, partition_key=day.isoformat()
            ).success
        assert _stories_rows(database) == expected
        # re-running one day in the middle changes nothing
        assert job.execute_in_process(
            instance=instance, asset_selection=keys, partition_key=days[4].isoformat()
        ).success
    assert _stories_rows(database) == expected


@pytest.mark.slow
def test_stories_match_the_generators_events(sample_database):
    from bench.stories import GOAL, quality
    from tests.paths import SAMPLE_DIR

    q = quality(sample_database, SAMPLE_DIR / "_truth")
    # The goal is 0.9 each (bench/stories.py reports the figures: 0.975 / 1.000 within a day, 0.920 / 0.951
    # across days). Recall moves with the entity tagger's output, so it gets a floor a little below the goal, so
    # that NLP changes do not fail here.
    assert q.within.precision >= GOAL and q.across.precision >= GOAL
    assert q.within.recall >= 0.85 and q.across.recall >= 0.85
    with duckdb.connect(str(sample_database), read_only=True) as conn:
        assert conn.execute("SELECT max(days_running) FROM daily.stories").fetchone()[0] > 3
        # one row per story and day; every article of a day in exactly one story
        assert not conn.execute(
            "SELECT news_date, story_id FROM daily.stories GROUP BY ALL HAVING count(*) > 1"
        ).fetchall()
        # (but a copy of an earlier day's article, which counts on that day)
        assert (
            conn.execute(
                "SELECT count(*) FROM clean.articles a ANTI JOIN daily.story_articles s USING (news_date, article_id) "
                "WHERE a.duplicate_of IS NULL OR a.duplicate_of IN "
                "(SELECT article_id FROM clean.articles o WHERE o.news_date = a.news_date)"
            ).fetchone()[0]
            == 0
        )
