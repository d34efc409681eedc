"""The generated Korean sample corpus (data/sample/<day>/pages/*.html, truth in data/sample/_truth/<day>.jsonl):
articles come out with the true body and publication time, bad pages are refused.

Truncated downloads are judged case by case: the generator cuts a page somewhere between the first and the
last `</p>`, which is often after the article (in the sidebar or footer). Such a page legitimately yields an
article when enough whole paragraphs arrived; it is then flagged `truncated`, and its body must be a part
of the story the page was cut from (every paragraph found in the page's text). When too little arrived it
is refused. Skipped when the sample has not been generated.
"""

import csv
import html
import json
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from news_assets.extract import Article, NotAnArticle, decode_html, extract_article

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
ARTICLE_KINDS = {"article", "duplicate_exact", "duplicate_near"}
BAD_KINDS = {"empty", "index", "error", "scripts_only"}


def load_rows() -> list[dict]:
    rows = []
    for truth in sorted((SAMPLE / "_truth").glob("*.jsonl")) if SAMPLE.is_dir() else []:
        day = truth.stem
        manifest_path = SAMPLE / day / "manifest.csv"
        manifest = {}
        if manifest_path.exists():
            with manifest_path.open(encoding="utf-8") as f:
                manifest = {r["file"]: r for r in csv.DictReader(f)}
        for line in truth.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            content_type = manifest.get(row["file"], {}).get("content_type") or ""
            row["http_charset"] = content_type.split("charset=")[1].strip() if "charset=" in content_type else None
            row["path"] = SAMPLE / day / row["file"]
            row["id"] = f"{day}/{row['file']}"
            rows.append(row)
    return rows


ROWS = load_rows()
pytestmark = pytest.mark.skipif(not ROWS, reason=f"sample corpus not generated at {SAMPLE}")


def token_f1(ours: str, truth: str) -> float:
    """F1 over the multisets of whitespace tokens after NFKC (the measure of bench/extraction.py)."""
    a = Counter(unicodedata.normalize("NFKC", ours).split())
    b = Counter(unicodedata.normalize("NFKC", truth).split())
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def run(row: dict) -> Article | NotAnArticle:
    try:
        return extract_article(row["path"].read_bytes(), row["url"], http_charset=row["http_charset"])
    except NotAnArticle as err:
        return err


def ids(rows):
    return [r["id"] for r in rows]


ARTICLES = [r for r in ROWS if r["kind"] in ARTICLE_KINDS]
BAD = [r for r in ROWS if r["kind"] in BAD_KINDS]
TRUNCATED = [r for r in ROWS if r["kind"] == "truncated"]


@pytest.mark.parametrize("row", ARTICLES, ids=ids(ARTICLES))
def test_article_pages(row):
    result = run(row)
    assert isinstance(result, Article), f"rejected: {result}"
    assert token_f1(result.body, row["body"]) >= 0.95
    expected = datetime.fromisoformat(row["published_at"]) if row["published_at"] else None
    assert result.published_at == expected
    assert result.published_at is None or result.published_at.tzinfo is not None


@pytest.mark.parametrize("row", BAD, ids=ids(BAD))
def test_bad_pages_are_refused(row):
    result = run(row)
    assert isinstance(result, NotAnArticle), f"accepted a {row['kind']} page: {result.body[:80]!r}"
    expected = {
        "empty": {"empty"},
        "index": {"index_page"},
        "error": {"error_page"},
        "scripts_only": {"no_text", "too_short"},
    }[row["kind"]]
    assert result.reason in expected


@pytest.mark.parametrize("row", TRUNCATED, ids=ids(TRUNCATED))
def test_truncated_pages(row):
    result = run(row)
    if isinstance(result, NotAnArticle):
        assert result.reason in {"too_short", "no_text", "index_page"}
        return
    assert result.truncated
    page_text = " ".join(html.unescape(decode_html(row["path"].read_bytes()).text).split())
    for paragraph in result.body.split("\n\n"):
        assert paragraph in page_text


FIELDS = ("title", "subtitle", "captions", "authors", "section", "canonical_url", "updated_at")


def test_metadata_fields_match_the_truth():
    """Beyond body and date: each field right on at least 95% of the article pages."""
    if not ARTICLES:
        pytest.skip("no article pages")
    hits = dict.fromkeys(FIELDS, 0)
    for row in ARTICLES:
        result = run(row)
        assert isinstance(result, Article)
        ours = {
            "title": result.title,
            "subtitle": result.subtitle,
            "captions": list(result.captions),
            "authors": list(result.authors),
            "section": result.section,
            "canonical_url": result.canonical_url,
            "updated_at": result.updated_at,
        }
        truth = dict(row)
        truth["updated_at"] = datetime.fromisoformat(row["updated_at"]) if row["updated_at"] else None
        for field in FIELDS:
            hits[field] += (ours[field] or None) == (truth[field] or None)
    rates = {field: hits[field] / len(ARTICLES) for field in FIELDS}
    assert all(rate >= 0.95 for rate in rates.values()), rates
