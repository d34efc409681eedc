"""Korean news boilerplate inside the article container: every pattern leaves the body (and goes to the
right field when it carries information: captions, subtitle, authors, dates)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from news_assets.extract import boilerplate as bp
from news_assets.extract import extract_article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
KST = ZoneInfo("Asia/Seoul")

P1 = (
    "시내버스 노선 개편안이 다음 달부터 시행되면서 출퇴근 시간 배차 간격이 평균 3분가량 줄어든다. "
    "시는 승객이 몰리는 간선 노선에 차량 40대를 새로 투입한다고 밝혔다."
)
P2 = (
    "다만 일부 지선 노선은 통폐합돼 정류장까지 걷는 거리가 늘어나는 주민도 생긴다. "
    "시는 불편 민원이 많은 구간에 마을버스를 보강하겠다고 설명했다."
)
P3 = "교통 전문가들은 개편 효과를 확인하려면 최소 석 달은 운행 자료를 지켜봐야 한다고 조언했다."


def article(inside: str, before: str = "") -> bytes:
    """A bare page: no class names anywhere, so only the text patterns can recognise the chrome."""
    return (
        "<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'><title>버스 노선 개편</title></head><body><div>"
        f"{before}<p>{P1}</p>{inside}<p>{P2}</p><p>{P3}</p></div></body></html>"
    ).encode()


def body_of(inside: str, before: str = "") -> str:
    return extract_article(article(inside, before)).body


def assert_clean(body: str, *gone: str) -> None:
    assert P1 in body and P2 in body and P3 in body
    for text in gone:
        assert text not in body


@pytest.mark.parametrize(
    "chrome",
    [
        "<ul><li>가장작게</li><li>작게</li><li>기본</li><li>크게</li><li>가장크게</li></ul>",
        "<p>가장작게 작게 기본 크게 가장크게</p>",
        "<p>글자크기 인쇄 스크랩 공유하기</p>",
        "<p>공유 페이스북 트위터 카카오톡 URL복사</p>",
        "<p>좋아요 0 화나요 0 슬퍼요 0 추가취재 원해요 0</p>",
        "<ul><li>좋아요0</li><li>화나요0</li><li>슬퍼요0</li><li>후속기사 원해요0</li></ul>",
        "<p>무단전재 및 재배포 금지</p>",
        "<p>&lt;저작권자ⓒ 동네일보, 무단 전재-재배포, AI 학습 및 활용 금지&gt;</p>",
        "<p>Copyright © 동네일보. All rights reserved.</p>",
        "<p>저작권자 © 동네일보</p>",
        "<p>네이버에서 동네일보를 구독하세요!</p>",
        "<p>▶ 동네일보 뉴스레터 구독하기</p>",
        "<p>기사제보 jebo@dongne.example</p>",
        "<p>댓글 3</p><p>로그인 후 댓글을 남겨주세요</p><p>최신순</p>",
        "<p>대표전화 02-000-0000 | 사업자등록번호 000-00-00000 | 발행인 홍길동 | 청소년보호책임자 김철수</p>",
        "<p>광고</p>",
    ],
)
def test_inline_chrome_lines_leave_the_body(chrome):
    body = body_of(chrome)
    assert_clean(body)
    assert len(body) == len(f"{P1}\n\n{P2}\n\n{P3}")


@pytest.mark.parametrize(
    ("heading", "items"),
    [
        ("주요 뉴스", ["지하철 9호선 연장 구간 내년 개통", "공공자전거 이용 역대 최다"]),
        ("많이 본 뉴스", ["전세 사기 피해 지원 확대", "봄꽃 축제 주말 인파 몰려"]),
        ("관련 기사", ["광역버스 입석 금지 1년…출근길 여전히 혼잡"]),
        ("관련기사", ["심야버스 노선 3개 신설"]),
        ("추천 기사", ["택시 호출 앱 수수료 인하"]),
    ],
)
def test_headline_lists_leave_the_body(heading, items):
    box = f"<p>{heading}</p><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    assert_clean(body_of(box), heading, *items)


def test_linked_headline_list_without_heading_leaves_the_body():
    box = "<ul>" + "".join(f"<li><a href='/n/{i}'>다른 기사 제목 {i}번</a></li>" for i in range(6)) + "</ul>"
    assert_clean(body_of(box), "다른 기사 제목")


def test_stock_and_crypto_tickers_leave_the_body():
    ticker = (
        "<p>오늘의 상승종목</p><p>11.22 장종료</p><p>실시간 암호화폐 시세</p>"
        "<ul><li>종목</li><li>현재가(원)</li><li>변동률</li><li>비트코인</li><li>137,320,000</li><li>-0.39%</li>"
        "<li>이더리움</li><li>4,600,000</li><li>+2.19%</li></ul><p>* 24시간 변동률 기준</p>"
    )
    assert_clean(body_of(ticker), "상승종목", "장종료", "비트코인", "137,320,000", "%", "시세")


def test_ai_summary_box_leaves_the_body_and_is_no_subtitle():
    box = (
        "<p>AI 요약</p><ul><li>버스 배차 간격이 3분 줄어든다.</li><li>지선 일부는 통폐합된다.</li></ul>"
        "<p>※ AI 기술로 요약한 내용입니다. 정확한 내용은 본문을 확인해 주시기 바랍니다.</p>"
    )
    a = extract_article(article("", before=box))
    assert_clean(a.body, "요약", "배차 간격이 3분 줄어든다.", "AI 기술")
    assert a.subtitle is None


def test_ai_summary_box_by_class_leaves_the_body():
    box = "<div class='ai-summary'><strong>요약</strong><p>버스 배차 간격이 줄어든다.</p></div>"
    a = extract_article(article("", before=box))
    assert_clean(a.body, "요약", "배차 간격이 줄어든다")


def test_lead_bullets_above_the_body_are_the_subtitle():
    bullets = "<ul><li>간선 노선 차량 40대 투입</li><li>지선 일부 통폐합</li><li>마을버스 보강</li></ul>"
    a = extract_article(article("", before=bullets))
    assert a.subtitle == "간선 노선 차량 40대 투입\n지선 일부 통폐합\n마을버스 보강"
    assert_clean(a.body, "40대 투입", "통폐합\n")


def test_short_lead_lines_above_the_body_are_the_subtitle():
    lead = "<p><b>시, 다음 달 버스 노선 개편</b><br><b>출퇴근 배차 간격 3분 단축</b></p>"
    a = extract_article(article("", before=lead))
    assert a.subtitle == "시, 다음 달 버스 노선 개편\n출퇴근 배차 간격 3분 단축"
    assert_clean(a.body, "단축")


def test_subtitle_by_class_and_sub_heading_inside_body():
    head = "<h2 class='article-head-sub'>노선 개편 다음 달 시행<br>배차 간격 3분 단축</h2>"
    inside = "<h3 class='sub_tit'>지선 통폐합 구간 주민 불편 우려</h3>"
    a = extract_article(article(inside, before=head))
    assert a.subtitle == "노선 개편 다음 달 시행\n배차 간격 3분 단축"
    assert f"{P1}\n\n지선 통폐합 구간 주민 불편 우려\n\n{P2}" in a.body


@pytest.mark.parametrize(
    ("markup", "caption"),
    [
        ("<p>▲2일 시청 앞 정류장에서 시민들이 새 노선도를 살펴보고 있다. (사진제공=서울시)</p>",
         "2일 시청 앞 정류장에서 시민들이 새 노선도를 살펴보고 있다. (사진제공=서울시)"),
        ("<figure><img src='a.jpg'><figcaption>새로 도입되는 저상버스.</figcaption></figure>", "새로 도입되는 저상버스."),
        ("<div class='photo_desc'>버스 차고지 모습. /사진=동네일보</div>", "버스 차고지 모습. /사진=동네일보"),
        ("<table><tr><td><img src='b.jpg'></td></tr><tr><td class='caption'>▲ 개편 노선도</td></tr></table>",
         "개편 노선도"),
    ],
)  # fmt: skip
def test_captions_go_to_captions(markup, caption):
    a = extract_article(article(markup))
    assert caption in a.captions
    assert_clean(a.body, "사진", caption[:10])


def test_credit_line_after_caption_joins_it():
    markup = "<p>▲새 노선도를 살펴보는 시민들.</p><p>(사진제공=서울시)</p>"
    a = extract_article(article(markup))
    assert a.captions == ("새 노선도를 살펴보는 시민들. (사진제공=서울시)",)


def test_byline_date_and_email_lines_inside_the_body():
    inside = "<p>입력 2024-04-02 10:00 | 수정 2024-04-02 11:30</p>"
    after = "<p>문별 기자 moon@dongne.example</p>"
    a = extract_article(article(inside + after))
    assert_clean(a.body, "입력", "기자", "@")
    assert a.authors == ("문별",)
    assert a.published_at == datetime(2024, 4, 2, 10, 0, tzinfo=KST)
    assert a.updated_at == datetime(2024, 4, 2, 11, 30, tzinfo=KST)


def test_chrome_boxes_by_class_name_leave_the_body():
    boxes = (
        "<div class='share_sns'>카카오톡으로 보내기</div>"
        "<div class='article-relation'><strong>함께 볼 기사</strong><ul><li>버스 파업 타결</li></ul></div>"
        "<div class='comment-wrap'><p>첫 댓글을 남겨 주세요.</p></div>"
        "<div class='rank_news'><p>1 버스 요금 인상 검토</p></div>"
        "<div class='ad_box'>지금 가입하면 첫 달 무료 혜택을 드립니다.</div>"
        "<span class='blind'>본문 글자 크기 조정</span>"
    )
    assert_clean(body_of(boxes), "카카오톡", "파업", "댓글", "인상 검토", "무료", "글자 크기")


def test_fixture_with_all_chrome_inside_one_plain_container():
    a = extract_article((FIXTURES / "chrome_inside.html").read_bytes())
    paragraphs = a.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("중소벤처기업부(중기부)는 올해 스마트공장")
    assert paragraphs[-1].endswith("전문가 현장 상담도 무료로 제공한다.")
    for junk in (
        "가장작게",
        "공유하기",
        "요약",
        "좋아요",
        "관련 기사",
        "많이 본",
        "추천 기사",
        "댓글",
        "상승종목",
        "장종료",
        "비트코인",
        "변동률",
        "구독",
        "기사제보",
        "무단",
        "Copyright",
        "대표전화",
        "기자",
        "@",
    ):
        assert junk not in a.body, junk  # fmt: skip
    assert a.captions == (
        "14일 경기 안산의 한 금속 가공 공장에서 작업자가 자동화 설비를 점검하고 있다. (사진제공=중소벤처기업부)",
    )
    assert a.authors == ("윤서진",)
    assert a.published_at == datetime(2024, 5, 14, 15, 20, tzinfo=KST)
    assert a.updated_at == datetime(2024, 5, 14, 16, 2, tzinfo=KST)
    assert a.title == "중소 제조업체 ‘스마트공장’ 전환 속도…정부 지원 두 배로"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("가장작게 작게 기본 크게 가장크게", bp.DROP),
        ("좋아요 0 화나요 0", bp.DROP),
        ("주요 뉴스", bp.LIST_START),
        ("많이 본 뉴스", bp.LIST_START),
        ("오늘의 상승종목", bp.TICKER_START),
        ("11.22 장종료", bp.TICKER_START),
        ("AI 요약", bp.SUMMARY_START),
        ("요약", bp.SUMMARY_START),
        ("▲ 사진 설명", bp.CAPTION),
        ("입력 2024-01-19 14:45", bp.DATE),
        ("2024/01/19 14:45 송고", bp.DATE),
        ("홈 > 경제 > 금융", bp.CRUMB),
        ("무단전재 및 재배포 금지", bp.DROP),
        # Real sentences that merely mention the words stay.
        ("넷플릭스 구독자가 올해 처음으로 줄어든 것으로 나타났다.", bp.KEEP),
        ("시는 요약 보고서를 다음 주 공개한다고 밝혔다.", bp.KEEP),
        ("저작권 침해 신고가 지난해보다 두 배 늘었다고 위원회는 설명했다.", bp.KEEP),
    ],
)
def test_block_classifier(text, kind):
    assert bp.classify(text) == kind


def test_section_from_breadcrumbs():
    assert bp.section_from_crumbs(["홈 > 경제 > 금융"]) == "경제"
    assert bp.section_from_crumbs(["HOME", "IT·과학"]) == "IT·과학"
    assert bp.section_from_crumbs(["홈"]) is None
