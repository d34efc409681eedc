"""Second angles on the running stories. On a busy day many outlets cover the same event from different
sides; these builders give the big stories more than one shape so that same-day articles differ."""

from __future__ import annotations

from datetime import timedelta

from .desk import Ctx, Parts
from .pools import POOLS
from .stories_public import suneung_pool
from .stories_tech import gstar, nuribot
from .text import Anon, Draft, Writer


def suneung_people(ctx: Ctx) -> Parts:
    """The exam seen from the street: cheering juniors, late arrivals, and what teenagers do once it is over."""
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"min": "ryu_seonyoung", "lab": "yeom_jiwoo"})
    d = Draft(w)
    exam = ctx.day("suneung")
    if ctx.today < exam:
        titles = [
            "“긴장 풀고 평소처럼”…수능 앞둔 교실의 마지막 한 주",
            "수능 코앞…수험생 건강 관리·컨디션 조절이 관건",
        ]
        d.p(
            w.s("{suneung|을} {n}일 앞둔 고3 교실은 차분하면서도 긴장감이 감돌았다.", n=str((exam - ctx.today).days)),
            "수험생들은 새 문제를 풀기보다 그동안 틀렸던 문제를 다시 훑으며 마무리에 집중하는 모습이었다.",
        )
        d.p(
            "교사들은 시험 당일과 같은 시간표에 맞춰 생활 리듬을 조절하라고 조언한다.",
            "늦게 자는 습관이 있는 학생이라면 지금부터라도 아침 일찍 일어나 머리가 맑은 상태를 만들어야 한다는 것이다.",
        )
        d.p(
            w.say(
                "lab",
                ctx.sample(
                    [
                        "남은 기간에는 새로운 문제집보다 자신의 오답 노트를 다시 보는 게 효과적",
                        "시험 당일 1교시 국어에서 흔들리지 않는 것이 전체 결과를 좌우한다",
                        "모르는 문제에 너무 오래 매달리지 말고 시간 배분 연습을 해 두는 게 좋다",
                    ],
                    2,
                ),
                verb="조언했다",
            )
        )
        d.p(
            "학부모들의 발걸음도 분주하다.",
            "전국의 유명 사찰과 교회에는 자녀의 합격을 기원하는 학부모들이 몰렸다.",
        )
    elif ctx.today == exam:
        titles = [
            "“선배님 힘내세요” 시험장 앞 응원전…순찰차 타고 ‘지각 탈출’도",
            "수능 한파 속 시험장 앞 풍경…학부모들 ‘두 손 모아’",
        ]
        d.p(
            w.s("{suneung|이} 치러진 {d} 아침 전국 시험장 앞은 수험생을 응원하는 후배와 학부모들로 붐볐다."),
            "쌀쌀한 날씨에도 후배들은 이른 새벽부터 교문 앞에 모여 구호를 외치며 선배들의 합격을 기원했다.",
        )
        d.p(
            "시험장에 늦을 뻔한 수험생들이 경찰의 도움을 받는 모습도 곳곳에서 눈에 띄었다.",
            w.s(
                "{police}에 따르면 이날 오전 수험생 수송 지원 요청은 {n}건에 달했다.",
                n=ctx.fact("suneung.police", ["180", "214", "236"], "run"),
            ),
        )
        d.p(
            "교문이 닫힌 뒤에도 학부모들은 쉽게 자리를 뜨지 못했다.",
            "일부 학부모는 교문에 엿을 붙이거나 두 손을 모은 채 한참 동안 기도했다.",
        )
        d.p(
            w.say(
                Anon("학부모", label="시험장 앞에서 만난 한"),
                ["아이가 긴장하지 말고 그동안 준비한 만큼만 해 줬으면 좋겠다"],
            )
        )
    else:
        titles = [
            "수능 끝나자 “이제 자유”…수험생 할인 행사 봇물",
            "해방감 만끽하는 수험생들…“들뜬 마음에 안전사고 주의”",
        ]
        d.p(
            w.s("{suneung|이} {when} 끝나면서 수험생들은 모처럼 해방감을 만끽하고 있다.", when=w.when(exam)),
            "극장과 놀이공원, 외식업체들은 수험표를 보여 주면 할인해 주는 행사를 잇따라 내놨다.",
        )
        d.p(
            "수험생을 겨냥한 휴대전화 판매와 운전면허 학원 등록도 크게 늘었다.",
            "성형외과와 안경원 등에서도 수험생 특가 상품이 쏟아지고 있다.",
        )
        d.p(
            w.s(
                "{moe|와} {police|은} 들뜬 분위기 속에 청소년 음주와 무면허 운전 같은 사고가 늘 수 있다며 주의를 당부했다."
            ),
        )
        d.p(
            w.say(
                "min",
                [
                    ctx.pick(
                        [
                            "긴 시간 애쓴 수험생 모두에게 박수를 보낸다",
                            "남은 입시 일정까지 건강과 안전을 잘 챙겨 주길 바란다",
                        ]
                    )
                ],
                verb="말했다",
            )
        )
    d.pool(POOLS[suneung_pool(ctx)], 1, 2)
    return Parts("사회", titles, [], d.blocks, d.captions, ["수능", "수험생", "응원"])


def suneung_numbers(ctx: Ctx) -> Parts:
    """The exam in figures: test sites, supervisors, absentees, appeals, cheating cases."""
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"head": "bang_jiho"})
    d = Draft(w)
    exam = ctx.day("suneung")
    sites = ctx.fact("suneung.sites", ["1282", "1291", "1310"], "run")
    staff = ctx.fact("suneung.staff", ["13만", "12만8000", "13만2000"], "run")
    if ctx.today < exam:
        titles = [f"수능 시험장 {sites}곳·관리 인력 {staff}명 투입", "수능 문답지 전국 배부 시작…경찰 24시간 경비"]
        d.p(
            w.s("{suneung} 문제지와 답안지가 {d}부터 전국 시험지구로 배부된다."),
            "문답지는 시험 당일 아침까지 시험지구별 보관 장소에서 경찰의 24시간 경비 아래 관리된다.",
        )
        d.p(
            w.s(
                "올해 시험은 전국 {s}개 시험장에서 치러지며 감독관과 방역 인력 등 관리 인력 {t}명이 투입된다.",
                s=sites,
                t=staff,
            ),
        )
        d.p(
            w.s("{kice|은} 출제위원들이 한 달여 동안 외부와 차단된 채 문제를 만들었다고 밝혔다."),
            "출제위원과 검토위원은 시험이 끝날 때까지 합숙 장소를 떠날 수 없다.",
        )
    elif ctx.today == exam:
        rate = ctx.fact_num("suneung.absent", 9.5, 12.5, scope="run")
        titles = [
            f"수능 1교시 결시율 {rate}%…지난해보다 소폭 상승",
            "수능 부정행위 적발 잇따라…휴대전화 소지 가장 많아",
        ]
        d.p(
            w.s("{d} 치러진 {suneung} 1교시 국어 영역 결시율이 {r}%로 집계됐다.", r=rate),
            "지난해보다 조금 높은 수준이다.",
        )
        d.p(
            "결시율은 수시 모집에 합격해 수능 점수가 필요 없는 수험생이 늘면서 해마다 오르는 추세다.",
            "특히 졸업생 지원자의 결시율이 재학생보다 높게 나타났다.",
        )
        d.p(
            "시험 도중 부정행위도 잇따라 적발됐다.",
            "휴대전화를 가지고 있다 적발된 사례가 가장 많았고, 종료령이 울린 뒤 답안을 작성하다 걸린 경우도 있었다.",
        )
    else:
        appeals = ctx.fact("suneung.appeals", ["340", "412", "385", "298"])
        titles = [f"수능 이의신청 {appeals}건 접수…영어 영역 가장 많아", "수능 정답 확정 앞두고 이의신청 몰려"]
        d.p(
            w.s("{suneung} 문제와 정답에 대한 이의신청이 {n}건 접수됐다.", n=appeals),
            "영역별로는 영어와 사회탐구 영역에 이의신청이 많이 몰렸다.",
        )
        d.p(
            w.s(
                "{kice|은} 이의신청 내용을 검토한 뒤 {when} 최종 정답을 발표한다.",
                when=w.when(exam + timedelta(days=6)),
            ),
            "이의신청이 받아들여지면 해당 문항은 복수 정답이나 전원 정답으로 처리된다.",
        )
        d.p(
            w.say(
                "head",
                ["이의신청 한 건 한 건을 외부 전문가와 함께 꼼꼼히 심사하겠다"],
                verb="말했다",
            )
        )
        d.p(
            "시험 당일 적발된 부정행위 수험생은 해당 시험이 무효 처리된다.",
            "사안에 따라 다음 해 응시 자격이 제한될 수도 있다.",
        )
    d.pool(POOLS[suneung_pool(ctx)], 1, 2)
    return Parts("사회", titles, [], d.blocks, d.captions, ["수능", "시험장", "이의신청"])


def gstar_busan(ctx: Ctx) -> Parts:
    """The game show as a city event: hotels, restaurants, traffic, the mayor."""
    if ctx.today > ctx.day("gstar_close"):
        return gstar(ctx)
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"mayor": "ha_yoonseul", "city": "busan_city"})
    d = Draft(w)
    effect = ctx.fact("gstar.effect", ["1200억 원", "1500억 원", "1350억 원"], "run")
    titles = [
        f"지스타 특수에 부산 해운대 ‘들썩’…경제효과 {effect} 추산",
        "게임 축제에 숙박·외식업계 웃음…부산시 “게임 도시로 키운다”",
    ]
    d.p(
        w.s("국내 최대 게임 전시회 {gstar|가} 열리면서 {busan} 지역 상권이 모처럼 활기를 띠고 있다."),
        "전시장 주변 호텔은 행사 기간 객실이 대부분 찼고 인근 식당가도 관람객들로 북적였다.",
    )
    d.p(
        w.s("{city|는} 행사 기간 지역에 미치는 경제효과가 {e}에 이를 것으로 추산했다.", e=effect),
        "관람객 상당수가 수도권 등 다른 지역에서 찾은 것으로 나타났다.",
    )
    d.p(
        w.say(
            "mayor",
            ctx.sample(
                [
                    "게임 산업을 지역의 미래 먹거리로 키우겠다",
                    "전시회가 끝난 뒤에도 게임 기업들이 머물 수 있는 환경을 만들겠다",
                    "관람객들이 불편 없이 행사를 즐길 수 있도록 교통과 안전 대책에 힘쓰겠다",
                ],
                2,
            ),
            verb="말했다",
        )
    )
    d.p(
        w.s(
            "{city|는} 내년까지 {bexco} 인근에 게임 기업 지원센터를 새로 열고 지역 게임사에 사무 공간을 제공할 계획이다."
        ),
    )
    d.p(
        "교통 혼잡은 과제로 남았다.",
        "주말 오후 전시장 주변 도로는 한때 주차장을 방불케 했고 도시철도역에도 인파가 몰렸다.",
    )
    d.p(w.say(Anon("상인", label="전시장 인근에서 식당을 운영하는 한"), ["1년 중 이맘때가 가장 바쁘다"]))
    d.pool(POOLS["gstar"], 1, 2)
    return Parts("전국", titles, [], d.blocks, d.captions, ["지스타", "부산", "경제효과"])


def gstar_review(ctx: Ctx) -> Parts:
    """A hands-on preview of the most talked-about game of the show."""
    if ctx.today > ctx.day("gstar_close"):
        return gstar(ctx)
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"ceo": "shin_yerin", "co": "byeolbit"})
    d = Draft(w)
    wait = ctx.pick(["2시간", "3시간", "1시간 30분"])
    titles = [
        f"[지스타 현장] 대기 {wait}…‘별빛 크로니클’ 직접 해 보니",
        "‘별빛 크로니클’ 첫 체험…화려한 그래픽에 ‘협동 전투’가 핵심",
    ]
    d.p(
        w.s("{gstar} 전시장에서 가장 긴 줄이 늘어선 곳은 {co|의} 신작 {chronicle} 시연대였다."),
        w.s("평일 오전에도 체험을 하려면 {t} 가까이 기다려야 했다.", t=wait),
    )
    d.p(
        "직접 해 본 게임은 화려한 그래픽이 먼저 눈에 들어왔다.",
        "바다 위 섬들을 배경으로 한 세계는 날씨와 시간에 따라 분위기가 달라졌다.",
    )
    d.p(
        "핵심은 여러 이용자가 함께 거대한 적을 상대하는 협동 전투다.",
        "역할을 나눠 공격과 방어를 맡아야 해 처음 만난 관람객끼리도 금세 대화를 주고받았다.",
    )
    d.p(
        w.say(
            "ceo",
            ctx.sample(
                [
                    "혼자서도 즐길 수 있지만 함께할 때 더 재미있는 게임을 만들고 싶었다",
                    "과금 부담을 줄이고 게임 자체의 재미로 승부하겠다",
                    "내년 정식 출시 전까지 두 차례 공개 시험을 거칠 계획",
                ],
                2,
            ),
            verb="말했다",
            lead="현장에서 만난",
        )
    )
    d.p(
        "아쉬운 점도 있었다.",
        "조작 방법을 익히는 데 시간이 걸려 시연 시간 15분이 짧게 느껴졌다는 반응이 적지 않았다.",
    )
    d.p(w.say(Anon("관람객", label="시연을 마친 한"), ["그래픽은 기대 이상이었는데 조작은 조금 어려웠다"]))
    d.pool(POOLS["gstar"], 1, 2)
    return Parts("IT·과학", titles, [], d.blocks, d.captions, ["별빛 크로니클", "지스타", "신작"])


def budget_ai(ctx: Ctx) -> Parts:
    """The budget fight in one committee: AI computing money, defended by the science minister."""
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"min": "seo_minjae", "ruling": "ju_hangyeol", "opp": "byeon_siwoo"})
    d = Draft(w)
    cut = ctx.fact("budget.ai_cut", ["1200억 원", "2000억 원", "850억 원"], "run")
    titles = [
        f"AI 컴퓨팅 예산 {cut} 삭감 공방…과기정통부 “인프라 골든타임”",
        "여야, AI 예산 두고 정면충돌…“미래 투자” vs “효과 불분명”",
    ]
    d.p(
        w.s("내년도 예산안 심사에서 인공지능(AI) 컴퓨팅 인프라 예산이 최대 쟁점으로 떠올랐다."),
        w.s("야당은 정부안에서 {c}을 깎아야 한다고 주장하고 있고 정부와 여당은 원안 유지를 요구하고 있다.", c=cut),
    )
    d.p(
        w.s("{assembly} {sci_cmte|는} {d} 예산심사소위원회를 열고 {msit} 소관 예산을 심사했다."),
    )
    d.p(
        w.say(
            "min",
            ctx.sample(
                [
                    "지금이 AI 인프라를 갖출 골든타임",
                    "한번 뒤처지면 따라잡기 어려운 분야인 만큼 예산을 지켜 달라",
                    "집행 계획을 구체적으로 보완해 다시 보고하겠다",
                ],
                2,
            ),
            verb="호소했다",
            lead="이날 회의에 출석해",
        )
    )
    d.p(
        w.say(
            "opp",
            [
                ctx.pick(
                    [
                        "장비만 사들이고 활용 계획은 빈약하다",
                        "지난해 배정된 예산도 다 쓰지 못했는데 또 늘리겠다는 것은 납득하기 어렵다",
                    ]
                )
            ],
            verb="지적했다",
        )
    )
    d.p(
        w.say(
            "ruling",
            ["AI 예산을 정쟁의 대상으로 삼아서는 안 된다"],
            verb="맞받았다",
        )
    )
    d.p(
        "소위는 이날 결론을 내지 못하고 해당 사업을 보류 안건으로 넘겼다.",
        "보류된 사업은 {budget_cmte} 심사 과정에서 다시 다뤄진다.",
    )
    d.pool(POOLS["budget"] + POOLS["ai_policy"], 1, 2)
    return Parts("정치", titles, [], d.blocks, d.captions, ["AI 예산", "예산안", "국회"])


def rates_fx(ctx: Ctx) -> Parts:
    """The currency angle of the rate story: a weak won and what it costs."""
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"gov": "lim_chaeyun", "an": "kwon_doha", "fin": "yoon_jaewon"})
    d = Draft(w)
    fx = ctx.fact("fx.close", ["1,438", "1,446", "1,452", "1,429", "1,461"])
    titles = [
        f"원·달러 환율 {fx}원…고환율 장기화에 수입물가 ‘비상’",
        "환율 1450원대 고착…외환당국 “쏠림 현상 면밀히 점검”",
    ]
    d.p(
        w.s("원·달러 환율이 1450원 안팎에서 좀처럼 내려오지 않고 있다."),
        w.s("{d} {seoul} 외환시장에서 환율은 {fx}원에 거래를 마쳤다.", fx=fx),
    )
    d.p(
        "달러 강세에 더해 해외 주식 투자를 위한 달러 수요가 꾸준히 이어진 영향이다.",
        "수출기업들이 벌어들인 달러를 바로 팔지 않고 쌓아 두는 흐름도 환율을 밀어 올리고 있다.",
    )
    d.p(
        "고환율은 수입물가를 통해 소비자물가에 부담을 준다.",
        "원유와 곡물처럼 수입 의존도가 높은 품목의 가격이 특히 민감하게 움직인다.",
    )
    d.p(
        w.say(
            "fin",
            [
                ctx.pick(
                    [
                        "시장의 쏠림 현상이 과도하면 언제든 필요한 조치를 하겠다",
                        "외환 건전성에는 문제가 없지만 변동성을 면밀히 점검하고 있다",
                    ]
                )
            ],
            verb="말했다",
            lead="이날 기자들과 만나",
        )
    )
    d.p(
        "{gov|는} 환율 흐름이 금리 결정에 중요한 변수라고 여러 차례 언급해 왔다.",
    )
    d.p(
        w.say(
            "an",
            [
                ctx.pick(
                    [
                        "연말까지는 1400원대 중반에서 움직일 가능성이 크다",
                        "{fed|의} 금리 인하가 가시화되기 전까지는 원화 약세 흐름이 이어질 것",
                    ]
                )
            ],
            verb="내다봤다",
        )
    )
    d.pool(POOLS["rates"], 1, 2)
    return Parts("경제", titles, [], d.blocks, d.captions, ["환율", "수입물가", "외환시장"])


def nuribot_market(ctx: Ctx) -> Parts:
    """The robot launch seen from the market: rivals, prices, what analysts expect."""
    if ctx.until("nuribot_launch") > 0:
        return nuribot(ctx)
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"co": "nuri", "ceo": "han_doyun", "an": "kwon_doha"})
    d = Draft(w)
    rivals = ctx.sample(["samsung", "lg"], 2)
    size = ctx.fact("robot.market", ["3조 원", "4조 원", "2조5000억 원"], "run")
    titles = [
        "가정용 로봇 전쟁 막 올랐다…누리전자 선공에 대기업도 ‘채비’",
        f"국내 가정용 로봇 시장 {size} 전망…‘누리봇 2’가 시험대",
    ]
    d.p(
        w.s("{co|가} {nuribot2|를} 내놓으면서 국내 가정용 로봇 시장의 경쟁이 본격화하고 있다."),
        w.s("{a|와} {b}도 내년 신제품 출시를 준비하고 있어 시장의 판이 커질 전망이다.", a=rivals[0], b=rivals[1]),
    )
    d.p(
        w.s("업계는 국내 가정용 로봇 시장 규모가 2030년 {s}에 이를 것으로 보고 있다.", s=size),
        "청소와 정리, 돌봄까지 맡는 로봇이 늘면서 가전과 로봇의 경계도 흐려지고 있다.",
    )
    d.p(
        "관건은 가격이다.",
        "200만 원 안팎의 가격이 일반 가정이 선뜻 지갑을 열 수 있는 수준인지는 아직 미지수라는 평가가 나온다.",
    )
    d.p(
        w.say(
            "an",
            ctx.sample(
                [
                    "초기 구매층은 맞벌이 가정과 1인 가구가 될 가능성이 크다",
                    "구독형 판매가 자리 잡으면 가격 부담이 크게 줄어들 것",
                    "로봇이 실제로 줄여 주는 가사 시간이 얼마나 되느냐가 흥행을 좌우할 것",
                ],
                2,
            ),
            verb="분석했다",
        )
    )
    d.p("{ceo|는} 최근 간담회에서 내년 국내 판매 목표를 10만 대로 제시하며 해외 시장 진출도 서두르겠다고 밝혔다.")
    d.p(
        w.say(Anon("관계자", label="한 대형 가전매장"), ["신제품이 나온 뒤 로봇 코너를 찾는 손님이 눈에 띄게 늘었다"]),
    )
    d.pool(POOLS["nuribot"], 2, 3)
    return Parts("IT·과학", titles, [], d.blocks, d.captions, ["가정용 로봇", "누리봇", "경쟁"])


def ev_suppliers(ctx: Ctx) -> Parts:
    """The EV plant seen from the parts makers and the city around it."""
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"co": "hanbit_mob", "mayor": "tak_gyeongmin", "ceo": "choi_jihun"})
    d = Draft(w)
    firms = ctx.fact("ev.firms", ["120여 곳", "150여 곳", "90여 곳"], "run")
    titles = [
        f"전기차 공장 들어선다…울산 협력사 {firms} ‘기대 반 걱정 반’",
        "한빛모빌리티 공장 효과…울산 부품업계 전동화 전환 속도",
    ]
    d.p(
        w.s("{co|의} 전기차 전용 공장이 들어서는 {ulsan} 부품업계가 분주해졌다."),
        w.s("지역 협력사 {f}이 새 공장에 부품을 대기 위해 설비 투자를 서두르고 있다.", f=firms),
    )
    d.p(
        "내연기관 부품을 만들어 온 업체들에게는 전동화 전환의 기회다.",
        "다만 전기차 부품은 설비 투자 부담이 큰 데다 수요가 예상보다 더디게 늘고 있어 걱정하는 목소리도 적지 않다.",
    )
    d.p(
        w.say(
            Anon("대표", label="울산의 한 부품업체"), ["새 물량을 받으려면 설비를 바꿔야 하는데 자금 마련이 쉽지 않다"]
        )
    )
    d.p(
        "{mayor|은} 협력사들의 설비 전환을 돕기 위해 저금리 융자와 기술 지원 사업을 마련하겠다고 밝혔다.",
        "지역 대학과 손잡고 전기차 정비와 배터리 안전 인력을 키우는 과정도 새로 연다.",
    )
    d.p(
        w.say(
            "ceo",
            ["협력사와 함께 성장하지 못하면 공장도 제대로 돌아갈 수 없다"],
            verb="말했다",
            lead="최근 협력사 간담회에서",
        )
    )
    d.pool(POOLS["ev_plant"], 2, 3)
    return Parts("산업", titles, [], d.blocks, d.captions, ["전기차", "협력사", "울산"])
