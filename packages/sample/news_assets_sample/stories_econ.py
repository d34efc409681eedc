"""Economy and industry desk: exports, the rate decision ahead, housing prices, an EV plant, quarterly results."""

from __future__ import annotations

from .desk import Ctx, Parts
from .pools import POOLS
from .text import Anon, Draft, Writer, pct, won


def exports(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"vice": "park_seoyeon", "an": "lee_soyul"})
    d = Draft(w)
    release = ctx.day("exports_release")
    month = release.month
    phase = "release" if ctx.today >= release else "month"
    growth = ctx.fact_num(f"exports.{phase}.growth", 3.0, 14.0, scope="run")
    chips = ctx.fact_num(f"exports.{phase}.chips", 18.0, 42.0, scope="run")
    cars = ctx.fact_num("exports.cars", 2.0, 9.0, scope="run")
    amount = ctx.fact(f"exports.{phase}.amount", ["352", "368", "371", "389", "364"], "run")
    surplus = ctx.fact("exports.surplus", ["21", "28", "34", "17"], "run")
    if ctx.today >= release:
        titles = [
            f"{month}월 1∼20일 수출 {growth}% 증가…반도체 {chips}% 늘어 ‘효자’ 노릇",
            f"반도체가 끌어올린 수출…이달 20일까지 {amount}억 달러",
            "수출 증가세 이어져…반도체 웃고 자동차·석유제품 주춤",
        ]
        d.p(
            w.s("이달 1∼20일 수출이 반도체 호조에 힘입어 지난해 같은 기간보다 {g}% 늘었다.", g=growth),
        )
        d.p(
            w.s(
                "{customs|이} {when} 발표한 수출입 현황에 따르면 이 기간 수출액은 {a}억 달러로 집계됐다.",
                when=w.when(release),
                a=amount,
            ),
            w.s(
                "조업일수를 고려한 하루 평균 수출액도 {x}% 증가했다.",
                x=ctx.fact_num("exports.daily", 1.0, growth, scope="run"),
            ),
        )
        d.p(
            w.s("품목별로는 반도체 수출이 {c}% 늘며 증가세를 이끌었다.", c=chips),
            w.s("반면 승용차는 {v}% 줄었고 석유제품 수출도 감소했다.", v=cars),
        )
        d.p(
            w.s(
                "국가별로는 {usa|과} {vietnam} 수출이 각각 {a}%, {b}% 늘었지만 {china} 수출은 {c}% 줄었다.",
                a=ctx.fact_num("exports.usa", 2.0, 12.0, scope="run"),
                b=ctx.fact_num("exports.vietnam", 3.0, 15.0, scope="run"),
                c=ctx.fact_num("exports.china", 0.5, 6.0, scope="run"),
            )
        )
        d.h(f"무역수지 {surplus}억 달러 흑자")
        d.p(
            w.s(
                "같은 기간 수입은 {x}% 늘어난 {m}억 달러였다.",
                x=ctx.fact_num("exports.imports", 0.5, 6.0, scope="run"),
                m=str(int(amount) - int(surplus)),
            ),
            w.s("이에 따라 무역수지는 {s}억 달러 흑자를 기록했다.", s=surplus),
        )
    else:
        titles = [
            "산업부, 수출 점검회의…“반도체 호조 속 車·철강 부진 대응”",
            w.headline("{park_seoyeon.nametitle} “연말까지 수출 플러스 흐름 지킬 것”"),
        ]
        d.p(
            w.s("{motie|는} {d} {sejong_gov}에서 {vice} 주재로 수출 점검회의를 열고 업종별 수출 동향을 살폈다."),
        )
        d.p(
            "회의에는 반도체와 자동차, 철강, 석유화학 등 주요 업종 협회와 무역 지원 기관이 참석했다.",
            "참석자들은 반도체 수출이 증가세를 이어가고 있지만 자동차와 철강은 수요 둔화로 고전하고 있다고 입을 모았다.",
        )
        d.p(
            w.s("지난달 수출은 {a}억 달러로 1년 전보다 {g}% 늘었다.", a=amount, g=growth),
            w.s("이 중 반도체 수출은 {c}% 늘어 같은 달 기준 역대 최대를 기록했다.", c=chips),
        )
        d.h("車·철강 수출 부진…현장 애로 해소 주력")
    d.p(
        "{samsung|과} {skhynix|의} 고대역폭메모리(HBM) 출하가 늘어난 영향이 컸다는 분석이다.",
        "인공지능(AI) 서버 투자가 이어지면서 메모리 가격도 오름세를 유지하고 있다.",
    )
    d.p(
        w.say(
            "vice",
            ctx.sample(
                [
                    "연말까지 수출 플러스 흐름이 이어지도록 총력을 다하겠다",
                    "반도체가 버텨 주는 동안 다른 업종의 체력을 키워야 한다",
                    "보호무역 기조가 짙어지는 만큼 기업들의 애로를 하나하나 살피겠다",
                    "무역보험과 수출 금융 지원을 연말까지 최대한 늘리겠다",
                ],
                2,
            ),
            verb=ctx.pick(["강조했다", "말했다", "밝혔다"]),
        )
    )
    d.p(
        w.say(
            "an",
            [
                ctx.pick(
                    [
                        "반도체를 빼면 수출 회복세가 아직 뚜렷하다고 보기 어렵다",
                        "내년에는 기저 효과가 사라지면서 증가 폭이 줄어들 가능성이 크다",
                        "{usa} 관세 정책의 불확실성이 여전해 안심하기는 이르다",
                    ]
                )
            ],
            verb=ctx.pick(["진단했다", "말했다", "내다봤다"]),
        )
    )
    if ctx.chance(0.5):
        d.p(w.say(Anon("관계자", label="반도체 업계"), ["내년 상반기까지는 공급이 수요를 따라가지 못할 것"]))
    d.pool(POOLS["exports"], 2, 3)
    points = [
        w.headline("반도체 수출 {c}%↑…증가세 주도", c=chips),
        "자동차·석유제품은 감소",
        w.headline("무역수지 {s}억 달러 흑자", s=surplus),
    ]
    return Parts("경제", titles, points, d.blocks, d.captions, ["수출", "반도체", "무역수지"])


def rates(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"gov": "lim_chaeyun", "fsc_": "oh_sejin", "an": "kwon_doha"})
    d = Draft(w)
    meeting = ctx.day("bok_meeting")
    rate = ctx.fact("bok.rate", ["2.50", "2.25"], "run")
    fx = ctx.fact("fx.close", ["1,438", "1,446", "1,452", "1,429", "1,461"])
    loans = ctx.fact("loans", ["4조3000억 원", "5조1000억 원", "3조8000억 원", "6조2000억 원"], "run")
    titles = [
        w.headline("{when} 금통위 앞두고 ‘동결’ 무게…환율·집값에 발목", when=w.when(meeting)),
        f"기준금리 연 {rate}% 유지 전망 우세…“인하는 내년으로”",
        w.headline("원·달러 환율 {fx}원…한은 금리 인하 셈법 복잡해져", fx=fx),
    ]
    d.p(
        w.s(
            "{bok|이} {when} 올해 마지막 통화정책방향 회의를 여는 가운데 기준금리를 연 {r}%로 동결할 것이라는 "
            "관측이 우세하다.",
            when=w.when(meeting),
            r=rate,
        ),
        "환율이 높은 수준에 머물고 수도권 집값도 좀처럼 꺾이지 않고 있어서다.",
    )
    d.p(
        w.s(
            "{d} {seoul} 외환시장에서 원·달러 환율은 전 거래일보다 {x}원 오른 {fx}원에 거래를 마쳤다.",
            x=ctx.fact("fx.change", ["2.1", "4.5", "6.3", "3.8"]),
            fx=fx,
        ),
        "시장에서는 금리를 내리면 원화 약세가 더 가팔라질 수 있다는 우려가 나온다.",
    )
    d.p(
        "{gov|는} 지난달 기자간담회에서 금리 인하의 시기와 속도를 신중하게 판단하겠다는 뜻을 밝힌 바 있다.",
    )
    d.h(ctx.pick(["가계대출 증가세도 부담", "가계부채 다시 늘어…금융당국 ‘경계’"]))
    d.p(
        w.s("금융권 가계대출은 지난달에만 {l} 늘었다.", l=loans),
        "주택담보대출이 증가세를 이끌었다.",
    )
    d.p(
        w.say(
            "fsc_",
            ctx.sample(
                [
                    "가계부채 관리는 한순간도 늦출 수 없는 과제",
                    "연말까지 은행권 대출 흐름을 매주 점검하겠다",
                    "필요하면 추가 관리 방안을 언제든 내놓겠다",
                ],
                2,
            ),
            verb=ctx.pick(["말했다", "강조했다"]),
            lead=ctx.pick(["이날 금융권 간담회에서", "이날"]),
        )
    )
    d.p(
        "{fed|의} 금리 경로도 변수다.",
        "{fed|가} 다음 달 금리를 내릴지를 두고 시장의 전망이 엇갈리면서 달러 강세가 이어지고 있다.",
    )
    d.p(
        w.say(
            "an",
            [
                ctx.pick(
                    [
                        "이번에는 동결하고 내년 1분기에 한 차례 인하할 가능성이 크다",
                        "성장률 전망을 얼마나 낮추느냐가 인하 시점을 가늠할 단서가 될 것",
                        "환율이 안정되지 않으면 인하 시점은 더 늦춰질 수 있다",
                    ]
                )
            ],
            verb=ctx.pick(["내다봤다", "분석했다"]),
        )
    )
    if ctx.chance(0.6):
        d.p(
            w.say(
                Anon("연구원", label="한 증권사"),
                ["경기만 보면 인하가 필요하지만 금융안정 측면에서 부담이 큰 상황"],
            )
        )
    d.pool(POOLS["rates"], 2, 3)
    points = [
        w.headline("{when} 금통위…동결 전망 우세", when=w.when(meeting)),
        w.headline("원·달러 환율 {fx}원대 고공행진", fx=fx[:3] + "00"),
        "가계대출 증가세도 부담",
    ]
    return Parts("경제", titles, points, d.blocks, d.captions, ["기준금리", "환율", "가계대출"])


def housing(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"min": "pyo_seunghun", "an": "lee_soyul"})
    d = Draft(w)
    seoul_up = ctx.fact_num("housing.seoul", 0.05, 0.25, 2)
    areas = ctx.sample(["gangnam", "songpa", "nowon"], 2)
    week = ["첫째", "둘째", "셋째", "넷째", "다섯째"][(ctx.today.day - 1) // 7]
    titles = [
        f"서울 아파트값 {seoul_up}% 올라…상승 폭 다시 커져",
        "서울 집값 오름세 지속…정부 “공급 속도 높인다”",
    ]
    d.p(
        w.s(
            "서울 아파트값이 오름세를 이어가고 있다.",
        ),
        w.s(
            "{reb|이} {d} 발표한 {m}월 {wk} 주 주간 아파트 가격 동향에 따르면 {seoul} 아파트값은 한 주 전보다 "
            "{x}% 올랐다.",
            m=str(ctx.today.month),
            wk=week,
            x=f"{seoul_up:.2f}",
        ),
    )
    d.p(
        w.s("자치구별로는 {a|과} {b}의 상승 폭이 두드러졌다.", a=areas[0], b=areas[1]),
        "재건축 기대감이 큰 단지를 중심으로 신고가 거래가 이어졌다.",
    )
    d.p(
        w.s(
            "수도권 전체로는 {x}% 올랐고 지방은 {y}% 내려 양극화가 이어졌다.",
            x=f"{seoul_up / 2:.2f}",
            y=f"{ctx.fact_num('housing.local', 0.01, 0.05, 2):.2f}",
        ),
    )
    d.h("정부 “공급 속도전”…시장은 ‘관망’")
    d.p(
        w.say(
            "min",
            ctx.sample(
                [
                    "도심 공급을 최대한 앞당겨 시장 불안 심리를 가라앉히겠다",
                    "공공 주도 정비사업의 인허가 기간을 절반으로 줄이겠다",
                    "투기 수요가 다시 고개를 들지 않도록 거래 동향을 면밀히 살피고 있다",
                ],
                2,
            ),
            verb=ctx.pick(["말했다", "밝혔다"]),
            lead="이날 {assembly}에서",
        )
    )
    d.p(
        w.say(
            "an",
            [
                ctx.pick(
                    [
                        "공급 대책이 실제 입주 물량으로 이어지기까지는 시간이 걸리는 만큼 당분간 오름세가 이어질 가능성이 크다",
                        "금리 인하 기대가 살아 있어 매수 심리가 쉽게 꺾이지 않을 것",
                    ]
                )
            ],
            verb="내다봤다",
        )
    )
    d.p(
        w.say(
            Anon("대표", label="한 공인중개사무소"),
            ["호가는 올랐는데 거래는 뜸해 매도자와 매수자 사이의 눈치 보기가 길어지고 있다"],
        )
    )
    if ctx.chance(0.5):
        d.p("전세가격도 {seoul}에서 {n}주 연속 올랐다.", n=ctx.fact("housing.jeonse", ["30", "41", "52", "27"], "run"))
    d.pool(POOLS["housing"], 2, 3)
    points = [
        w.headline("{reb.name} 주간 동향…{seoul} {x}%↑", x=f"{seoul_up:.2f}"),
        "재건축 단지 중심 신고가 거래",
        "정부 “도심 공급 앞당긴다”",
    ]
    return Parts("경제", titles, points, d.blocks, d.captions, ["아파트값", "부동산", "공급"])


def ev_plant(ctx: Ctx) -> Parts:
    w = Writer(
        ctx.rng,
        ctx.cast,
        ctx.today,
        {"ceo": "choi_jihun", "vice": "park_seoyeon", "mayor": "tak_gyeongmin", "co": "hanbit_mob"},
    )
    d = Draft(w)
    day = ctx.day("ev_groundbreaking")
    invest = ctx.fact("ev.invest", [21000, 24000, 26500], "run")
    capacity = ctx.fact("ev.capacity", ["15만", "20만"], "run")
    jobs = ctx.fact("ev.jobs", ["2000", "2300", "1800"], "run")
    if ctx.today < day:
        titles = [
            w.headline("한빛모빌리티 {u} 전기차 공장 {when} 첫 삽…{m} 투자", u="울산", when=w.when(day), m=won(invest)),
            "한빛모빌리티, 전기차 전용 공장 착공 앞둬…‘한빛 EV7’ 생산 거점",
        ]
        d.p(
            w.s("{co|가} {when} {ulsan}에서 전기차 전용 공장 착공식을 연다.", when=w.when(day)),
            w.s("총 {m}을 들여 연간 {c} 대를 생산할 수 있는 공장을 짓는 사업이다.", m=won(invest), c=capacity),
        )
        d.p("착공식에는 {ceo|와} {vice}, {mayor} 등이 참석할 예정이다.")
    else:
        titles = [
            w.headline("한빛모빌리티, {u} 전기차 공장 착공…“2028년 연 {c}대 생산”", u="울산", c=capacity),
            w.headline("{choi_jihun.nametitle} “{u} 공장, 미래차 전환의 심장 될 것”", u="울산"),
            f"{won(invest)} 들인 전기차 공장 첫 삽…일자리 {jobs}개 생긴다",
        ]
        d.p(
            w.s(
                "{co|가} {ulsan}에 전기차 전용 공장을 짓기 시작했다.",
            ),
            w.s("총 {m}을 투입해 2028년부터 연간 {c} 대의 전기차를 생산한다는 계획이다.", m=won(invest), c=capacity),
        )
        d.p(
            w.s("{co|는} {when} {ulsan} 공장 부지에서 착공식을 열었다.", when=w.when(day)),
            "이날 행사에는 {ceo|와} {vice}, {mayor}, 협력사 대표 등 300여 명이 참석했다.",
        )
        d.p(
            w.say(
                "ceo",
                ctx.sample(
                    [
                        "이 공장은 회사가 미래차 기업으로 거듭나는 심장 역할을 할 것",
                        "국내 생산을 고집한 것은 협력사와 함께 성장해야 한다는 믿음 때문",
                        "전기차 수요가 주춤한 지금이 오히려 다음 도약을 준비할 때",
                    ],
                    2,
                ),
                verb=ctx.pick(["강조했다", "말했다"]),
                lead="기념사에서",
            )
        )
    d.p(
        "새 공장에서는 내년 출시할 중형 전기 스포츠유틸리티차(SUV) {ev7|을} 먼저 생산한다.",
        "배터리는 {lges|이} 공급하기로 했다.",
    )
    d.h(ctx.pick(["정부·지자체 지원 약속", f"일자리 {jobs}개…지역 경제 기대"]))
    d.p(
        w.say(
            "vice",
            [
                ctx.pick(
                    [
                        "전기차 생산 기반을 국내에 두려는 기업에는 세제와 전력 인프라 지원을 아끼지 않겠다",
                        "미래차 공급망을 지키는 투자가 이어지도록 규제를 과감히 풀겠다",
                    ]
                )
            ],
            verb="말했다",
        )
    )
    d.p(
        w.s(
            "{mayor|은} 공장 가동으로 직접 고용 {j}명을 비롯해 협력사까지 합치면 일자리가 크게 늘어날 것으로 기대했다.",
            j=jobs,
        ),
        w.say("mayor", ["인허가부터 인력 양성까지 시가 할 수 있는 일은 모두 돕겠다"], verb="말했다"),
    )
    d.p(
        "업계에서는 전기차 수요 둔화 속에서도 생산 설비를 늘리는 것이 모험이라는 시각도 있다.",
        "{hyundai|를} 비롯한 완성차 업체들은 최근 하이브리드 차량 생산을 늘리는 쪽으로 전략을 조정하고 있다.",
    )
    if ctx.today >= day:
        d.caption(
            "{choi_jihun.nametitle}(왼쪽 세 번째)와 참석자들이 {when} {ulsan}에서 열린 전기차 공장 착공식에서 "
            "첫 삽을 뜨고 있다. (사진제공={hanbit_mob.name})",
            when=w.when(day),
        )
    d.pool(POOLS["ev_plant"], 2, 3)
    points = [
        w.headline("{hanbit_mob}, {ulsan} 전기차 공장 착공"),
        w.headline("{m} 투자…2028년 연 {c}대 생산", m=won(invest), c=capacity),
        w.headline("첫 생산 차종은 {ev7}"),
    ]
    return Parts("산업", titles, points, d.blocks, d.captions, ["전기차", "공장", "착공"])


_EARNERS = [
    ("seon", "eom_taegyeong", "바이오", ["위탁생산(CMO) 수주", "독감 백신 판매"]),
    ("pureun", None, "제약", ["전문의약품 판매", "수출용 복제약 공급"]),
    ("hangyeol", None, "건설", ["해외 플랜트 공사", "주택 분양"]),
    ("byeolbit", "shin_yerin", "게임", ["신작 흥행", "해외 매출"]),
    ("nuri", "han_doyun", "전자", ["로봇 청소기 판매", "AI 스피커 수출"]),
]


def earnings(ctx: Ctx) -> Parts:
    co, ceo, trade, drivers = ctx.pick(_EARNERS)
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"co": co, "an": "kwon_doha"})
    d = Draft(w)
    facts = ctx.facts(f"earnings.{co}", "run")
    sales = facts.randint(2400, 18000)
    op = round(sales * round(facts.uniform(0.04, 0.16), 3))
    up = round(facts.uniform(4.0, 38.0), 1)
    good = facts.random() < 0.7
    name = ctx.cast[co].name
    if good:
        titles = [
            f"{name}, 3분기 영업이익 {won(op)}…전년 대비 {up}% 증가",
            f"{name} 3분기 ‘깜짝 실적’…{drivers[0]} 효과",
        ]
        d.p(
            w.s(
                "{co|가} 올해 3분기 시장 기대를 웃도는 실적을 냈다.",
            ),
            w.s(
                "{co|는} {d} 3분기 연결 기준 매출액이 {s}, 영업이익이 {o}으로 집계됐다고 공시했다.",
                s=won(sales),
                o=won(op),
            ),
        )
        d.p(w.s("영업이익은 지난해 같은 기간보다 {u}% 늘었다.", u=up), w.s("{drv|이} 늘어난 덕분이다.", drv=drivers[0]))
    else:
        titles = [
            f"{name}, 3분기 영업이익 {up}% 감소…“4분기 반등 기대”",
            f"{name} 3분기 실적 부진…{trade} 업황 둔화 직격탄",
        ]
        d.p(
            w.s("{co|의} 올해 3분기 영업이익이 1년 전보다 {u}% 줄었다.", u=up),
            w.s("{co|는} {d} 3분기 연결 기준 매출액 {s}, 영업이익 {o}을 기록했다고 공시했다.", s=won(sales), o=won(op)),
        )
        d.p(w.s("{t} 업황이 둔화한 데다 원자재 가격이 오르면서 수익성이 나빠졌다.", t=trade))
    d.p(
        w.s(
            "누적 매출은 {s}으로 연간 목표의 {p} 수준이다.",
            s=won(sales * 3.1),
            p=pct(round(facts.uniform(68.0, 82.0), 1)),
        )
    )
    if ceo:
        w.bind["ceo"] = ceo
        d.p(
            w.s("{ceo|는} 최근 사내 공지를 통해 4분기에도 {drv}에 힘을 싣겠다는 뜻을 밝혔다.", drv=drivers[-1]),
        )
    d.p(
        w.say(
            "an",
            [
                ctx.pick(
                    [
                        "4분기에는 계절적 성수기가 겹쳐 실적 개선 흐름이 이어질 것",
                        "일회성 비용을 빼면 본업의 체력은 생각보다 탄탄하다",
                        "내년 실적의 관건은 해외 시장에서 얼마나 빨리 자리를 잡느냐",
                    ]
                )
            ],
            verb=ctx.pick(["내다봤다", "평가했다"]),
        )
    )
    d.p(
        w.s(
            "실적 발표 뒤 {co|의} 주가는 {x}% {dir} 거래를 마쳤다.",
            x=round(facts.uniform(0.5, 7.5), 1),
            dir="오른 채" if good else "내린 채",
        ),
    )
    d.pool(POOLS["earnings"], 2, 3)
    points = [
        w.headline("{co.name} 3분기 매출 {s}", s=won(sales)),
        w.headline("영업이익 {o}…전년比 {u}% {dir}", o=won(op), u=up, dir="증가" if good else "감소"),
    ]
    return Parts("증권", titles, points, d.blocks, d.captions, ["실적", "영업이익", "3분기"], event=f"earnings/{co}")
