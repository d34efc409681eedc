"""The fictional outlets of the sample corpus: who they are, where they live, how their pages are built."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reporter:
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str  # Korean name, as the masthead shows it
    domain: str
    layout: str  # key of news_assets_sample.layouts.LAYOUTS
    charset: str  # what the page declares: "utf-8" or "euc-kr"
    weight: float  # share of the day's pages
    reporters: tuple[Reporter, ...]
    address: str
    registration: str  # 인터넷신문 등록번호
    publisher: str
    phone: str


def _team(domain: str, *people: tuple[str, str]) -> tuple[Reporter, ...]:
    return tuple(Reporter(name, f"{user}@{domain.removeprefix('www.')}") for name, user in people)


OUTLETS: dict[str, Outlet] = {
    o.id: o
    for o in (
        Outlet(
            "hanbit",
            "한빛경제",
            "www.hanbit-economy.co.kr",
            "econ-daily",
            "utf-8",
            0.20,
            _team(
                "www.hanbit-economy.co.kr",
                ("유서진", "sjyoo"),
                ("강민채", "mckang"),
                ("봉준영", "jybong"),
                ("허다은", "deheo"),
                ("위성호", "shwi"),
            ),
            "서울특별시 영등포구 은행로 00, 한빛경제빌딩 9층",
            "서울 아 05xx1",
            "도정훈",
            "02-000-7100",
        ),
        Outlet(
            "seoulmaeil",
            "서울매일",
            "www.seoulmaeil-news.co.kr",
            "cms-articleview",
            "utf-8",
            0.16,
            _team(
                "www.seoulmaeil-news.co.kr",
                ("진하윤", "hyjin"),
                ("탁서율", "sytak"),
                ("음재희", "jhum"),
                ("추예담", "ydchu"),
            ),
            "서울특별시 중구 세종대로 00길 00, 서울매일 빌딩",
            "서울 아 03xx7",
            "금태현",
            "02-000-3300",
        ),
        Outlet(
            "haean",
            "해안일보",
            "www.haean-ilbo.co.kr",
            "cms-articleview",
            "utf-8",
            0.08,
            _team("www.haean-ilbo.co.kr", ("변해솔", "hsbyeon"), ("어진우", "jweo"), ("마소희", "shma")),
            "부산광역시 해운대구 센텀중앙로 00, 해안미디어센터 5층",
            "부산 아 00xx4",
            "국현서",
            "051-000-2200",
        ),
        Outlet(
            "daehan",
            "대한일보",
            "www.daehan-ilbo.co.kr",
            "legacy-table",
            "euc-kr",
            0.21,
            _team(
                "www.daehan-ilbo.co.kr",
                ("석보람", "brseok"),
                ("편지석", "jspyeon"),
                ("남기윤", "kynam"),
                ("예소담", "sdye"),
            ),
            "서울특별시 마포구 마포대로 00, 대한일보사",
            "서울 다 10xx2",
            "지광수",
            "02-000-5500",
        ),
        Outlet(
            "nuri",
            "누리통신",
            "www.nuri-tongsin.co.kr",
            "wire-agency",
            "utf-8",
            0.10,
            _team(
                "www.nuri-tongsin.co.kr",
                ("홍채원", "cwhong"),
                ("맹도현", "dhmaeng"),
                ("소은결", "egso"),
                ("인태오", "tain"),
                ("감나윤", "nygam"),
            ),
            "서울특별시 종로구 율곡로 00, 누리통신 사옥",
            "서울 아 00xx9",
            "채경훈",
            "02-000-8114",
        ),
        Outlet(
            "pangyo",
            "판교테크로그",
            "www.pangyo-techlog.com",
            "tech-modern",
            "utf-8",
            0.16,
            _team("www.pangyo-techlog.com", ("왕시헌", "shwang"), ("류가온", "garyu"), ("설도희", "dhseol")),
            "경기도 성남시 분당구 판교역로 000, 테크로그타워 7층",
            "경기 아 5xx31",
            "엄주혁",
            "031-000-0700",
        ),
        Outlet(
            "haneul",
            "하늘뉴스",
            "www.haneul-news.com",
            "next-spa",
            "utf-8",
            0.14,
            _team("www.haneul-news.com", ("천유리", "yrcheon"), ("빈승우", "swbin"), ("부채린", "crbu")),
            "서울특별시 강남구 테헤란로 000, 하늘뉴스",
            "서울 아 06xx5",
            "방세윤",
            "02-000-4242",
        ),
    )
}

WIRE = "nuri"  # the wire agency whose stories other outlets reprint
