"""The bundled sample corpus and its generator: deterministic, well-formed, and honest about its truth."""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from news_assets_sample import OUTLETS, generate
from news_assets_sample import corpus as corpus_module
from news_assets_sample.text import josa

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
DEFAULTS = {"start": date(2026, 11, 13), "days": 10, "pages_per_day": 36, "seed": 20261113}
ARTICLE_KINDS = {"article", "duplicate_exact", "duplicate_near"}
KINDS = ARTICLE_KINDS | {"empty", "truncated", "index", "error", "scripts_only"}


def digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def days_of(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.name))


def manifest(day: Path) -> list[dict[str, str]]:
    with open(day / "manifest.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def truth(root: Path, day: Path) -> list[dict]:
    with open(root / "_truth" / f"{day.name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def sample() -> list[tuple[Path, list[dict[str, str]], list[dict]]]:
    assert SAMPLE.is_dir(), "data/sample is missing: run python -m news_assets_sample"
    return [(day, manifest(day), truth(SAMPLE, day)) for day in days_of(SAMPLE)]


def decoded(day: Path, row: dict) -> str:
    return (day / row["file"]).read_bytes().decode(row["encoding"])


# --- determinism ---------------------------------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_output(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", date(2026, 11, 13), 2, 36, 7)
    second = generate(tmp_path / "b", date(2026, 11, 13), 2, 36, 7)
    assert [p.name for p in first] == [p.name for p in second] == ["2026-11-13", "2026-11-14"]
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    other = generate(tmp_path / "c", date(2026, 11, 13), 2, 36, 8)
    assert [p.name for p in other] == ["2026-11-13", "2026-11-14"]
    assert digests(tmp_path / "a") != digests(tmp_path / "c")


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    outs = []
    for hash_seed in ("0", "4242"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        args = ["--out", str(out), "--start", "2026-11-19", "--days", "1", "--pages-per-day", "36", "--seed", "5"]
        subprocess.run(
            [sys.executable, "-m", "news_assets_sample", *args], check=True, env=env, cwd=REPO, capture_output=True
        )
        outs.append(digests(out))
    assert outs[0] == outs[1]
    assert len(outs[0]) == 36 + 2  # pages, manifest, truth


def test_committed_sample_is_what_the_generator_makes_now(tmp_path: Path) -> None:
    generate(tmp_path, **DEFAULTS)
    assert digests(tmp_path) == digests(SAMPLE), "regenerate: python -m news_assets_sample --out data/sample"


# --- shape ----------------------------------------------------------------------------------------------------------


def test_sample_has_enough_consecutive_days_pages_and_layouts(sample) -> None:
    days = [date.fromisoformat(day.name) for day, _, _ in sample]
    assert len(days) >= 7
    assert all(b - a == timedelta(days=1) for a, b in pairwise(days))
    for day, rows, truths in sample:
        assert len(rows) >= 30, day
        assert len(rows) == len(truths)
        layouts = {OUTLETS[r["outlet"]].layout for r in rows}
        assert len(layouts) >= 4, (day, layouts)


def test_outlets_have_distinct_domains_and_at_least_five_layouts() -> None:
    assert len({o.layout for o in OUTLETS.values()}) >= 5
    assert len({o.domain for o in OUTLETS.values()}) == len(OUTLETS)
    for key, outlet in OUTLETS.items():
        assert outlet.id == key
        assert re.search("[가-힣]", outlet.name)
        assert outlet.domain.endswith((".co.kr", ".com"))


def test_manifest_rows_point_to_existing_files(sample) -> None:
    for day, rows, truths in sample:
        with open(day / "manifest.csv", encoding="utf-8") as f:
            assert f.readline().strip() == "file,url,outlet,fetched_at,http_status,content_type"
        files = {r["file"] for r in rows}
        assert files == {f"pages/{p.name}" for p in (day / "pages").iterdir()}
        assert [t["file"] for t in truths] == [r["file"] for r in rows]
        for r, t in zip(rows, truths, strict=True):
            assert (day / r["file"]).is_file()
            assert r["url"].startswith("https://") and r["url"] == t["url"]
            assert r["outlet"] in OUTLETS and r["outlet"] == t["outlet"]
            assert int(r["http_status"]) in (200, 404)
            assert datetime.fromisoformat(r["fetched_at"]).utcoffset() == timedelta(hours=9)
            assert r["content_type"] == "" or r["content_type"].startswith("text/html")
            assert t["kind"] in KINDS


# --- encodings ------------------------------------------------------------------------------------------------------


def test_euc_kr_pages_decode_as_cp949_but_not_as_utf8_or_strict_euc_kr(sample) -> None:
    cp949 = traps = boms = pages = 0
    for day, rows, truths in sample:
        for r, t in zip(rows, truths, strict=True):
            data = (day / r["file"]).read_bytes()
            pages += 1
            if t["encoding"] == "cp949":
                cp949 += 1
                text = data.decode("cp949")
                assert 'charset=euc-kr"' in text
                assert r["content_type"] in ("text/html; charset=EUC-KR", "")
                with pytest.raises(UnicodeDecodeError):
                    data.decode("utf-8")
                if t["kind"] != "truncated":
                    with pytest.raises(UnicodeDecodeError):
                        data.decode("euc_kr")  # holds a syllable only CP949 has (똠)
            elif b"charset=euc-kr" in data[:600]:
                traps += 1  # declares EUC-KR, is UTF-8
                data.decode("utf-8")
            if data.startswith(b"\xef\xbb\xbf"):
                boms += 1
                assert t["encoding"] == "utf-8-sig"
    assert 0.10 <= cp949 / pages <= 0.25
    assert traps >= len(sample)  # one or two a day
    assert boms >= 1


# --- times ----------------------------------------------------------------------------------------------------------


def test_published_times_fall_in_the_kst_day_and_precede_fetching(sample) -> None:
    hours = set()
    for day, rows, truths in sample:
        for r, t in zip(rows, truths, strict=True):
            fetched = datetime.fromisoformat(r["fetched_at"])
            assert fetched.date().isoformat() == day.name
            if t["kind"] not in ARTICLE_KINDS:
                continue
            published = datetime.fromisoformat(t["published_at"])
            assert published.utcoffset() == timedelta(hours=9)
            assert published.date().isoformat() == day.name
            assert published <= fetched
            hours.add(published.hour)
            if t["updated_at"]:
                assert published < datetime.fromisoformat(t["updated_at"]) <= fetched
    assert len(hours) >= 15  # spread through the day, including hours that are the previous day in UTC
    assert any(h < 9 for h in hours)


# --- duplicates -------------------------------------------------------------------------------------------------


def test_wire_stories_appear_at_several_outlets_with_exact_and_near_copies(sample) -> None:
    for day, _rows, truths in sample:
        by_file = {t["file"]: t for t in truths}
        groups = defaultdict(list)
        for t in truths:
            if t["wire_story_id"]:
                groups[t["wire_story_id"]].append(t)
        assert 2 <= len(groups) <= 3, day
        for copies in groups.values():
            assert len({c["outlet"] for c in copies}) >= 2
            originals = [c for c in copies if c["kind"] == "article"]
            assert len(originals) == 1
            original = originals[0]
            exact = [c for c in copies if c["kind"] == "duplicate_exact"]
            assert exact, "every wire story has at least one verbatim copy"
            for c in copies:
                if c is original:
                    continue
                assert by_file[c["duplicate_of"]] is original
                assert c["published_at"] > original["published_at"]
                if c["kind"] == "duplicate_exact":
                    assert (c["title"], c["body"]) == (original["title"], original["body"])
                else:
                    assert (c["title"], c["body"]) != (original["title"], original["body"])
    near = [t for _, _, truths in sample for t in truths if t["kind"] == "duplicate_near"]
    assert near


def test_one_outlet_sometimes_serves_an_article_under_two_urls(sample) -> None:
    pairs = 0
    for _day, _rows, truths in sample:
        by_file = {t["file"]: t for t in truths}
        for t in truths:
            if t["kind"] == "duplicate_exact" and not t["wire_story_id"]:
                original = by_file[t["duplicate_of"]]
                assert t["url"] != original["url"]
                assert t["canonical_url"] == original["canonical_url"] == original["url"]
                assert t["body"] == original["body"]
                pairs += 1
    assert 1 <= pairs < len(sample) + 1


# --- bad pages ------------------------------------------------------------------------------------------------------


def test_each_day_has_a_few_bad_pages(sample) -> None:
    seen = set()
    for day, rows, truths in sample:
        kinds = [t["kind"] for t in truths]
        for needed in ("empty", "truncated", "index"):
            assert needed in kinds, (day, needed)
        bad = [k for k in kinds if k not in ARTICLE_KINDS]
        assert 3 <= len(bad) <= 6
        for r, t in zip(rows, truths, strict=True):
            data = (day / r["file"]).read_bytes()
            seen.add(t["kind"])
            if t["kind"] == "empty":
                assert data == b""
            elif t["kind"] == "truncated":
                assert len(data) > 1000 and not data.rstrip().endswith(b"</html>")
            elif t["kind"] == "error":
                assert r["http_status"] == "404" and "페이지를 찾을 수 없습니다" in data.decode()
            elif t["kind"] == "scripts_only":
                text = re.sub(r"<script\b.*?</script>", "", data.decode(), flags=re.S)
                assert not re.sub(r"<[^>]+>", "", text).strip()
            elif t["kind"] == "index":
                assert data.decode().count('<li class="list-item">') >= 10
            if t["kind"] not in ARTICLE_KINDS:
                assert t["body"] is None and t["title"] is None
    assert seen == KINDS


# --- truth ----------------------------------------------------------------------------------------------------------


def _next_data(text: str) -> dict:
    found = re.search(r'<script id="__NEXT_DATA__" type="application/json">(.*?)</script>', text, re.S)
    assert found
    return json.loads(found.group(1))


def test_truth_matches_what_each_page_shows(sample) -> None:
    for day, _rows, truths in sample:
        for t in truths:
            if t["kind"] not in ARTICLE_KINDS:
                continue
            text = decoded(day, t)
            if t["layout"] == "next-spa":
                article = _next_data(text)["props"]["pageProps"]["article"]
                if "content_elements" in article:  # Arc XP-style items (odd article numbers)
                    page = "\n".join(e.get("content") or e.get("caption") or "" for e in article["content_elements"])
                else:
                    page = html.unescape(article["contentHtml"])
                assert article["title"] == t["title"]
                assert article["publishedAt"] == t["published_at"]
                assert (article["subTitle"] or None) == t["subtitle"]
                assert [c["caption"] for c in article["images"]] == t["captions"]
                assert [a["name"] for a in article["reporters"]] == t["authors"]
                visible = re.sub(r"<script\b.*?</script>", "", text, flags=re.S)
                assert t["body"].split("\n\n")[1] not in html.unescape(visible)
            else:
                page = html.unescape(text)
                assert f">{t['title']}<" in html.unescape(text)
            for paragraph in t["body"].split("\n\n"):
                assert paragraph in page, (t["file"], paragraph[:30])
            for caption in t["captions"]:
                assert caption in page
            if t["layout"] != "next-spa":  # the SPA's reporters were checked in its JSON above
                for author in t["authors"]:
                    assert author in page
            if t["subtitle"] and t["layout"] != "next-spa":
                for line in t["subtitle"].split("\n"):
                    assert line in page
            if t["canonical_url"]:
                assert f'href="{t["canonical_url"]}"' in text or t["canonical_url"] in page
            if t["layout"] == "wire-agency":
                ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
                assert json.loads(ld.group(1))["articleBody"] == t["body"]


def test_entities_quotes_and_roles_are_in_the_body(sample) -> None:
    types, speakers, pronoun_quotes, both_orders = set(), set(), 0, set()
    for _day, _rows, truths in sample:
        for t in truths:
            if t["kind"] not in ARTICLE_KINDS:
                continue
            body = t["body"]
            names = {e["name"] for e in t["entities"]}
            for e in t["entities"]:
                assert e["surface"] in body and e["count"] >= 1
                types.add(e["type"])
            for q in t["quotes"]:
                assert f"“{q['quote']}”" in body
                if q["speaker"]:
                    assert q["speaker"] in names
                    speakers.add(q["speaker"])
            pronoun_quotes += body.count("그는 “")
            for role in t["person_roles"]:
                assert role["person"] in names and role["affiliation"] in names
                for entity in t["entities"]:
                    if entity["name"] == role["affiliation"]:
                        org = entity["surface"]
                        if f"{role['person']} {org} {role['title']}" in body:
                            both_orders.add("name first")
                        if f"{org} {role['person']} {role['title']}" in body:
                            both_orders.add("org first")
    assert types == {"PER", "ORG", "LOC", "PRODUCT", "EVENT"}
    assert len(speakers) >= 15
    assert pronoun_quotes >= 5
    assert both_orders == {"name first", "org first"}


# --- scale ----------------------------------------------------------------------------------------------------------


def test_a_large_day_streams_page_by_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 pages stand in for the 10,000 of a benchmark day: each page is on disk before the next is made."""
    original = corpus_module.DayWriter.page
    order: list[bool] = []
    previous: list[Path] = []

    def spy(self, slot, board):
        pages = self.out_dir / self.day.isoformat()
        # The page before this one is already on disk, this one is not yet: one page at a time.
        order.append((not previous or previous[-1].exists()) and not (pages / slot.file).exists())
        previous.append(pages / slot.file)
        return original(self, slot, board)

    monkeypatch.setattr(corpus_module.DayWriter, "page", spy)
    (day,) = generate(tmp_path, date(2026, 11, 20), 1, 2000, 99)
    assert len(order) == 2000 and all(order)
    rows = manifest(day)
    assert len(rows) == 2000 == len(list((day / "pages").iterdir()))
    assert len({r["file"] for r in rows}) == 2000
    sizes = [
        (day / r["file"]).stat().st_size
        for r, t in zip(rows, truth(tmp_path, day), strict=True)
        if t["kind"] in ARTICLE_KINDS
    ]
    assert 12_000 <= sorted(sizes)[len(sizes) // 2] <= 40_000


# --- particles --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("누리전자", "는", "누리전자는"),
        ("과학기술정보통신부(과기정통부)", "는", "과학기술정보통신부(과기정통부)는"),
        ("정보통신산업진흥원(NIPA)", "는", "정보통신산업진흥원(NIPA)은"),
        ("KT", "이", "KT가"),
        ("LG", "을", "LG를"),
        ("CES 2027", "을", "CES 2027을"),
        ("‘누리봇 2’", "를", "‘누리봇 2’를"),
        ("서울", "으로", "서울로"),
        ("부산", "으로", "부산으로"),
        ("3-0(25-21 25-19 25-16)", "으로", "3-0(25-21 25-19 25-16)으로"),
    ],
)
def test_particles_follow_the_last_sound(word: str, particle: str, expected: str) -> None:
    assert josa(word, particle) == expected
