"""Same name, different people: person ids qualified by the affiliation an article states (news_assets.nlp.ids).

Hand-written days: two people called 김민수 with different affiliations, and articles that name 김민수 with no
affiliation; and the bundled sample's one pair of namesakes (two people called 한도윤 on 2026-11-14).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from news_assets.nlp import analyze, entity_id
from news_assets.nlp.ids import link_namesakes
from news_assets.schemas import NLP_MENTIONS, NLP_PERSON_ROLES
from news_assets.transform.daily import entity_registry_sql
from news_assets.transform.nlp_tables import analyze_articles

TRUTH = Path(__file__).resolve().parents[1] / "data" / "sample" / "_truth"
D1, D2 = date(2026, 3, 2), date(2026, 3, 3)
CEO = "김민수 한빛전자 대표는 2일 서울 본사에서 새 반도체 공장 계획을 발표했다. 김 대표는 “내년부터 양산한다”고 말했다."
MP = "김민수 새물결당 의원은 2일 국회에서 반도체 특별법 개정안을 대표 발의했다."
BARE = "김민수 씨는 이날 기자들과 만나 “곧 결론이 날 것”이라고 말했다."


def _ids(text: str) -> set[str]:
    return {m.entity_id for m in analyze(text).mentions if m.type == "PER" and m.name == "김민수"}


def test_an_affiliation_qualifies_the_person_id():
    assert _ids(CEO) == {entity_id("김민수", "PER", "한빛전자")}
    assert _ids(MP) == {entity_id("김민수", "PER", "새물결당")}
    assert _ids(BARE) == {entity_id("김민수", "PER")}
    a = analyze(CEO)
    assert {r.person_entity_id for r in a.person_roles} == {entity_id("김민수", "PER", "한빛전자")}
    assert {q.speaker_entity_id for q in a.quotes} == {entity_id("김민수", "PER", "한빛전자")}


def test_a_bare_name_joins_the_days_one_qualified_person_only():
    one = link_namesakes([analyze(CEO), analyze(BARE)])
    assert {m.entity_id for m in one[1].mentions if m.name == "김민수"} == {entity_id("김민수", "PER", "한빛전자")}
    assert {q.speaker_entity_id for q in one[1].quotes} == {entity_id("김민수", "PER", "한빛전자")}
    two = link_namesakes([analyze(CEO), analyze(MP), analyze(BARE)])
    assert {m.entity_id for m in two[2].mentions if m.name == "김민수"} == {entity_id("김민수", "PER")}
    # Order of the day's articles does not matter.
    again = link_namesakes([analyze(BARE), analyze(MP), analyze(CEO)])
    assert [a.mentions for a in again] == [two[2].mentions, two[1].mentions, two[0].mentions]


def _registry(tables, columns: str, name: str) -> list[tuple]:
    """``columns`` of the entity registry's rows for ``name`` (qualified or not), built from the analysed tables."""
    conn = duckdb.connect()
    conn.execute("CREATE SCHEMA nlp")
    for schema, frame in ((NLP_MENTIONS, tables.mentions), (NLP_PERSON_ROLES, tables.person_roles)):
        conn.execute(schema.create_sql())
        conn.register("f", frame.to_arrow())
        conn.execute(f"INSERT INTO {schema.qualified_name} BY NAME SELECT * FROM f")
        conn.unregister("f")
    return conn.execute(
        f"SELECT {columns} FROM ({entity_registry_sql()}) WHERE name LIKE ? ORDER BY name", [name + "%"]
    ).fetchall()


def test_registry_keeps_namesakes_apart():
    articles = pl.DataFrame(
        {
            "news_date": [D1, D1, D1, D2],
            "article_id": ["a1", "a2", "a3", "a4"],
            "body": [CEO, MP, BARE, BARE],
            "duplicate_of": [None, None, None, None],
        }
    )
    tables = analyze_articles(articles)
    rows = _registry(tables, "entity_id, name, articles", "김민수")
    assert rows == [
        (entity_id("김민수", "PER"), "김민수", 2),  # day 1's bare mention (two namesakes that day) and day 2's
        (entity_id("김민수", "PER", "새물결당"), "김민수 (새물결당)", 1),
        (entity_id("김민수", "PER", "한빛전자"), "김민수 (한빛전자)", 1),
    ]


def _sample_day(day: str) -> list[dict]:
    lines = (TRUTH / f"{day}.jsonl").read_text(encoding="utf-8").splitlines()
    return [doc for line in lines if line.strip() and (doc := json.loads(line))["kind"] == "article"]


def test_the_samples_namesakes_get_two_ids_and_two_registry_rows():
    """On 2026-11-14 the sample names two people called 한도윤: 누리전자's CEO (its robot launch) and a professor
    of 가람대학교 (the generator's `NAMESAKE_DAY`). The day's analysis gives them two ids, and the registry two rows."""
    docs = _sample_day("2026-11-14")
    affiliations = {r["affiliation"] for d in docs for r in d["person_roles"] if r["person"] == "한도윤"}
    assert affiliations == {"누리전자", "가람대학교"}
    articles = pl.DataFrame(
        {
            "news_date": [date(2026, 11, 14)] * len(docs),
            "article_id": [d["file"] for d in docs],
            "body": [d["body"] for d in docs],
            "duplicate_of": [None] * len(docs),
        }
    )
    tables = analyze_articles(articles)
    ids = set(tables.mentions.filter(pl.col("name") == "한도윤")["entity_id"].to_list())
    assert ids == {entity_id("한도윤", "PER", "누리전자"), entity_id("한도윤", "PER", "가람대학교")}
    professor = next(d["file"] for d in docs if "가람대" in d["body"])
    assert set(
        tables.mentions.filter((pl.col("name") == "한도윤") & (pl.col("article_id") == professor))["entity_id"]
    ) == {entity_id("한도윤", "PER", "가람대학교")}
    names = _registry(tables, "name", "한도윤")
    assert names == [("한도윤 (가람대학교)",), ("한도윤 (누리전자)",)]


def test_no_other_sample_day_has_namesakes():
    """Every other day names each person with one affiliation: the planted pair is the only one."""
    affiliations: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in sorted(TRUTH.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line) if line.strip() else {}
            for r in doc.get("person_roles") or []:
                if r.get("affiliation"):
                    affiliations[(path.name, r["person"])].add(r["affiliation"])
    several = {k for k, v in affiliations.items() if len(v) > 1}
    assert several == {("2026-11-14.jsonl", "한도윤")}
