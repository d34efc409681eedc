"""Any input gives an Article or a NotAnArticle, in bounded time: arbitrary bytes, HTML-ish noise, 20 MB
pages, 10,000-deep nesting, inputs built to make regular expressions backtrack."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_assets.extract import REASONS, Article, NotAnArticle, decode_html, extract_article
from news_assets.extract.dates import parse_date, visible_dates

PARA = (
    "<p>국립공원공단은 올가을 단풍 절정기를 앞두고 주요 탐방로 12곳에 안전 요원을 두 배로 배치한다고 밝혔다. "
    "공단은 예약제 구간을 늘리고 셔틀버스 운행 간격도 줄이기로 했다.</p>\n"
)
# Three different paragraphs (one article never repeats a paragraph: a second copy is dropped as a duplicate).
PARAS3 = "".join(PARA.replace("12곳", f"{n}곳") for n in (12, 14, 16))
# Generous: the point is "finishes", not speed (CI machines are slow and shared).
TIME_LIMIT = 30.0


def outcome(data, **kwargs):
    try:
        article = extract_article(data, **kwargs)
    except NotAnArticle as err:
        assert err.reason in REASONS
        return err
    assert isinstance(article, Article)
    assert isinstance(article.body, str) and isinstance(article.title, str)
    assert article.published_at is None or article.published_at.tzinfo is not None
    return article


def timed(data, **kwargs):
    start = time.perf_counter()
    result = outcome(data, **kwargs)
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT, f"{elapsed:.1f}s"
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(data):
    outcome(data)
    decode_html(data)  # never raises either


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "euc-kr", "utf-8", "latin-1", "x-nonsense", "base64", ""]))
def test_arbitrary_bytes_with_any_http_charset(data, charset):
    outcome(data, http_charset=charset)


TAGS = ["p", "div", "span", "a", "br", "li", "ul", "h2", "script", "style", "table", "td", "article", "figure"]
html_piece = st.one_of(
    st.sampled_from([f"<{t}>" for t in TAGS] + [f"</{t}>" for t in TAGS]),
    st.sampled_from(['<div class="article_body">', '<p class="caption">', '<meta charset="euc-kr">', "<!--", "-->"]),
    st.sampled_from(
        ["입력 2024-01-19 14:45", "홍길동 기자", "▲사진", "좋아요 0", "주요 뉴스", "&amp;", "&#xAC00;", "<"]
    ),
    st.text(max_size=80),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(html_piece, max_size=80).map("".join))
def test_arbitrary_html_ish_text(text):
    outcome(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.lists(html_piece, max_size=60).map("".join))
def test_html_ish_text_in_cp949(text):
    outcome(text.encode("cp949", "ignore"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_dates_never_raise(text):
    assert parse_date(text) is None or parse_date(text).tzinfo is not None
    visible_dates(text)


def test_not_bytes_inputs_are_handled():
    assert outcome(None).reason == "empty"
    assert isinstance(outcome("<html><body>" + PARA * 3 + "</body></html>"), Article)
    assert isinstance(outcome(bytearray(("<html><body>" + PARA * 3 + "</body></html>").encode())), Article)


def test_twenty_megabyte_article():
    paras = "".join(PARA.replace("12곳", f"{i}곳") for i in range(20_000_000 // len(PARA.encode())))
    data = ("<html><head><title>큰 페이지</title></head><body><article>" + paras + "</article></body></html>").encode()
    assert len(data) > 19_000_000
    article = timed(data)
    assert isinstance(article, Article)
    assert article.body.count("\n\n") > 50_000


def test_twenty_megabyte_link_list():
    links = "".join(f"<li><a href='/n/{i}'>제목 {i}</a></li>" for i in range(420_000))
    data = ("<html><body><ul>" + links + "</ul></body></html>").encode()
    assert len(data) > 19_000_000
    assert timed(data).reason == "index_page"


def test_twenty_megabyte_single_text_node():
    data = ("<html><body><p>" + "가나다라 " * 4_000_000 + "</p></body></html>").encode()
    assert isinstance(timed(data), Article)


def test_twenty_megabyte_of_tag_soup():
    # Unclosed containers nest ~1.3 million deep: refused before parsing, which would take hours.
    data = ("<div><p>가<b>나</span><td>다<a href=x>라</li>" * 450_000).encode()
    assert len(data) > 19_000_000
    assert timed(data).reason == "too_deep"


def test_balanced_but_absurd_nesting_is_refused_quickly():
    data = ("<html><body>" + "<div>" * 1_000_000 + PARA + "</div>" * 1_000_000 + "</body></html>").encode()
    assert timed(data).reason == "too_deep"


@pytest.mark.parametrize("tag", ["div", "span", "section", "font", "blockquote"])
def test_ten_thousand_deep_nesting(tag):
    data = ("<html><body>" + f"<{tag}>" * 10_000 + PARAS3 + f"</{tag}>" * 10_000 + "</body></html>").encode()
    article = timed(data)
    assert isinstance(article, Article)
    assert article.body.count("국립공원공단은") == 3


def test_ten_thousand_deep_nesting_without_closing_tags():
    data = ("<html><body>" + "<div><p>단" * 10_000 + PARA).encode()
    timed(data)


def test_ten_thousand_deep_script_json():
    nested = '{"a":' * 10_000 + '"x"' + "}" * 10_000
    data = f"<html><body><script id='__NEXT_DATA__' type='application/json'>{nested}</script></body></html>".encode()
    timed(data)
    data = f"<html><head><script type='application/ld+json'>{nested}</script></head><body>{PARA * 3}</body></html>"
    assert isinstance(timed(data.encode()), Article)


@pytest.mark.parametrize(
    "text",
    [
        "입력 " * 200_000,
        "2024-" * 200_000,
        "<meta " * 200_000,
        "홍길동·" * 200_000 + "기자",
        "a@" * 200_000,
        "[서울=" * 100_000,
        "\\" * 300_000,
        '"body":"' + "가" * 1_000_000,
    ],
)
def test_backtracking_traps(text):
    timed(("<html><body><p>" + text + "</p>" + PARA * 3 + "</body></html>").encode())
