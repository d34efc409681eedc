"""What surrounds an article on a Korean news page and is not the article: rankings of other headlines,
market tickers with dates of their own, reaction counters, comments, promos. Layouts format these."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

FONT_SIZES = ("가장작게", "작게", "기본", "크게", "가장크게")
SHARE = ("카카오톡", "페이스북", "X", "링크복사")


@dataclass(frozen=True, slots=True)
class Headline:
    story_id: str
    title: str
    section: str
    lead: str


def ranking(board: list[Headline], exclude: str, rng: random.Random, n: int, title: str = "") -> list[Headline]:
    """Other headlines of the day, never the page's own story nor its headline."""
    others = [h for h in board if h.story_id != exclude and h.title != title]
    return rng.sample(others, min(n, len(others)))


def market_label(moment: datetime) -> str:
    """`11.13 장종료` or `11.16 10:20 기준`: the ticker's own date, not the article's."""
    day = moment.date()
    if day.weekday() < 5 and time(9, 0) <= moment.time() < time(15, 30):
        return f"{day.month:02d}.{day.day:02d} {moment.hour:02d}:{moment.minute:02d} 기준"
    if day.weekday() >= 5 or moment.time() < time(9, 0):
        day -= timedelta(days=1)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
    return f"{day.month:02d}.{day.day:02d} 장종료"


_STOCKS = (
    "누리전자",
    "한빛모빌리티",
    "세온바이오",
    "별빛게임즈",
    "다온증권",
    "한결건설",
    "푸른제약",
    "동해중공업",
    "새벽식품",
    "청솔화학",
    "가람로보틱스",
    "미르반도체",
    "온누리마트",
    "구름소프트",
    "해솔에너지",
)

_COINS = (
    ("비트코인", 137_000_000),
    ("이더리움", 4_600_000),
    ("비트코인 캐시", 680_000),
    ("리플", 2_000),
    ("솔라나", 350_000),
    ("에이다", 1_400),
    ("이오스", 1_050),
    ("트론", 280),
    ("스텔라루멘", 480),
    ("체인링크", 22_000),
    ("샌드박스", 510),
)


def gainers(rng: random.Random, n: int = 5) -> list[tuple[str, str, str]]:
    rows = []
    for name in rng.sample(_STOCKS, n):
        price = rng.randint(20, 900) * 50
        rows.append((name, f"{price:,}", f"+{rng.uniform(3, 29.9):.2f}%"))
    rows.sort(key=lambda r: -float(r[2][1:-1]))
    return rows


def indices(rng: random.Random) -> list[tuple[str, str, str]]:
    out = []
    for name, base in (("코스피", 3950.0), ("코스닥", 905.0)):
        value = base * rng.uniform(0.97, 1.03)
        change = rng.uniform(-1.8, 1.8)
        arrow = "▲" if change >= 0 else "▼"
        out.append((name, f"{value:,.2f}", f"{arrow}{abs(value * change / 100):.2f} ({change:+.2f}%)"))
    return out


def coins(rng: random.Random) -> list[tuple[str, str, str]]:
    rows = []
    for name, base in _COINS:
        price = base * rng.uniform(0.9, 1.1)
        price = round(price, -3) if price > 1_000_000 else round(price)
        rows.append((name, f"{int(price):,}", f"{rng.uniform(-6, 9):+.2f}%"))
    return rows


REACTIONS = ("좋아요", "화나요", "슬퍼요", "추가취재 원해요")
REACTIONS_ALT = ("좋아요", "훈훈해요", "슬퍼요", "화나요", "후속기사 원해요")


def reactions(rng: random.Random, labels: tuple[str, ...] = REACTIONS) -> list[tuple[str, int]]:
    return [(label, rng.choice((0, 0, 0, 1, 2, 3, 5, 12))) for label in labels]


_COMMENTS = (
    "기사 잘 읽었습니다. 후속 보도도 부탁드려요.",
    "결국 현장에서 체감할 수 있느냐가 문제죠.",
    "이런 소식이 자주 들렸으면 좋겠네요.",
    "숫자만 보면 좋아 보이는데 속사정은 다를 듯.",
    "정책이 발표만 하고 끝나지 않길 바랍니다.",
    "지방은 여전히 어렵습니다. 골고루 신경 써 주세요.",
    "제목이랑 내용이 좀 다른 것 같은데요?",
    "응원합니다!",
    "작년에도 비슷한 얘기 들은 것 같은데…",
    "가격이 문제네요. 조금만 더 내려가면 좋겠습니다.",
)


def comments(rng: random.Random, when: datetime) -> list[tuple[str, str, str]]:
    out = []
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        user = "".join(rng.choice("abcdefghijkmnoprstuwxyz") for _ in range(4)) + "****"
        at = when + timedelta(minutes=rng.randint(3, 50))
        out.append((user, rng.choice(_COMMENTS), at.strftime("%Y.%m.%d %H:%M")))
    return out


PROMOS = (
    "▶ 지금 구독하면 첫 달 무료! 프리미엄 뉴스레터 신청하기",
    "▶ 놓치면 후회할 오늘의 핵심 뉴스, 카카오톡 채널에서 받아보세요",
    "▶ 기자에게 제보하기: 여러분의 이야기가 뉴스가 됩니다",
    "▶ 앱 설치하고 실시간 속보 알림 받기",
)


def kst_header_date(moment: datetime) -> str:
    return f"{moment.year}년 {moment.month}월 {moment.day}일 {'월화수목금토일'[moment.weekday()]}요일"


def weather_widget(rng: random.Random) -> str:
    return f"서울 {rng.randint(-3, 12)}℃ {rng.choice(('맑음', '구름많음', '흐림', '비'))}"


def photo_id(rng: random.Random, day: date) -> str:
    return f"{day:%Y%m%d}{rng.randint(100000, 999999)}"
