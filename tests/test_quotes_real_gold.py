"""The real-news quote gold (data/gold/ko_real/quotes.jsonl) and the scorer of bench/quotes_real.py.

The gold's structure is checked offline; its offsets against the texts only where ../shared/corpus/ko_real is
present (skipped otherwise). The scorer's matching runs on small hand-made examples.
"""

from __future__ import annotations

import hashlib
import json
from itertools import pairwise
from pathlib import Path

import pytest

from bench.quotes_real import (
    CORPUS,
    GOLD,
    SECTION_BEGIN,
    SECTION_END,
    Doc,
    GoldTextChanged,
    Scores,
    load_real,
    match_spans,
    score_quotes,
    score_roles,
    speaker_ok,
    splice,
    summary_section,
    title_ok,
    zone_of,
)
from news_assets.nlp.model import PersonRole, Quote

MARKS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
needs_texts = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the ko_real texts are not at {CORPUS}")


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_structure():
    docs = _gold()
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)) == 15
    assert "naver_news_read_0b6fd8_cp949_reencoded" not in ids  # the same text as naver_news_read_0b6fd8
    for d in docs:
        assert len(d["sha256"]) == 64
        for s, e in d["headings"]:
            assert 0 <= s < e <= d["chars"]
        spans = sorted((q["start"], q["end"]) for q in d["quotes"])
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), d["id"]
        for q in d["quotes"]:
            assert 0 <= q["start"] < q["end"] <= d["chars"]
            assert q["kind"] in ("direct", "indirect")
            assert q["speaker_kind"] in ("person", "organisation", "anonymous", None)
            # A named speaker has a kind; an anonymous one has no name.
            assert (q["speaker"] is None) == (q["speaker_kind"] in ("anonymous", None)), q
        for r in d["roles"]:
            assert r["person"] and r["title"] and r["form"] in ("apposition", "clause")
            assert 0 <= r["start"] < r["end"] <= d["chars"]


@needs_texts
def test_gold_offsets_hold_on_the_texts():
    docs = load_real()  # raises GoldTextChanged if a text is not the annotated one
    for d in docs:
        for q in d.quotes:
            inner = d.text[q["start"] : q["end"]]
            assert inner == inner.strip(), (d.id, inner)
            if q["kind"] == "direct":
                assert MARKS.get(d.text[q["start"] - 1]) == d.text[q["end"]], (d.id, inner)
        for r in d.roles:
            assert r["person"] in d.text[r["start"] : r["end"]], (d.id, r)
        for s, e in d.headings:
            assert "\n" not in d.text[s:e]


def test_a_changed_text_is_refused(tmp_path: Path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "expected.txt").write_text("그는 “좋다”고 말했다.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    record = {"id": "page", "sha256": hashlib.sha256("그는 “좋다”고 했다.".encode()).hexdigest(), "chars": 12}
    gold.write_text(json.dumps({**record, "headings": [], "quotes": [], "roles": []}) + "\n", encoding="utf-8")
    with pytest.raises(GoldTextChanged, match="has changed since it was annotated"):
        load_real(tmp_path, gold)


def test_match_spans_is_one_to_one_largest_overlap_first():
    gold = [(0, 10), (20, 30)]
    # pred 0 overlaps gold 0 by 2, pred 1 overlaps gold 0 by 8 and gold 1 by 2: gold 0 goes to pred 1.
    assert match_spans(gold, [(8, 15), (2, 22)]) == [(0, 1)]
    assert match_spans(gold, [(2, 12), (25, 40), (40, 50)]) == [(0, 0), (1, 1)]
    assert match_spans(gold, [(10, 20)]) == []  # touching is no overlap


def test_title_and_speaker_rules():
    assert title_ok("최고경영자(CEO)", "최고경영자")
    assert title_ok("공동창업자 겸 최고경영자(CEO)", "공동창업자")
    assert title_ok("대선 후보", "대선후보")
    assert not title_ok("전 대표", "대표")
    assert speaker_ok({"speaker": "J D 밴스"}, "JD 밴스")
    assert speaker_ok({"speaker": "이성윤", "co_speakers": ["박규환"]}, "박규환")
    assert not speaker_ok({"speaker": "제프리 슈와브"}, "제프리")
    assert not speaker_ok({"speaker": "이재명"}, None)


def _q(start: int, end: int, speaker: str | None, title: str | None = None) -> Quote:
    return Quote(speaker, None, title, "", start, end)


def test_score_quotes_rows_and_speakers():
    text = "x" * 200
    doc = Doc(
        "d",
        text,
        quotes=[
            {
                "start": 5,
                "end": 15,
                "kind": "direct",
                "speaker": "최태원",
                "speaker_kind": "person",
                "title": "회장",
                "affiliation": None,
            },
            {
                "start": 30,
                "end": 50,
                "kind": "direct",
                "speaker": "최태원",
                "speaker_kind": "person",
                "title": "회장",
                "affiliation": None,
            },
            {
                "start": 60,
                "end": 80,
                "kind": "indirect",
                "speaker": "최태원",
                "speaker_kind": "person",
                "title": None,
                "affiliation": None,
            },
            {
                "start": 90,
                "end": 99,
                "kind": "direct",
                "speaker": None,
                "speaker_kind": "anonymous",
                "title": None,
                "affiliation": None,
            },
        ],
        roles=[],
        headings=[(0, 20)],
    )
    s = Scores()
    pred = [_q(5, 15, None), _q(31, 49, "최태원", "회장"), _q(90, 99, "한덕수"), _q(120, 130, "누구")]
    score_quotes(doc, pred, s)
    assert zone_of((5, 15), doc.headings) == "headline"
    q = s.quotes
    assert (q["all quotes"].tp, q["all quotes"].fp, q["all quotes"].fn) == (3, 1, 1)
    assert (q["body, direct"].tp, q["body, direct"].fp, q["body, direct"].fn) == (2, 1, 0)
    assert (q["body, indirect"].tp, q["body, indirect"].fn) == (0, 1)
    assert (q["headings (subtitles, crossheads)"].tp, q["headings (subtitles, crossheads)"].fp) == (1, 0)
    assert (s.speaker_person.ok, s.speaker_person.n) == (1, 2)
    assert (s.speaker_person_all.ok, s.speaker_person_all.n) == (1, 3)  # the missed indirect quote counts wrong
    assert (s.speaker_person_headline.ok, s.speaker_person_headline.n) == (0, 1)
    assert (s.speaker_none.ok, s.speaker_none.n) == (0, 1)  # an anonymous quote given a name
    assert (s.speaker_title.ok, s.speaker_title.n) == (1, 2)
    kinds = s.later["speaker_kind"]  # the hand-made quotes give none: right only where the gold has none either
    assert kinds is not None and (kinds.ok, kinds.n) == (0, 3)


def _role(person: str, title: str | None, affiliation: str | None) -> PersonRole:
    return PersonRole(person, title, affiliation, "", None, 0, 1)


def test_score_roles_counts_distinct_roles_per_document():
    gold: list[dict] = [
        {"person": "한병도", "title": "대표 직무대행", "affiliation": None, "form": "apposition"},
        {"person": "한병도", "title": "원내대표", "affiliation": None, "form": "apposition"},
        {"person": "마이크 호", "title": "회장", "affiliation": "아메리칸 비트코인", "form": "clause"},
    ]
    doc = Doc("d", "", quotes=[], roles=gold)
    s = Scores()
    pred = [
        _role("한병도", "대표직무대행", None),
        _role("한병도", "대표 직무대행", None),  # the same role twice is one role
        _role("마이크 호", "회장", None),  # right person and title, affiliation missed
        _role("신윤재", "기자", None),  # a byline
    ]
    score_roles(doc, pred, s)
    assert (s.roles_pt.tp, s.roles_pt.fp, s.roles_pt.fn) == (2, 1, 1)
    assert (s.roles_pta.tp, s.roles_pta.fp, s.roles_pta.fn) == (1, 2, 2)
    assert (s.roles_pt_apposition.tp, s.roles_pt_apposition.fp, s.roles_pt_apposition.fn) == (1, 1, 1)


def test_summary_section_is_spliced_into_the_entities_doc():
    """docs/benchmarks-entities.md carries quote P/R, speaker accuracy and role F1 of both golds in a marked
    section that a later run replaces, not repeats."""
    project = ([Doc("d", "", [], [])], Scores())
    first = summary_section("no texts here", project)
    assert first[0] == SECTION_BEGIN and first[-1] == SECTION_END
    assert any("speaker accuracy, named person" in line for line in first)
    assert any(line.startswith("| roles (person, title)") for line in first)
    doc = "# Entity stage benchmark\n\nGold: …\n\n## all\n\n| x |\n"
    once = splice(doc, first)
    assert once.index(SECTION_BEGIN) < once.index("## all")
    second = summary_section("other reason", project)
    twice = splice(once, second)
    assert twice.count(SECTION_BEGIN) == 1 and "other reason" in twice and "no texts here" not in twice
