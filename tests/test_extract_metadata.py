"""Metadata: JSON-LD, OpenGraph/Twitter/meta names, canonical, lang, title suffixes, dates and bylines."""

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from news_assets.extract import extract_article
from news_assets.extract.byline import byline_line_authors, clean_author, is_email_line, lead_authors
from news_assets.extract.dates import parse_date, visible_dates

KST = ZoneInfo("Asia/Seoul")
PARAS = (
    "<p>지역 도서관들이 주말 야간 개관을 늘리면서 퇴근 뒤 책을 빌리러 오는 직장인이 크게 늘었다. "
    "도서관 측은 열람실 좌석을 추가하고 무인 대출기도 새로 들였다고 밝혔다.</p>"
    "<p>이용자 설문에서는 응답자의 여섯 명 중 다섯 명이 야간 개관을 계속해 달라고 답했다. "
    "시는 내년 예산에 인건비를 반영해 다른 구립 도서관으로도 넓힐 계획이다.</p>"
)


def page(head: str = "", body: str = PARAS, lang: str = "ko", url_title: str = "도서관 야간 개관") -> bytes:
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{url_title}</title>{head}</head>'
        f"<body><article>{body}</article></body></html>"
    )
    return html.encode("utf-8")


def ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def test_json_ld_news_article():
    head = ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "구립 도서관 주말 야간 개관 확대",
            "datePublished": "2024-06-02T08:15:00+09:00",
            "dateModified": "2024-06-02T10:40:00+09:00",
            "author": [{"@type": "Person", "name": "한가람 기자"}, {"@type": "Person", "name": "문별"}],
            "publisher": {"@type": "Organization", "name": "동네일보"},
            "articleSection": ["사회", "지역"],
        }
    )
    a = extract_article(page(head))
    assert a.title == "구립 도서관 주말 야간 개관 확대"
    assert a.published_at == datetime(2024, 6, 2, 8, 15, tzinfo=KST)
    assert a.updated_at == datetime(2024, 6, 2, 10, 40, tzinfo=KST)
    assert a.authors == ("한가람", "문별")
    assert a.outlet == "동네일보"
    assert a.section == "사회"


@pytest.mark.parametrize("kind", ["Article", "ReportageNewsArticle", "BlogPosting", ["NewsArticle", "Thing"]])
def test_json_ld_graph_and_types(kind):
    head = ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "동네일보"},
                {"@type": kind, "headline": "그래프 안의 기사", "datePublished": "2024-06-02 08:15", "author": "문별"},
            ],
        }
    )
    a = extract_article(page(head))
    assert a.title == "그래프 안의 기사"
    assert a.published_at == datetime(2024, 6, 2, 8, 15, tzinfo=KST)
    assert a.authors == ("문별",)
    assert a.outlet == "동네일보"


def test_json_ld_top_level_list_and_broken_block():
    head = '<script type="application/ld+json">{not json</script>' + ld(
        [
            {"@type": "BreadcrumbList"},
            {"@type": "NewsArticle", "headline": "목록 속 기사", "author": {"name": "나래 기자"}},
        ]
    )
    a = extract_article(page(head))
    assert a.title == "목록 속 기사"
    assert a.authors == ("나래",)


def test_opengraph_and_meta_names():
    head = (
        '<meta property="og:title" content="야간 도서관, 직장인 발길 이어져">'
        '<meta property="og:site_name" content="동네일보">'
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2024-06-02T08:15:00+09:00">'
        '<meta property="article:modified_time" content="2024-06-02T09:00:00+09:00">'
        '<meta property="article:section" content="사회">'
        '<meta name="author" content="한가람 기자">'
    )
    a = extract_article(page(head))
    assert a.title == "야간 도서관, 직장인 발길 이어져"
    assert a.outlet == "동네일보"
    assert a.published_at == datetime(2024, 6, 2, 8, 15, tzinfo=KST)
    assert a.updated_at == datetime(2024, 6, 2, 9, 0, tzinfo=KST)
    assert a.section == "사회"
    assert a.authors == ("한가람",)


def test_twitter_title_and_korean_meta_date_names():
    head = (
        '<meta name="twitter:title" content="트위터 제목의 기사">'
        '<meta property="og:regDate" content="20240602081500">'
        '<meta name="dable:author" content="문별 기자">'
    )
    a = extract_article(page(head))
    assert a.title == "트위터 제목의 기사"
    assert a.published_at == datetime(2024, 6, 2, 8, 15, tzinfo=KST)
    assert a.authors == ("문별",)


def test_og_published_time_in_utc_stays_aware():
    head = '<meta property="article:published_time" content="2024-06-01T23:15:00Z">'
    a = extract_article(page(head))
    assert a.published_at == datetime(2024, 6, 1, 23, 15, tzinfo=UTC)
    assert a.published_at.astimezone(KST) == datetime(2024, 6, 2, 8, 15, tzinfo=KST)


def test_canonical_resolved_against_url():
    head = '<link rel="canonical" href="/news/view/5501?from=rss">'
    a = extract_article(page(head), "https://www.dongne.example/section/society?page=3")
    assert a.canonical_url == "https://www.dongne.example/news/view/5501?from=rss"


def test_og_url_when_no_canonical_and_none_without_either():
    a = extract_article(page('<meta property="og:url" content="https://www.dongne.example/n/1">'))
    assert a.canonical_url == "https://www.dongne.example/n/1"
    assert extract_article(page()).canonical_url is None


def test_html_lang():
    assert extract_article(page(lang="ko-KR")).lang == "ko-KR"


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("야간 도서관 인기 - 동네일보", "동네일보", "야간 도서관 인기"),
        ("야간 도서관 인기 | 동네일보", "동네일보", "야간 도서관 인기"),
        ("야간 도서관 인기 < 사회 < 기사본문 - 동네일보", None, "야간 도서관 인기"),
        ("동네일보 | 야간 도서관 인기로 직장인 발길 늘었다", "동네일보", "야간 도서관 인기로 직장인 발길 늘었다"),
        ("서울-부산 고속철 증편", "동네일보", "서울-부산 고속철 증편"),
    ],
)
def test_title_site_suffix_stripped(title, site, expected):
    head = f'<meta property="og:title" content="{title}">'
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    assert extract_article(page(head)).title == expected


def test_title_falls_back_to_h1_then_title_tag():
    body = "<h1>본문 제목입니다</h1>" + PARAS
    assert extract_article(page(body=body, url_title="창 제목 - 동네일보")).title == "본문 제목입니다"
    assert extract_article(page(url_title="창 제목만 있는 기사")).title == "창 제목만 있는 기사"


@pytest.mark.parametrize(
    "logo",
    [
        '<a href="/"><h1>동네일보</h1></a>',
        '<h1><a href="https://www.dongne.example/">동네일보</a></h1>',
        '<a href="/index.html"><h1>동네 일보</h1></a>',
    ],
)
def test_a_first_h1_that_links_to_the_front_page_is_the_sites_logo_not_the_title(logo):
    body = f"<div id='header'>{logo}</div><article>{PARAS}</article>"
    html = (
        '<html lang="ko"><head><meta charset="utf-8"><title>야간 개관 늘린 도서관들 - 동네일보</title></head>'
        f"<body>{body}</body></html>"
    )
    assert extract_article(html.encode("utf-8"), "https://www.dongne.example/news/1").title == "야간 개관 늘린 도서관들"


def test_a_headline_h1_with_a_link_to_its_own_article_is_still_the_title():
    body = '<h1><a href="/news/1">본문 제목입니다</a></h1>' + PARAS
    assert extract_article(page(body=body, url_title="창 제목 - 동네일보")).title == "본문 제목입니다"


# --- dates -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-19T14:45:00+09:00", datetime(2024, 1, 19, 14, 45, tzinfo=KST)),
        ("2024-01-19T05:45:00Z", datetime(2024, 1, 19, 5, 45, tzinfo=UTC)),
        ("2024-01-19T14:45:00.250+0900", datetime(2024, 1, 19, 14, 45, 0, 250000, tzinfo=KST)),
        ("2024-01-19 14:45", datetime(2024, 1, 19, 14, 45, tzinfo=KST)),
        ("2024.01.19 14:45", datetime(2024, 1, 19, 14, 45, tzinfo=KST)),
        ("2024/01/19 02:45 PM", datetime(2024, 1, 19, 14, 45, tzinfo=KST)),
        ("2024-01-19 오후 2:45", datetime(2024, 1, 19, 14, 45, tzinfo=KST)),
        ("2024-01-19 오전 12:05", datetime(2024, 1, 19, 0, 5, tzinfo=KST)),
        ("2024년 1월 19일 14시 45분", datetime(2024, 1, 19, 14, 45, tzinfo=KST)),
        ("2024-01-19 (금) 14:45", datetime(2024, 1, 19, 14, 45, tzinfo=KST)),
        ("20240119144500", datetime(2024, 1, 19, 14, 45, tzinfo=KST)),
        ("Fri, 19 Jan 2024 14:45:00 +0900", datetime(2024, 1, 19, 14, 45, tzinfo=timezone(timedelta(hours=9)))),
        ("2024-01-19", datetime(2024, 1, 19, tzinfo=KST)),
    ],
)
def test_parse_date_formats(text, expected):
    got = parse_date(text)
    assert got == expected
    assert got.tzinfo is not None


@pytest.mark.parametrize(
    "text", ["", "어제", "2024-13-45 10:00", "1850-01-01", "2024-02-30", None, 3.5, "99:99", "n/a"]
)
def test_unparseable_dates_are_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "published", "updated"),
    [
        ("입력 2024-01-19 14:45", (2024, 1, 19, 14, 45), None),
        ("입력 : 2024.01.19 14:45 | 수정 : 2024.01.19 16:10", (2024, 1, 19, 14, 45), (2024, 1, 19, 16, 10)),
        ("기사입력 2024-01-19 오후 2:45 최종수정 2024-01-19 오후 3:05", (2024, 1, 19, 14, 45), (2024, 1, 19, 15, 5)),
        ("승인 2024.01.19 14:45", (2024, 1, 19, 14, 45), None),
        ("등록 2024-01-19 14:45 업데이트 2024-01-20 08:00", (2024, 1, 19, 14, 45), (2024, 1, 20, 8, 0)),
        ("오늘의 상승종목 11.22 장종료", None, None),
    ],
)
def test_visible_korean_stamps(text, published, updated):
    p, u = visible_dates(f"홈 > 경제 {text} 가장작게 작게")
    assert p == (datetime(*published, tzinfo=KST) if published else None)
    assert u == (datetime(*updated, tzinfo=KST) if updated else None)


def test_visible_stamp_on_page_without_metadata():
    body = "<div class='info'>입력 2024.06.02 08:15 | 수정 2024.06.02 09:30</div>" + PARAS
    a = extract_article(page(body=body))
    assert a.published_at == datetime(2024, 6, 2, 8, 15, tzinfo=KST)
    assert a.updated_at == datetime(2024, 6, 2, 9, 30, tzinfo=KST)


def test_metadata_date_wins_over_visible_stamp_and_ticker_date_is_ignored():
    head = '<meta property="article:published_time" content="2024-06-02T08:15:00+09:00">'
    body = "<p>11.22 장종료</p><p>입력 2023-12-31 23:59</p>" + PARAS
    assert extract_article(page(head, body)).published_at == datetime(2024, 6, 2, 8, 15, tzinfo=KST)


def test_bad_metadata_date_is_none_not_an_error():
    head = '<meta property="article:published_time" content="언젠가">'
    assert extract_article(page(head)).published_at is None


# --- bylines -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("홍길동 기자 hong@example.com", ["홍길동"]),
        ("홍길동 기자", ["홍길동"]),
        ("홍길동·김철수 기자", ["홍길동", "김철수"]),
        ("홍길동 기자, 김철수 기자 2024.06.02 08:15", ["홍길동", "김철수"]),
        ("/ 남궁민수 특파원", ["남궁민수"]),
        ("김철수 선임기자 (kim@example.co.kr)", ["김철수"]),
    ],
)
def test_byline_lines(line, names):
    assert byline_line_authors(line) == names


@pytest.mark.parametrize("line", ["이날 홍길동 기자가 현장을 찾았다.", "온라인뉴스팀 기자", "기자회견이 열렸다"])
def test_not_byline_lines(line):
    assert byline_line_authors(line) is None


@pytest.mark.parametrize(
    ("paragraph", "names", "rest"),
    [
        ("[동네일보=홍길동 기자] 시는 2일 밝혔다.", ["홍길동"], "시는 2일 밝혔다."),
        ("(서울=연합뉴스) 홍길동 김철수 기자 = 시는 2일 밝혔다.", ["홍길동", "김철수"], "시는 2일 밝혔다."),
        ("[세종=뉴시스]홍길동 기자 = 시는 2일 밝혔다.", ["홍길동"], "시는 2일 밝혔다."),
        ("시는 2일 밝혔다.", [], "시는 2일 밝혔다."),
    ],
)
def test_lead_credits_and_datelines(paragraph, names, rest):
    assert lead_authors(paragraph) == (names, rest)


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("홍길동 기자", ["홍길동"]),
        ("홍길동 기자 hong@example.com", ["홍길동"]),
        ("홍길동·김철수", ["홍길동", "김철수"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("https://www.example.com/reporter/7", []),
    ],
)
def test_clean_author_values(value, names):
    assert clean_author(value) == names


def test_email_line():
    assert is_email_line("hong@example.com")
    assert not is_email_line("문의는 hong@example.com 으로 보내 달라고 시는 밝혔다.")


def test_dateline_credit_goes_to_authors_not_body():
    body = "<p>(부산=동네통신) 하늘 기자 = " + PARAS[3:]
    a = extract_article(page(body=body))
    assert a.authors == ("하늘",)
    assert not a.body.startswith("(부산")
    assert a.body.startswith("지역 도서관들이")


def test_byline_only_and_email_lines_leave_the_body():
    body = PARAS + "<p>한가람 기자 garam@dongne.example</p><p>garam@dongne.example</p>"
    a = extract_article(page(body=body))
    assert a.authors == ("한가람",)
    assert "기자" not in a.body and "@" not in a.body
