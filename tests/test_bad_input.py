"""Bad input through the whole pipeline: every page ends as an article or a reject with a reason, the day's
accounting holds, and no bad page fails the partition. Sources: a landing folder and a WARC archive."""

import random

import dagster as dg
import duckdb
import pytest

from news_assets.definitions import build_definitions
from news_assets.settings import Settings

pytestmark = pytest.mark.slow

DAY = "2026-11-16"
PARAGRAPHS = [
    "산업통상자원부는 16일 정부세종청사에서 수출 점검 회의를 열고 연말까지 무역보험 지원을 늘리기로 했다고 밝혔다.",
    "회의에는 반도체와 자동차, 조선 업계 관계자들이 참석해 환율 변동과 물류비 부담에 대한 의견을 나눴다.",
    "박서연 산업부 차관은 “현장의 어려움을 하나하나 살펴 필요한 지원을 서두르겠다”고 말했다.",
    "정부는 다음 달 초 세부 지원 방안을 발표하고 업종별 간담회를 이어갈 계획이다.",
]


def article_html(title, *, charset="utf-8", meta_charset=True, date_line="입력 2026-11-16 09:30", extra="") -> str:
    meta = f'<meta charset="{charset}">' if meta_charset else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!doctype html><html lang='ko'><head>{meta}<title>{title}</title></head><body>"
        f"<header><nav>홈 경제 정치 사회</nav></header><article><h1>{title}</h1><div class='date'>{date_line}</div>"
        f"<div class='article-body'>{body}</div></article>{extra}<footer>무단전재 및 재배포 금지</footer></body></html>"
    )


def nested(depth: int, inner: str) -> str:
    return "<div>" * depth + inner + "</div>" * depth


def warc_response(uri, when, block):
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: {when}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body


@pytest.fixture
def bad_day(tmp_path):
    landing = tmp_path / "landing" / DAY
    (landing / "pages").mkdir(parents=True)
    rng = random.Random(5)
    good = article_html("수출 점검 회의 열려")
    files = {
        "good": good.encode(),
        "empty": b"",
        "binary": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000)),
        "truncated": good.encode()[: len(good.encode()) // 5],
        "huge": article_html("대용량 페이지", extra="<div>" + "광고 영역 " * 2_200_000 + "</div>").encode(),
        "deep": nested(10_000, article_html("깊은 중첩 페이지")).encode(),
        "euckr_declared_utf8": article_html("선언은 EUC-KR", charset="euc-kr").encode("utf-8"),
        "cp949_undeclared": article_html("선언 없는 CP949 똠얌꿍", meta_charset=False).encode("cp949"),
        "bad_date": article_html("날짜가 깨진 기사", date_line="입력 2026-13-45 99:99").encode(),
        "english": (
            "<html lang='en'><head><title>Markets close higher</title></head><body><article><h1>Markets close"
            " higher</h1>" + "<p>Stocks in Seoul closed higher on Monday as exporters gained on a weaker won,"
            " while investors awaited the central bank decision later this month.</p>" * 4 + "</article></body></html>"
        ).encode(),
        "scripts_only": b"<html><head><script>var a = 1;</script></head><body><script>render()</script></body></html>",
    }
    rows = []
    for n, (name, data) in enumerate(files.items()):
        (landing / "pages" / f"{name}.html").write_bytes(data)
        header = "text/html; charset=EUC-KR" if name == "euckr_declared_utf8" else ""
        rows.append(
            f"pages/{name}.html,https://news.example.kr/{name},landing,{DAY}T{9 + n % 10:02d}:00:00+09:00,200,{header}"
        )
    rows.append(f"pages/gone.html,https://news.example.kr/gone,landing,{DAY}T10:00:00+09:00,200,")
    rows.append(f"../../../etc/passwd,https://news.example.kr/escape,landing,{DAY}T10:00:00+09:00,200,")
    (landing / "manifest.csv").write_text(
        "file,url,outlet,fetched_at,http_status,content_type\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )

    archive = tmp_path / "crawl.warc"
    garbled = warc_response("https://wire.example.kr/broken", "2026-11-16T02:00:00Z", b"\x00\x01 not HTTP at all")
    cut_short = warc_response(
        "https://wire.example.kr/3", "2026-11-16T04:00:00Z", http(article_html("잘린 기사").encode())
    )
    first = warc_response("https://wire.example.kr/1", "2026-11-16T01:00:00Z", http(article_html("통신 기사").encode()))
    second = warc_response(
        "https://wire.example.kr/2", "2026-11-16T03:00:00Z", http(article_html("다른 기사").encode())
    )
    # A garbled record between good ones, and an archive that ends in the middle of its last record.
    archive.write_bytes(first + garbled + second + cut_short[: len(cut_short) // 2])
    config = tmp_path / "sources.yaml"
    config.write_text(
        f"sources:\n  - kind: landing\n    root: {tmp_path / 'landing'}\n"
        f"  - kind: warc\n    paths: ['{archive}']\n    outlets: {{wire.example.kr: wire}}\n",
        encoding="utf-8",
    )
    return tmp_path, config, len(files) + 2 + 4


def test_every_bad_page_ends_as_an_article_or_a_reject_and_the_day_succeeds(bad_day):
    root, config, expected_pages = bad_day
    settings = Settings(
        database=root / "news.duckdb", landing=root / "landing", start_date="2026-11-01", sources_file=config
    )
    with dg.DagsterInstance.ephemeral() as instance:
        result = (
            build_definitions(settings)
            .resolve_job_def("daily_news_job")
            .execute_in_process(instance=instance, partition_key=DAY)
        )
    assert result.success
    assert all(e.passed for e in result.get_asset_check_evaluations())

    with duckdb.connect(str(settings.database), read_only=True) as conn:
        pages = conn.execute("SELECT count(*) FROM raw.pages").fetchone()[0]
        articles = dict(conn.execute("SELECT url, title FROM clean.articles").fetchall())
        rejects = dict(conn.execute("SELECT url, reason FROM clean.rejects").fetchall())
        published = dict(conn.execute("SELECT url, published_at FROM clean.articles").fetchall())
    assert pages == expected_pages == len(articles) + len(rejects)
    assert not set(articles) & set(rejects)

    url = "https://news.example.kr/{}".format
    assert rejects[url("empty")] == "empty"
    assert rejects[url("binary")] in {"not_html", "not_decodable"}
    assert rejects[url("scripts_only")] in {"no_text", "too_short"}
    assert rejects[url("gone")] == "missing_file"
    assert rejects[url("escape")] == "unsafe_path"
    assert rejects["https://wire.example.kr/broken"] == "corrupt_record"
    assert rejects["https://wire.example.kr/3"] == "corrupt_record"
    assert url("truncated") in rejects or url("truncated") in articles
    # Pages that are odd but hold an article give that article, decoded right.
    assert articles[url("good")] == "수출 점검 회의 열려"
    assert articles[url("euckr_declared_utf8")] == "선언은 EUC-KR"
    assert articles[url("cp949_undeclared")] == "선언 없는 CP949 똠얌꿍"
    assert articles[url("bad_date")] == "날짜가 깨진 기사" and published[url("bad_date")] is None
    assert url("huge") in articles or rejects[url("huge")]
    assert url("deep") in articles or rejects[url("deep")]
    assert url("english") in articles
    assert {"https://wire.example.kr/1", "https://wire.example.kr/2"} <= set(articles)
