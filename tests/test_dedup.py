import json

import duckdb
import pytest

from news_assets.transform.dedup import NEAR_DUPLICATE_JACCARD, StoryKey, content_hash, find_duplicates, shingles
from tests.paths import SAMPLE_DIR

STORY = " ".join(
    f"누리전자는 {n}일 서울 여의도에서 새 로봇 누리봇 {n}호를 공개하고 연말까지 생산 물량을 늘리기로 했다고 밝혔다."
    for n in range(1, 12)
)
OTHER = " ".join(
    f"기상청은 {n}일 전국이 대체로 맑겠으나 아침 기온이 영하로 떨어지는 곳이 많겠다고 예보했다." for n in range(1, 12)
)


def key(article_id, body, url=None):
    return StoryKey(article_id, url or f"https://x.example/{article_id}", content_hash(body), body)


def test_exact_copies_by_url_or_reflowed_body_point_to_the_first():
    stories = [
        key("a", STORY),
        key("b", STORY.replace(" ", "  ")),  # same words, other whitespace
        key("c", OTHER, url="https://x.example/a"),  # same canonical URL as a: an updated version of it
        key("d", OTHER),  # the text of c, so the same story as a
    ]
    assert find_duplicates(stories) == {"b": "a", "c": "a", "d": "a"}


def test_an_edited_wire_copy_is_a_near_duplicate_and_a_different_story_is_not():
    sentences = STORY.split(". ")
    edited = ". ".join(sentences[:-1]) + ". (서울=누리통신) 편지석 기자"
    assert len(shingles(edited) & shingles(STORY)) / len(shingles(edited) | shingles(STORY)) >= NEAR_DUPLICATE_JACCARD
    assert find_duplicates([key("wire", STORY), key("copy", edited), key("other", OTHER)]) == {"copy": "wire"}


def test_short_bodies_are_only_matched_exactly():
    short = "짧은 공지 한 줄입니다."
    assert find_duplicates([key("a", short), key("b", short + " 추가")]) == {}


@pytest.mark.slow
def test_on_the_sample_every_planned_copy_is_found_and_no_independent_article_is_merged(sample_database):
    truth = {}
    for path in (SAMPLE_DIR / "_truth").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            truth[row["url"]] = row
    with duckdb.connect(str(sample_database), read_only=True) as conn:
        rows = conn.execute("SELECT url, duplicate_of IS NOT NULL FROM clean.articles").fetchall()
    kinds = {(truth[url]["kind"], is_duplicate) for url, is_duplicate in rows}
    planned = sum(1 for row in truth.values() if row["kind"].startswith("duplicate_"))
    found = sum(1 for url, is_duplicate in rows if is_duplicate and truth[url]["kind"].startswith("duplicate_"))
    assert planned > 20 and found == planned
    assert ("article", True) not in kinds
