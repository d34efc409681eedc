"""WARC files written by hand for the CC-NEWS scanner's tests and benchmark: one gzip member per record, as Common
Crawl writes them, with Korean pages among pages in other languages and the record kinds a crawl leaves around."""

from __future__ import annotations

import gzip
import random
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

KOREAN = (
    "정부는 16일 반도체 수출이 지난달보다 크게 늘었다고 발표했다. 서울 지하철 요금 인상안도 함께 논의됐다. "
    "한빛경제 취재진이 현장을 찾아 시민들의 목소리를 들었다. 전문가들은 내년 경기 전망을 두고 의견이 엇갈렸다. "
)
ENGLISH = "The central bank left rates unchanged on Monday, citing steady inflation and a resilient labour market. "
JAPANESE = "政府は十六日、半導体の輸出が前月より大きく増えたと発表した。東京の地下鉄運賃の値上げも議論された。"
CHINESE = "政府十六日宣布，半导体出口较上月大幅增长。北京地铁票价上调方案也一并讨论。专家对明年经济前景看法不一。"
SPANISH = "El gobierno anunció el lunes que las exportaciones de semiconductores crecieron más de lo previsto. "


def warc_record(kind: str, uri: str, when: str, block: bytes, **headers: str) -> bytes:
    extra = "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
    content_type = {
        "response": "application/http; msgtype=response",
        "request": "application/http; msgtype=request",
        "revisit": "application/http; msgtype=response",
    }.get(kind, "application/warc-fields")
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
        + f"WARC-Date: {when}\r\n{extra}Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http_response(body: bytes, content_type="text/html; charset=utf-8", status="200 OK", extra="") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def html(title: str, text: str, repeat: int, charset: str = "utf-8", filler: str = "") -> str:
    """A news-page-shaped document: head, scripts and navigation (ASCII) around `repeat` paragraphs of text."""
    script = "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>"
    nav = "<nav><ul>" + "".join(f'<li><a href="/section/{n}">section-{n}</a></li>' for n in range(20)) + "</ul></nav>"
    body = "".join(f"<p>{text}</p>" for _ in range(repeat))
    pad = f"<script>var config = {{{filler}}};</script>" if filler else ""
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title>{script * 4}</head>'
        f"<body>{nav}<article><h1>{title}</h1>{body}</article>{pad}</body></html>"
    )


@dataclass(frozen=True)
class Expected:
    url: str
    outcome: str  # kept | other_language | rejected:<code> | not_page:<type>


def response(url: str, when: str, body: bytes, **kwargs) -> bytes:
    return warc_record("response", url, when, http_response(body, **kwargs))


def gz(record: bytes) -> bytes:
    return gzip.compress(record, compresslevel=6)


def mixed_records(when: str = "2026-11-16T01:00:00Z") -> list[tuple[bytes, Expected | None]]:
    """One of every kind the scanner tells apart; Expected is None for records that are no pages."""
    late = "2026-11-16T20:00:00Z"  # the 17th in Seoul
    korean = html("한빛경제", KOREAN, 4).encode()
    cp949 = html("서울일보", KOREAN, 3, charset="euc-kr").encode("cp949")
    gzipped = zlib.compress(korean)  # deflate, declared as such below
    big = html("큰 기사", KOREAN, 400).encode()
    items: list[tuple[bytes, Expected | None]] = [
        (warc_record("warcinfo", "", when, b"software: tests\r\nformat: WARC File Format 1.0\r\n"), None),
        (
            warc_record("request", "https://www.hanbit-economy.co.kr/news/1", when, b"GET /news/1 HTTP/1.1\r\n\r\n"),
            None,
        ),
        (response("https://www.hanbit-economy.co.kr/news/1", when, korean), Expected("", "kept")),
        (
            warc_record("metadata", "https://www.hanbit-economy.co.kr/news/1", when, b"fetchTimeMs: 12\r\n"),
            None,
        ),
        (
            response("https://m.seoul-ilbo.kr/a/9", late, cp949, content_type="text/html; charset=euc-kr"),
            Expected("", "kept"),
        ),
        (
            response(
                "https://www.hanbit-economy.co.kr/news/2",
                when,
                gzipped,
                extra="Content-Encoding: deflate\r\n",
            ),
            Expected("", "kept"),
        ),
        (response("https://news.example.com/en", when, html("News", ENGLISH, 5).encode()), Expected("", "other")),
        (response("https://news.example.jp/ja", when, html("ニュース", JAPANESE, 5).encode()), Expected("", "other")),
        (response("https://news.example.cn/zh", when, html("新闻", CHINESE, 5).encode()), Expected("", "other")),
        (
            response(
                "https://news.example.es/es",
                when,
                html("Noticias", SPANISH, 5, charset="iso-8859-1").encode("latin-1"),
                content_type="text/html; charset=iso-8859-1",
            ),
            Expected("", "other"),
        ),
        (
            response("https://www.hanbit-economy.co.kr/gone", when, korean, status="404 Not Found"),
            Expected("", "kept"),
        ),
        (
            response("https://www.hanbit-economy.co.kr/logo.png", when, b"\x89PNG\r\n", content_type="image/png"),
            Expected("", "rejected:not_html"),
        ),
        (response("https://www.hanbit-economy.co.kr/huge", when, big), Expected("", "rejected:too_large")),
        (
            warc_record("response", "https://www.hanbit-economy.co.kr/bad", when, b"\x00garbage"),
            Expected("", "rejected:corrupt_record"),
        ),
        (
            warc_record(
                "revisit",
                "https://www.hanbit-economy.co.kr/news/1?seen-again",
                when,
                b"HTTP/1.1 304 Not Modified\r\n\r\n",
                WARC_Refers_To="<urn:uuid:00000000-0000-0000-0000-000000000001>",
            ),
            Expected("", "rejected:revisit"),
        ),
        (response("dns:www.hanbit-economy.co.kr", when, b"1.2.3.4"), None),
    ]
    fixed = []
    for record, expected in items:
        if expected is not None:
            url = record.split(b"WARC-Target-URI: ", 1)[1].split(b"\r\n", 1)[0].decode()
            expected = Expected(url, expected.outcome)
        fixed.append((record, expected))
    return fixed


def write_members(path: Path, records: list[bytes]) -> Path:
    with path.open("wb") as out:
        for record in records:
            out.write(gz(record))
    return path


def corpus(total_bytes: int, korean_share: float, seed: int = 7) -> Iterator[bytes]:
    """Records (request + response pairs and a warcinfo) of news-shaped pages until about `total_bytes` of WARC;
    `korean_share` of the pages are Korean (UTF-8 or EUC-KR), the rest English, Spanish, Japanese or Chinese."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 16, tzinfo=UTC)
    yield warc_record("warcinfo", "", start.isoformat().replace("+00:00", "Z"), b"software: bench\r\n")
    written = 0
    n = 0
    others = ((ENGLISH, "utf-8"), (SPANISH, "utf-8"), (JAPANESE, "utf-8"), (CHINESE, "utf-8"))
    # Script and markup noise that compresses about as well as real pages do (a few times, not a thousand).
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(4000)]
    fillers = [
        ", ".join(f'"{rng.choice(words)}": "{rng.choice(words)}"' for _ in range(rng.randint(1200, 4500)))
        for _ in range(64)
    ]
    while written < total_bytes:
        n += 1
        when = (start + timedelta(seconds=n * 3)).isoformat().replace("+00:00", "Z")
        if rng.random() < korean_share:
            text, charset = KOREAN, rng.choice(("utf-8", "utf-8", "utf-8", "euc-kr"))
            host = rng.choice(("www.hanbit-economy.co.kr", "m.seoul-ilbo.kr", "news.example.kr"))
        else:
            text, charset = rng.choice(others)
            host = rng.choice(("news.example.com", "diario.example.es", "news.example.jp", "news.example.cn"))
        url = f"https://{host}/article/{n}"
        page = html(f"article {n}", text, rng.randint(8, 30), charset, filler=rng.choice(fillers))
        body = page.encode("cp949" if charset == "euc-kr" else "utf-8")
        request = warc_record("request", url, when, f"GET /article/{n} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        answer = response(url, when, body, content_type=f"text/html; charset={charset}")
        written += len(request) + len(answer)
        yield request
        yield answer
