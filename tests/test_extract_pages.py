"""Whole pages: a seed-like business article, a CP949 table layout, a wire copy, script-JSON articles, and
the pages that are no articles (each with its reason code)."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from news_assets.extract import REASONS, Article, NotAnArticle, extract_article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
KST = ZoneInfo("Asia/Seoul")

PARAS = [
    "국립공원공단은 올가을 단풍 절정기를 앞두고 주요 탐방로 12곳에 안전 요원을 평소의 두 배로 배치한다고 밝혔다.",
    "공단은 주말마다 몰리는 탐방객을 분산하기 위해 예약제 구간을 늘리고 셔틀버스 운행 간격도 줄이기로 했다.",
    "지난해 가을에는 탐방로에서 발목을 다치거나 길을 잃는 사고가 평년보다 30%가량 많았다.",
    "공단 관계자는 “해가 짧아지는 만큼 오후 3시 이전에 하산을 시작해 달라”고 당부했다.",
]


def reason_of(data: bytes, **kwargs) -> str:
    with pytest.raises(NotAnArticle) as err:
        extract_article(data, **kwargs)
    assert err.value.reason in REASONS
    assert isinstance(err.value.detail, str)
    return err.value.reason


def test_seed_like_page():
    a = extract_article((FIXTURES / "seed_like.html").read_bytes(), "https://www.hanul-eco.example/list/3?page=2")
    assert isinstance(a, Article)
    assert a.title == "가온전자·미래로봇 한자리에…“현장형 AI 로봇 키운다”"
    assert (
        a.subtitle
        == "산업부, 7일 ‘로봇 산업 협의회’ 첫 회의\n제조·물류 현장 로봇 보급 속도 낸다\n중소 협력사에 실증 비용 지원 요청"
    )
    paragraphs = a.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("산업통상자원부(산업부)는 7일")
    assert paragraphs[3].endswith("협의회는 분기마다 한 번씩 열린다.")
    assert a.captions == (
        "7일 서울 강남구에서 열린 ‘로봇 산업 협의회’에서 참석자들이 시연 로봇을 살펴보고 있다. (사진제공=산업통상자원부)",
    )
    assert a.published_at == datetime(2024, 3, 7, 9, 30, tzinfo=KST)
    assert a.updated_at == datetime(2024, 3, 7, 11, 5, tzinfo=KST)
    assert a.authors == ("한빛",)
    assert a.section == "IT·과학"
    assert a.outlet == "한울경제"
    assert a.lang == "ko"
    assert a.canonical_url == "https://www.hanul-eco.example/news/articleView.html?idxno=20418"
    assert a.detected_charset == "utf-8" and a.declared_charset == "utf-8"
    assert a.body_source == "html" and not a.truncated
    for junk in (
        "가장작게",
        "좋아요",
        "주요 뉴스",
        "반도체 장비",
        "상승종목",
        "장종료",
        "비트코인",
        "저작권",
        "대표전화",
    ):
        assert junk not in a.body


def legacy_page() -> bytes:
    body = "<br><br>".join(["[동해일보=김바다 기자] " + PARAS[0], *PARAS[1:]])
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
<title>동해일보 - 단풍철 국립공원 안전요원 두 배로</title></head>
<body><table width="1000"><tr><td class="menu"><a href="/">홈</a> | <a href="/s/1">사회</a></td></tr></table>
<table width="1000"><tr><td width="680" valign="top">
<table width="100%"><tr><td class="location">홈 &gt; 사회</td></tr>
<tr><td><font size="5"><b>단풍철 국립공원 안전요원 두 배로…똠방각하 산행은 금물</b></font></td></tr>
<tr><td>기사입력 2024-10-11 오후 2:45:00</td></tr>
<tr><td><a href="#">가장작게</a> <a href="#">작게</a> <a href="#">기본</a> <a href="#">크게</a> <a href="#">가장크게</a></td></tr>
<tr><td id="articleBody" style="font-size:14px">{body}</td></tr>
<tr><td>Copyright ⓒ 동해일보. 무단전재 및 재배포 금지</td></tr></table></td>
<td width="300" valign="top"><table class="rank_box"><tr><td><b>많이 본 기사</b></td></tr>
<tr><td><a href="/n/1">가을 축제 주말 인파 몰려</a></td></tr><tr><td><a href="/n/2">동해안 오징어 어획량 회복</a></td></tr></table></td>
</tr></table></body></html>"""
    return html.encode("cp949")


def test_cp949_table_layout_with_br_paragraphs():
    a = extract_article(legacy_page())
    assert a.detected_charset == "cp949" and a.declared_charset == "euc-kr"
    assert a.body.split("\n\n") == PARAS
    assert a.authors == ("김바다",)
    assert a.published_at == datetime(2024, 10, 11, 14, 45, tzinfo=KST)
    assert a.section == "사회"
    assert a.title == "단풍철 국립공원 안전요원 두 배로"  # the <title> without the site name
    assert "똠방각하" not in a.body  # the visible headline is not body text either


def test_wire_copy_with_json_ld_graph_and_dateline():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "name": "누리통신"},
            {
                "@type": "NewsArticle",
                "headline": "단풍철 국립공원 안전요원 두 배로",
                "datePublished": "2024-10-11T14:45:00+09:00",
                "author": {"@type": "Person", "name": "하늘 기자"},
                "articleSection": "사회",
            },
        ],
    }
    html = (
        f'<html lang="ko"><head><meta charset="utf-8"><script type="application/ld+json">{json.dumps(graph)}</script>'
        "</head><body><div class='article-txt'>"
        f"<p>(서울=누리통신) 하늘 기자 = {PARAS[0]}</p>"
        + "".join(f"<p>{p}</p>" for p in PARAS[1:])
        + "<p>2024/10/11 14:45 송고</p></div></body></html>"
    )
    a = extract_article(html.encode())
    assert a.body.split("\n\n") == PARAS
    assert a.authors == ("하늘",)
    assert a.outlet == "누리통신"
    assert a.section == "사회"
    assert a.published_at == datetime(2024, 10, 11, 14, 45, tzinfo=KST)


def next_data_page(content_html: str) -> bytes:
    data = {
        "props": {
            "pageProps": {
                "article": {
                    "title": "단풍철 국립공원 안전요원 두 배로",
                    "subTitle": "탐방로 12곳 안전요원 배치\n예약제 구간 확대",
                    "section": {"code": "S05", "name": "사회"},
                    "publishedAt": "2024-10-11T14:45:00+09:00",
                    "updatedAt": "2024-10-11T16:00:00+09:00",
                    "reporters": [{"name": "하늘", "email": "sky@nuri.example"}],
                    "contentHtml": content_html,
                    "images": [{"src": "/1.jpg", "caption": "단풍으로 물든 설악산 탐방로."}],
                },
                "latest": [{"title": "다른 기사", "lead": "다른 기사의 요약 문장입니다."}],
            }
        },
        "page": "/article/[id]",
    }
    html = (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>단풍철 국립공원 안전요원 두 배로 - 누리</title>'
        "</head><body><div id='__next'><main><div class='skeleton'></div><div class='skeleton'></div></main>"
        "<footer><p>ⓒ 누리. 무단전재 및 재배포 금지</p></footer></div>"
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>'
        "</body></html>"
    )
    return html.encode()


def test_article_only_in_next_data_script():
    a = extract_article(next_data_page("".join(f"<p>{p}</p>" for p in PARAS)))
    assert a.body_source == "json"
    assert a.body.split("\n\n") == PARAS
    assert a.title == "단풍철 국립공원 안전요원 두 배로"
    assert a.subtitle == "탐방로 12곳 안전요원 배치\n예약제 구간 확대"
    assert a.published_at == datetime(2024, 10, 11, 14, 45, tzinfo=KST)
    assert a.updated_at == datetime(2024, 10, 11, 16, 0, tzinfo=KST)
    assert a.authors == ("하늘",)
    assert a.section == "사회"
    assert a.captions == ("단풍으로 물든 설악산 탐방로.",)


def test_html_inside_json_string_becomes_text():
    a = extract_article(
        next_data_page(f"<p>{PARAS[0]}<br><br><b>{PARAS[1]}</b></p><div>{PARAS[2]}</div><p>{PARAS[3]}</p>")
    )
    assert a.body.split("\n\n") == PARAS
    assert "<" not in a.body and ">" not in a.body


def test_article_only_in_initial_state_javascript():
    state = {"article": {"headline": "단풍철 안전요원", "body": "<p>" + "</p><p>".join(PARAS) + "</p>"}}
    html = (
        "<html><head><title>단풍철 안전요원</title></head><body><div id='app'></div>"
        f"<script>window.__INITIAL_STATE__ = {json.dumps(state, ensure_ascii=False)};</script></body></html>"
    )
    a = extract_article(html.encode())
    assert a.body_source == "json"
    assert a.body.split("\n\n") == PARAS


def test_article_only_in_json_ld_article_body():
    ld = {
        "@type": "NewsArticle",
        "headline": "단풍철 안전요원",
        "articleBody": "\n\n".join(PARAS),
        "author": "하늘 기자",
    }
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>'
        "<body><div class='loading'>불러오는 중…</div></body></html>"
    )
    a = extract_article(html.encode())
    assert a.body_source == "json"
    assert a.body.split("\n\n") == PARAS
    assert a.authors == ("하늘",)


def test_visible_body_wins_over_shorter_json():
    ld = {"@type": "NewsArticle", "headline": "단풍철", "articleBody": PARAS[0]}
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head><body>'
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</body></html>"
    )
    a = extract_article(html.encode())
    assert a.body_source == "html" and a.body.split("\n\n") == PARAS


# --- not articles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\r\n" * 1000])
def test_empty(data):
    assert reason_of(data) == "empty"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x1f\x8b\x08\x00" + bytes(100),
        b"GIF89a" + bytes(50),
        b"<html>\x00\x00\x00binary</html>",
        "그냥 평범한 텍스트 파일입니다. 태그가 하나도 없습니다.".encode(),
        b'{"json": "response", "items": [1, 2, 3]}',
    ],
)
def test_not_html(data):
    assert reason_of(data) == "not_html"


def test_scripts_only_page():
    html = (
        "<html><head><script src='/challenge.js'></script><script>window.__CHALLENGE__={token:'ab12'};</script>"
        "</head><body><script>setTimeout(function(){location.reload()},5000);</script></body></html>"
    )
    assert reason_of(html.encode()) in ("no_text", "too_short")


def test_no_text():
    assert reason_of(b"<html><head><title></title></head><body><div><img src='a.png'></div></body></html>") == "no_text"


def test_too_short():
    html = "<html><body><article><p>서울 지하철 2호선 운행이 재개됐다.</p></article></body></html>"
    assert reason_of(html.encode()) == "too_short"


def index_page() -> bytes:
    items = "".join(
        f"<li><div><a href='/news/{n}'><strong>사회 뉴스 제목 {n}번: 단풍철 안전 점검 강화</strong></a></div>"
        f"<p>국립공원공단은 올가을 단풍 절정기를 앞두고 주요 탐방로에 안전 요원을 평소의 두 배로 배치한다고 밝혔다…</p>"
        f"<div>사회 | 2024-10-11 1{n % 10}:00</div></li>"
        for n in range(20)
    )
    paging = "".join(f"<a href='?page={n}'>{n}</a>" for n in range(1, 11))
    return (
        "<html lang='ko'><head><meta charset='utf-8'><title>사회 - 동네일보</title>"
        "<meta property='og:type' content='website'></head><body><header><h1><a href='/'>동네일보</a></h1></header>"
        f"<main><h2>사회</h2><ul>{items}</ul><div>{paging}</div></main></body></html>"
    ).encode()


def test_index_page():
    assert reason_of(index_page()) == "index_page"


def test_link_list_page_without_teasers():
    links = "".join(f"<li><a href='/n/{n}'>오늘의 주요 기사 제목 {n}번입니다</a></li>" for n in range(40))
    html = f"<html><head><title>전체기사</title></head><body><ul>{links}</ul></body></html>"
    assert reason_of(html.encode()) == "index_page"


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("페이지를 찾을 수 없습니다 - 동네일보", "요청하신 페이지의 주소가 잘못 입력되었거나 삭제되었습니다."),
        ("동네일보", "존재하지 않는 기사입니다."),
        ("404 Not Found", "The page you requested could not be found."),
    ],
)
def test_error_page(title, message):
    html = (
        f"<html lang='ko'><head><title>{title}</title></head><body><div class='error'><h2>{message}</h2>"
        "<p><a href='/'>메인으로 가기</a> <a href='javascript:history.back()'>이전 페이지</a></p></div></body></html>"
    )
    assert reason_of(html.encode()) == "error_page"


def test_truncated_download_keeps_whole_paragraphs():
    full = "".join(f"<p>{p}</p>" for p in PARAS)
    html = f"<html><head><title>단풍철</title></head><body><article>{full}<p>공단은 또 올해부터 야간 산행"
    a = extract_article(html.encode())
    assert a.truncated
    assert a.body.split("\n\n") == PARAS


def test_truncated_download_with_too_little_left_is_rejected():
    html = "<html><head><title>단풍철</title></head><body><article><p>국립공원공단은 올가을 단풍 절정기를"
    assert reason_of(html.encode()) == "too_short"


def test_reason_codes_are_snake_case_and_documented():
    assert {"empty", "not_html", "no_text", "too_short", "index_page", "error_page", "not_decodable"} <= set(REASONS)
    assert all(code.replace("_", "").isalpha() and code.islower() for code in REASONS)
    with pytest.raises(ValueError):
        NotAnArticle("made_up_reason")
