"""The seed page (../shared/seed/seed-article.txt): what the entity stage must find in it.

The page's text is not in the repository; this module holds only what a reader finds in it, written for this
test by the project (span conventions of data/gold/README.md: places written one after another are one place).
Skipped when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from news_assets.nlp import Analysis, analyze

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "seed-article.txt"

PEOPLE = {"김영섭", "이종호", "고진", "정신아", "허성욱", "박윤규", "최수연", "황종성", "배경훈", "용석우"}
ORGANIZATIONS = {
    "KT",
    "LG",
    "LG AI연구원",
    "네이버",
    "카카오",
    "삼성전자",
    "오픈AI",
    "과학기술정보통신부",
    "디지털플랫폼정부위원회",
    "정보통신산업진흥원",
    "한국지능정보사회진흥원",
    "정보통신산업기획평가원",
}
PRODUCTS = {"허니비", "챗GPT"}
# The 24 of the issue: every person, organization and product; places and events are checked apart.
TYPED = {(n, "PER") for n in PEOPLE} | {(n, "ORG") for n in ORGANIZATIONS} | {(n, "PRODUCT") for n in PRODUCTS}
PLACES = {"서울 영등포구 전경련회관", "서울 여의도 전경련회관", "미국 라스베이거스", "미국", "동남아", "중동"}
EVENTS = {"CES 2024", "제5차 인공지능(AI) 최고위 전략대화"}
ROLES = {
    ("김영섭", "대표", "KT"),
    ("이종호", "장관", "과학기술정보통신부"),
    ("고진", "위원장", "디지털플랫폼정부위원회"),
    ("정신아", "대표 내정자", "카카오"),
    ("허성욱", "원장", "정보통신산업진흥원"),
    ("박윤규", "제2차관", "과학기술정보통신부"),
    ("최수연", "대표", "네이버"),
    ("황종성", "원장", "한국지능정보사회진흥원"),
    ("배경훈", "원장", "LG AI연구원"),
    ("용석우", "사장", "삼성전자"),
}
# Speakers of the body's twelve quotes, in order (`그는`, `정 내정자는`, `그러면서` resolved).
SPEAKERS = ["이종호"] * 2 + ["최수연"] * 4 + ["정신아"] * 6


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed page is not at {SEED} (../shared/seed is for development; not shipped)")
    text = SEED.read_text(encoding="utf-8")
    # The article ends where the page's reaction counters begin.
    return text[: text.index("좋아요0")]


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Analysis:
    return analyze(seed_text)


def test_every_person_organization_and_product_with_its_type(seed: Analysis):
    found = {(m.name, m.type) for m in seed.mentions}
    assert len(TYPED) == 24
    assert found >= TYPED, sorted(TYPED - found)
    names = {n for n, _ in TYPED}
    wrong_type = {(n, t) for n, t in found if n in names and (n, t) not in TYPED}
    assert not wrong_type


def test_places_and_events(seed: Analysis):
    found = {(m.name, m.type) for m in seed.mentions}
    assert {(n, "LOC") for n in PLACES} <= found
    assert {(n, "EVENT") for n in EVENTS} <= found
    assert not [m for m in seed.mentions if m.type == "PER" and m.name not in PEOPLE]


def test_ten_roles(seed: Analysis):
    """Each person with the affiliation and the title written next to them (a title may keep the unit before it:
    `영상디스플레이사업부 사장`)."""
    found = {(r.person, r.affiliation): r.title or "" for r in seed.person_roles if r.affiliation}
    for person, title, affiliation in ROLES:
        assert found.get((person, affiliation), "").endswith(title), (person, title, affiliation, found)


def test_twelve_quotes_with_their_speakers(seed: Analysis, seed_text: str):
    """The body's twelve quotes and their speakers; the headline's and subheads' quotes are the business leaders'
    and the meeting's as a group, never one of the people of the body."""
    body_start = seed_text.index("정부와 KT")
    body = [q for q in seed.quotes if q.start >= body_start]
    assert [q.speaker for q in body] == SPEAKERS
    assert not [q for q in seed.quotes if q.start < body_start and q.speaker in PEOPLE]
