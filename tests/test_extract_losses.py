"""The kinds of loss seen on real Korean pages (issue 15), each as a small page: bodies only in script JSON,
hidden duplicate bodies, short video articles, transcript lines, widget chrome inside the body, Korean
bylines. The sample generator's `broadcast-vod` and `arc-fusion` layouts exercise the same patterns at scale
(tests/test_extract_sample.py)."""

import json

import pytest

from news_assets.extract import Article, NotAnArticle, extract_article
from news_assets.extract.boilerplate import DROP, LIST_START, MARKED, classify
from news_assets.extract.byline import byline_block_authors, byline_line_authors, is_organisation
from news_assets.extract.hidden_css import hidden_names

PARAS = [
    "국립공원공단은 올가을 단풍 절정기를 앞두고 주요 탐방로 12곳에 안전 요원을 평소의 두 배로 배치한다고 밝혔다.",
    "공단은 주말마다 몰리는 탐방객을 분산하기 위해 예약제 구간을 늘리고 셔틀버스 운행 간격도 줄이기로 했다.",
    "지난해 가을에는 탐방로에서 발목을 다치거나 길을 잃는 사고가 평년보다 30%가량 많았다.",
    "공단 관계자는 “해가 짧아지는 만큼 오후 3시 이전에 하산을 시작해 달라”고 당부했다.",
]
HEAD = (
    "<meta charset='utf-8'><title>단풍철 탐방로 안전 요원 두 배로 - 동네일보</title>"
    "<meta property='og:title' content='단풍철 탐방로 안전 요원 두 배로'>"
    "<meta property='og:site_name' content='동네일보'><meta property='og:type' content='article'>"
    "<meta property='article:published_time' content='2024-10-11T09:30:00+09:00'>"
)
NAV = "<nav>" + "".join(f"<a href='/s/{n}'>섹션 {n}</a>" for n in range(30)) + "</nav>"


def page(body: str, head: str = HEAD) -> bytes:
    return f"<html lang='ko'><head>{head}</head><body>{NAV}{body}</body></html>".encode()


def paras(items=PARAS) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


# 1. bodies only in script JSON -------------------------------------------------------------------------


def test_arc_fusion_content_elements():
    elements = [{"type": "text", "content": p, "_id": f"p{n}"} for n, p in enumerate(PARAS)]
    elements.insert(1, {"type": "image", "caption": "탐방로 입구의 안내판.", "url": "https://img.example/1.jpg"})
    state = {
        "globalContent": {
            "headlines": {"basic": "단풍철 탐방로 안전 요원 두 배로"},
            "content_elements": elements,
            "first_publish_date": "2024-10-11T00:30:00Z",
            "credits": {"by": [{"name": "홍길동"}]},
        }
    }
    script = f"<script>window.Fusion=window.Fusion||{{}};Fusion.globalContent={json.dumps(state['globalContent'], ensure_ascii=False)};Fusion.x=1;</script>"
    a = extract_article(page("<main><div class='skeleton'></div></main>" + script))
    assert a.body_source == "json"
    assert a.body.split("\n\n") == PARAS
    assert "안내판" not in a.body


def test_state_pushed_to_a_queue_and_next_flight_rows():
    detail = {"title": "제목", "contentHtml": paras(), "deployDt": "2024.10.11 09:30", "reDeployDt": "2024.10.11 11:05"}
    push = f'<script>window["__RQ"]=window["__RQ"]||[];window["__RQ"].push({json.dumps({"detail": detail}, ensure_ascii=False)});</script>'
    a = extract_article(page("<div id='app'></div>" + push, head="<meta charset='utf-8'><title>제목</title>"))
    assert a.body.split("\n\n") == PARAS
    assert a.published_at is not None and a.published_at.hour == 9
    assert a.updated_at is not None and a.updated_at.hour == 11

    html = paras().replace("</p><p>", "</p>$$ARTICLEAD$$<p>")
    row = f"24:T{len(html.encode()):x},{html}"
    flight = "".join(
        f"<script>self.__next_f.push({json.dumps([1, chunk], ensure_ascii=False)})</script>"
        for chunk in ('1:I[123,["x.js"],"Page"]\n', row[:100], row[100:])
    )
    a = extract_article(page("<div id='app'></div>" + flight))
    assert a.body.split("\n\n") == PARAS
    assert "ARTICLEAD" not in a.body


def test_template_scripts_are_not_state():
    tpl = f"<script type='text/template'><div class='mail'>{paras()}</div></script>"
    with pytest.raises(NotAnArticle):
        extract_article(page("<div id='app'></div>" + tpl, head="<meta charset='utf-8'><title>x</title>"))


# 2. hidden duplicates -------------------------------------------------------------------------------------


def test_body_copy_hidden_by_the_pages_css_or_a_hide_class():
    style = "<style>.sendmail_body{display:none} @media (max-width:600px){.article_pc{display:none}}</style>"
    body = (
        f"<article class='article_pc'><div class='article_body'>{paras()}</div>"
        f"<div class='sendmail_body'>{paras()}</div><div class='blind'>{paras()}</div></article>"
    )
    a = extract_article(page(style + body))
    assert a.body.split("\n\n") == PARAS
    assert hidden_names([]) == frozenset()


def test_a_second_copy_of_the_body_is_dropped():
    a = extract_article(page(f"<div class='article_body'>{paras()}<div class='x'>{paras()}</div></div>"))
    assert a.body.split("\n\n") == PARAS


# 3. short articles ----------------------------------------------------------------------------------------


SHORT = "단풍철 탐방로에 안전 요원이 두 배로 늘어납니다."


def test_one_paragraph_under_a_video_is_an_article():
    body = f"<div class='vod'><video src='/v.mp4'></video></div><div class='article_body'><p>{SHORT}</p></div>"
    a = extract_article(page(body))
    assert a.body == SHORT


def test_card_news_and_empty_pages_keep_their_reasons():
    cards = "".join(f"<figure><img src='/{n}.jpg'><figcaption>카드 {n}</figcaption></figure>" for n in range(6))
    with pytest.raises(NotAnArticle) as err:
        extract_article(page(f"<div class='article_body'>{cards}<p>단풍 카드뉴스.</p></div>"))
    assert err.value.reason == "too_short"
    with pytest.raises(NotAnArticle) as err:
        extract_article(page(f"<div class='article_body'><p>{SHORT}</p></div>", head="<meta charset='utf-8'>"))
    assert err.value.reason in {"too_short", "index_page"}


# 4. transcript lines --------------------------------------------------------------------------------------


def test_speaker_lines_are_text_and_arrow_links_are_promos():
    lines = [
        "▶ 앵커: 단풍철을 맞아 국립공원 탐방로에 안전 요원이 두 배로 늘어납니다.",
        "◆ 홍길동> 네, 주말마다 몰리는 탐방객이 많아서 사고도 늘었습니다.",
        "■ 방송 : 동네라디오 아침뉴스",
    ]
    body = (
        "<div class='article_body'>"
        + "".join(f"<p>{t}</p>" for t in lines)
        + paras()
        + "<p><a href='/n/1'>▶ 관련기사: 단풍 명소 10선</a></p><p>▶ 유튜브 채널 구독하기</p></div>"
    )
    a = extract_article(page(body))
    for t in lines[:2]:
        assert t in a.body
    assert "관련기사" not in a.body and "구독" not in a.body
    assert classify("▶ 앵커: 안녕하세요.") == MARKED


# 5. chrome inside the body --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "해당 기사를 북마크했습니다.",
        "이 기사 어땠나요?",
        "조회수 1,234",
        "#단풍 #국립공원 #안전",
        "기사문의 및 제보 : tip@example.com",
        "홍길동 기자 구독",
        "정치",
        "오후 9시~오후 10시까지 집계한 결과입니다.",
    ],
)
def test_widget_lines(line):
    assert classify(line) == DROP


@pytest.mark.parametrize("line", ["이 시각 인기기사", "동네일보 랭킹 뉴스", "언론사별 가장 많이 본 뉴스"])
def test_list_headings_with_a_qualifier_or_outlet(line):
    assert classify(line) == LIST_START


def test_prose_mentioning_tips_is_kept():
    assert classify("문의는 국립공원공단으로 하면 된다.") != DROP


# 6. bylines -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("정리=홍길동 기자", ["홍길동"]),
        ("홍길동 기자 hong@example.com", ["홍길동"]),
        ("홍길동기자 , 김철수기자", ["홍길동", "김철수"]),
        ("칼럼니스트 박생강 pill@example.com", ["박생강"]),
    ],
)
def test_korean_byline_lines(line, names):
    assert byline_line_authors(line) == names


def test_byline_elements_and_header_links():
    assert byline_block_authors("우영식") == ["우영식"]
    assert byline_block_authors("우영식 기자 woo@example.com") == ["우영식"]
    body = (
        "<div class='art_head'><a class='writer' href='/reporter/12'>홍길동 기자</a></div>"
        f"<div class='article_body'>{paras()}<div class='byline'><p>김철수</p></div></div>"
    )
    a = extract_article(page(body, head=HEAD.replace("content='article'", "content='website'")))
    assert a.authors == ("김철수",)
    a = extract_article(page(body.replace("<div class='byline'><p>김철수</p></div>", "")))
    assert a.authors == ("홍길동",)


def test_organisations_are_not_authors():
    assert is_organisation("연합뉴스")
    assert is_organisation("네이버 스포츠")
    assert is_organisation("동네일보", "동네일보")
    assert not is_organisation("홍길동")
    head = HEAD + "<meta name='author' content='동네일보'><meta name='author' content='홍길동 기자'>"
    a = extract_article(page(f"<div class='article_body'>{paras()}</div>", head=head))
    assert isinstance(a, Article) and a.authors == ("홍길동",)


def test_title_with_a_glued_site_suffix():
    head = HEAD.replace(
        "content='단풍철 탐방로 안전 요원 두 배로'", "content='단풍철 탐방로 안전 요원 두 배로-사회ㅣ동네일보'"
    )
    a = extract_article(page(f"<div class='article_body'>{paras()}</div>", head=head))
    assert a.title == "단풍철 탐방로 안전 요원 두 배로"
