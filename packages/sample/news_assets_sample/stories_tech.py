"""IT desk: a home-robot launch, the government's AI strategy talks, the game show in Busan."""

from __future__ import annotations

from .desk import Ctx, Parts
from .pools import POOLS
from .text import Anon, Draft, Writer


def nuribot(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"co": "nuri", "ceo": "han_doyun", "cto": "jung_yuha"})
    d = Draft(w)
    launch_day = ctx.day("nuribot_launch")
    launch = ctx.until("nuribot_launch")
    price = ctx.fact("nuribot.price", ["189만 원", "199만 원", "179만 원"], "run")
    langs = ctx.fact("nuribot.langs", ["12", "15", "20"], "run")
    pre = ctx.fact("nuribot.pre", ["2만3000대", "3만1000대", "1만8000대", "4만2000대"])
    rival = ctx.sample(["samsung", "lg"], 2)

    if launch > 0:
        titles = [
            w.headline("누리전자 ‘누리봇 2’ {when} 공개…가정용 AI 로봇 경쟁 막 오른다", when=w.when(launch_day)),
            w.headline("{han_doyun.nametitle}, {when} 신제품 발표…‘누리봇 2’ 베일 벗는다", when=w.when(launch_day)),
        ]
        d.p(
            w.s("{co|가} {when} 가정용 인공지능(AI) 로봇 {nuribot2|를} 공개한다.", when=w.when(launch_day)),
            "전작이 나온 지 2년 만의 후속작으로, 업계에서는 가정용 로봇이 대중화될 수 있을지 가늠할 시험대가 될 것이라는 관측이 나온다.",
        )
        d.p(
            "{co|는} {pangyo} 본사에서 신제품 발표회를 열고 제품 사양과 가격, 해외 출시 일정을 공개할 예정이다.",
            "발표는 {ceo|가} 직접 맡는다.",
        )
        d.p(
            ctx.pick(
                [
                    "회사 안팎에서는 출고가를 200만 원 아래로 맞췄을지가 가장 큰 관심사다.",
                    "지난해 전작의 판매량이 기대에 못 미쳤던 만큼 이번 제품에 거는 회사의 기대는 크다.",
                ]
            )
        )
    else:
        if launch == 0:
            titles = [
                "누리전자, 가정용 AI 로봇 ‘누리봇 2’ 공개…“집안일 절반 덜어준다”",
                "‘누리봇 2’ 베일 벗었다…누리전자, 내년 미국 출시 목표",
                "한도윤 누리전자 대표 “‘누리봇 2’로 가정용 로봇 대중화 앞당길 것”",
            ]
            d.p(
                "{co|가} 대화형 인공지능(AI)을 탑재한 가정용 로봇 {nuribot2|를} 공개했다.",
                "사람의 말을 알아듣고 집 안의 물건을 스스로 정리하는 기능을 갖춘 것이 특징이다.",
            )
            d.p(
                "{co|는} {d} {pangyo} 본사에서 신제품 발표회를 열고 {nuribot2|와} 보급형 모델 {nuribot_mini|를} "
                "비롯한 로봇 제품군과 향후 사업 전략을 소개했다."
            )
        else:
            titles = [
                f"‘누리봇 2’ 사전 예약 {pre} 돌파…누리전자 “생산 물량 늘린다”",
                "누리전자 ‘누리봇 2’ 흥행 조짐…가정용 로봇 시장 판 커진다",
            ]
            d.p(
                w.s("{co|의} 가정용 인공지능(AI) 로봇 {nuribot2|가} 사전 예약 {pre|를} 넘어섰다.", pre=pre),
                w.s(
                    "{co|는} {d} 이 같은 집계 결과를 공개하고 연말까지 생산 물량을 애초 계획보다 늘리기로 했다고 밝혔다."
                ),
            )
            d.p(
                w.s(
                    ctx.pick(
                        [
                            "제품은 {launch} {pangyo} 본사에서 열린 발표회에서 처음 공개됐다.",
                            "{nuribot2|는} {launch} 공개된 뒤 온라인 커뮤니티를 중심으로 입소문을 타며 관심을 모았다.",
                        ]
                    ),
                    launch=w.when(launch_day),
                )
            )
        d.p(
            w.say(
                "ceo",
                ctx.sample(
                    [
                        "{nuribot2|는} 단순히 명령을 수행하는 기계가 아니라 가족의 생활 습관을 배우는 동반자",
                        "가정용 로봇이 청소기처럼 어느 집에나 한 대씩 있는 시대를 앞당기겠다",
                        "고객이 매일 쓰고 싶은 로봇을 만드는 데 모든 역량을 집중했다",
                        "내년에는 해외 매출 비중을 30% 이상으로 끌어올리는 것이 목표",
                    ],
                    2,
                ),
                verb=ctx.pick(["강조했다", "말했다", "밝혔다"]),
                lead=ctx.pick(["이날", "이날 발표회에서", ""]),
            )
        )
        d.p(
            w.s(
                "{nuribot2|는} 카메라와 라이다 센서 {n}개를 달아 집 안 구조를 스스로 익힌다.",
                n=ctx.fact("nuribot.sensors", ["4", "6"], "run"),
            ),
            "사용자가 ‘거실 좀 정리해 줘’라고 말하면 바닥에 놓인 물건을 알아보고 제자리에 옮겨 놓는 식이다.",
            w.s(
                "한 번 충전으로 최대 {h}시간 움직이며 한국어와 영어 등 {l}개 언어를 알아듣는다.",
                h=ctx.fact("nuribot.hours", ["6", "8", "10"], "run"),
                l=langs,
            ),
        )
        d.h(ctx.pick([f"출고가 {price}…내년 상반기 {{usa.bare}} 출시", "‘온디바이스 AI’로 사생활 보호 강화"]))
        d.p(
            w.s("출고가는 {price}으로 정해졌다.", price=price),
            ctx.pick(
                [
                    "보급형인 {nuribot_mini|는} 이보다 60만 원가량 싸게 나온다.",
                    "{co|는} 통신사와 손잡고 월 구독 상품도 함께 내놓기로 했다.",
                ]
            ),
        )
        d.p(
            w.say(
                "cto",
                ctx.sample(
                    [
                        "자체 개발한 소형 언어모델을 로봇 안에서 직접 돌려 인터넷 연결이 끊겨도 기본 기능을 쓸 수 있다",
                        "사생활 보호를 위해 카메라 영상은 기기 밖으로 내보내지 않도록 설계했다",
                        "반려동물과 어린아이를 구별해 움직이는 속도를 스스로 조절한다",
                    ],
                    ctx.pick([1, 2]),
                ),
                verb="설명했다",
            )
        )
    d.p("{co|는} 내년 1월 {usa} {lasvegas}에서 열리는 {ces}에 {nuribot2|를} 내놓고 북미 시장 공략에 나선다.")
    d.p(
        "업계에서는 가정용 로봇 시장이 본격적인 성장기에 들어섰다는 평가가 나온다.",
        w.s(
            "{a|와} {b}도 내년 중 가정용 로봇 신제품을 선보일 것으로 알려지면서 경쟁은 한층 치열해질 전망이다.",
            a=rival[0],
            b=rival[1],
        ),
    )
    if ctx.chance(0.8):
        d.p(
            w.say(
                "kwon_doha",
                [
                    ctx.pick(
                        [
                            "가격 경쟁력과 실제 사용 편의성이 초기 흥행을 가를 것",
                            "{co.name|가} 국내에서 쌓은 사용 데이터가 해외 경쟁사와 차별화되는 지점이 될 수 있다",
                            "가정용 로봇은 아직 초기 시장이라 누가 먼저 생활 속 쓰임새를 증명하느냐가 관건",
                        ]
                    )
                ],
                verb=ctx.pick(["내다봤다", "말했다", "분석했다"]),
            )
        )
    if launch <= 0 and ctx.chance(0.5):
        d.p(w.s("이날 {co|의} 주가는 전 거래일보다 {x}% 오른 채 장을 마쳤다.", x=ctx.fact_num("nuri.stock", 1.5, 9.8)))
    if launch <= 0:
        d.caption(
            "{han_doyun.nametitle|이} {when} {pangyo} 본사에서 열린 신제품 발표회에서 {nuribot2|를} 소개하고 있다. "
            "(사진제공={nuri.name})",
            when=w.when(launch_day),
        )
    d.pool(POOLS["nuribot"] + (POOLS["nuribot_after"] if launch <= 0 else []), 2, 3)
    points = [
        w.headline("{nuri}, 가정용 AI 로봇 ‘누리봇 2’ 공개"),
        w.headline("출고가 {p}…한국어 등 {l}개 언어 지원", p=price, l=langs),
        w.headline("{ces}서 북미 시장 공략 예고"),
    ]
    return Parts("IT·과학", titles, points, d.blocks, d.captions, ["누리봇", "가정용 로봇", "AI"])


def ai_policy(ctx: Ctx) -> Parts:
    guests = ctx.sample(["han_doyun", "moon_taeho", "na_yujin", "baek_seunghyun", "yeo_minho"], 3)
    place = ctx.fact("ai.place", ["yeouido", "gwanghwamun"], "run")
    w = Writer(
        ctx.rng,
        ctx.cast,
        ctx.today,
        {"min": "seo_minjae", "g1": guests[0], "g2": guests[1], "g3": guests[2], "place": place},
    )
    d = Draft(w)
    meeting_day = ctx.day("ai_meeting")
    nth = ctx.fact("ai.nth", ["6", "7"], "run")
    crowd = ctx.fact("ai.crowd", ["20여 명", "30여 명", "25명 안팎"], "run")
    if ctx.today < meeting_day:
        titles = [
            w.headline("정부·빅테크 {when} 한자리에…AI 전략대화 앞두고 ‘지원 요청’ 봇물", when=w.when(meeting_day)),
            "과기정통부 AI 전략대화 앞두고 업계 “GPU·전력 인프라부터”",
        ]
        d.p(
            w.s(
                "{msit|는} {when} {place}에서 ‘제{n}차 인공지능(AI) 최고위 전략대화’를 연다고 밝혔다.",
                when=w.when(meeting_day),
                n=nth,
            ),
            w.s("민간 기업 대표와 정부 관계자 {c}이 참석해 내년 AI 정책 방향을 논의한다.", c=crowd),
        )
        d.p(
            "업계는 이번 회의에서 그래픽처리장치(GPU) 확보와 데이터센터 전력 문제를 집중적으로 건의할 것으로 알려졌다.",
            "국내 기업들의 설비 투자 여력이 해외 빅테크와 비교해 크게 부족하다는 이유에서다.",
        )
        d.p(
            w.say(
                Anon("관계자", label="한 플랫폼 기업"),
                [
                    ctx.pick(
                        [
                            "모델을 만드는 기술보다 그 모델을 돌릴 설비가 더 급한 상황",
                            "정부가 공공 데이터센터를 빨리 열어 줘야 중소기업도 버틸 수 있다",
                        ]
                    )
                ],
            )
        )
        d.p(
            "{min|은} 최근 {assembly}에서 내년 AI 컴퓨팅 인프라 예산을 늘리겠다는 뜻을 밝힌 바 있다.",
            "정부는 회의 결과를 토대로 다음 달 ‘AI 인프라 확충 방안’을 내놓을 계획이다.",
        )
    else:
        titles = [
            "기업 수장들 한자리에…“AI 인프라, 정부가 함께 깔아 달라”",
            w.headline("{msit.abbr}, AI 최고위 전략대화 개최…빅테크 “GPU·데이터 지원 절실”"),
            w.headline("{seo_minjae.nametitle} “AI 일상화 시대, 국가 역량 총결집해야”"),
        ]
        d.p(
            "정부와 국내 주요 정보기술(IT) 기업 대표들이 인공지능(AI) 경쟁력 강화를 위해 머리를 맞댔다.",
            "기업들은 연산 설비와 데이터 확보에 정부가 적극 나서 달라고 한목소리로 요청했다.",
        )
        d.p(
            w.s(
                "{msit|는} {when} {place}에서 ‘제{n}차 인공지능(AI) 최고위 전략대화’를 열고 내년 AI 정책 방향을 논의했다.",
                when=w.when(meeting_day),
                n=nth,
            )
        )
        d.p(w.s("이날 회의에는 {min|을} 비롯해 {g1}, {g2}, {g3} 등 민·관 {c}이 참석했다.", c=crowd))
        d.p(
            w.say(
                "min",
                ctx.sample(
                    [
                        "AI가 언제 어디서나 일상에 함께하는 시대가 이미 열렸다",
                        "주요국은 기업과 정부가 한 몸이 돼 인프라와 인재에 투자하고 있다",
                        "우리도 뒤처지지 않으려면 국가 역량을 한데 모아야 한다",
                        "내년 예산에서 AI 컴퓨팅 인프라 투자를 최우선 순위에 두겠다",
                    ],
                    2,
                ),
                verb=ctx.pick(["강조했다", "말했다"]),
                lead="모두발언에서",
            )
        )
        d.h(ctx.pick(["GPU·전력 확보가 생존 문제", "빅테크 수장들, 잇따라 지원 요청"]))
        d.p(
            w.say(
                "g1",
                ctx.sample(
                    [
                        "해외 빅테크와 비교하면 투자 규모가 수십 배 차이 나는 게 현실",
                        "연산 설비를 사는 데만 해마다 수천억 원이 들어가는 상황",
                        "국내에서 키운 AI 모델이 해외 시장에서도 통할 수 있도록 길을 열어 달라",
                    ],
                    2,
                ),
                verb=ctx.pick(["말했다", "강조했다"]),
            )
        )
        d.p(w.say("g1", ["정부의 실질적인 지원이 있어야 글로벌 경쟁에서 버틸 수 있다"], verb="덧붙였다"))
        d.p(
            w.say(
                "g2",
                [
                    ctx.pick(
                        [
                            "데이터센터를 새로 짓고 싶어도 전력을 끌어오기가 가장 어렵다",
                            "공공 데이터를 AI 학습에 쓸 수 있도록 제도를 정비해 줬으면 한다",
                            "AI 윤리와 안전 기준도 산업계와 함께 만들어 가야 한다",
                        ]
                    )
                ],
                verb=ctx.pick(["말했다", "토로했다"]),
            )
        )
        d.p("{g3|는} 이 자리에서 자사의 AI 서비스 적용 사례를 소개하며 중소기업과의 협력 확대 방안을 제시했다.")
        d.p(
            "{msit|는} 이날 나온 건의 사항을 검토해 다음 달 발표할 ‘AI 인프라 확충 방안’에 반영할 계획이다.",
            "{nipa|는} 중소기업의 GPU 이용료를 지원하는 사업을 내년 상반기부터 늘리기로 했다.",
        )
        d.caption(
            "{seo_minjae.nametitle}(가운데)과 기업 대표들이 {when} {place}에서 열린 ‘AI 최고위 전략대화’에서 "
            "기념촬영을 하고 있다. (사진제공={msit.name})",
            when=w.when(meeting_day),
        )
    if ctx.chance(0.5):
        d.p("앞서 정부는 내년 1월 {usa} {lasvegas}에서 열리는 {ces}에 국내 AI 기업 공동관을 꾸리겠다고 밝혔다.")
    d.pool(POOLS["ai_policy"], 2, 3)
    points = [
        w.headline("{msit.abbr}, ‘AI 최고위 전략대화’ 개최"),
        "민·관 대표 한자리에…“AI 인프라 확충 시급”",
        "GPU·전력·데이터 지원 요청 잇따라",
    ]
    return Parts("IT·과학", titles, points, d.blocks, d.captions, ["AI", "GPU", "데이터센터"])


def gstar(ctx: Ctx) -> Parts:
    opening, closing = ctx.day("gstar_open"), ctx.day("gstar_close")
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"ceo": "shin_yerin", "ceo2": "gu_taeyang", "head": "jang_seohu"})
    d = Draft(w)
    visitors = ctx.fact("gstar.visitors", ["18만 명", "20만 명", "21만 명", "19만 명"], "run")
    booths = ctx.fact("gstar.booths", ["3000", "3200", "3300"], "run")
    countries = ctx.fact("gstar.countries", ["40", "44", "42"], "run")
    if ctx.today > closing:
        titles = [
            f"지스타 {ctx.year} 폐막…관람객 {visitors} 몰려 ‘역대 최대’",
            "나흘간의 게임 축제 막 내려…‘별빛 크로니클’ 시연에 긴 줄",
        ]
        d.p(
            w.s("국내 최대 게임 전시회 {gstar|가} 나흘간의 일정을 마치고 {when} 막을 내렸다.", when=w.when(closing)),
            w.s("주최 측 집계로 누적 관람객은 {v}으로 지난해보다 늘었다.", v=visitors),
        )
        d.p(
            "행사 기간 큰 안전사고는 없었다.",
            "주최 측은 관람객이 몰린 주말에 입장 시간을 나눠 운영한 것이 효과를 봤다고 설명했다.",
        )
    else:
        titles = [
            w.headline("{gstar} {bexco}서 개막…{c}개국 {b}개 부스 ‘역대 최대’", c=countries, b=booths),
            "별빛게임즈 ‘별빛 크로니클’ 첫 시연…지스타 관람객 발길 몰려",
            w.headline("{shin_yerin.nametitle} “‘별빛 크로니클’로 글로벌 시장 정면 승부”"),
        ]
        d.p(
            w.s("국내 최대 게임 전시회 {gstar|가} {when} {bexco}에서 개막했다.", when=w.when(opening)),
            w.s("올해 행사에는 {c}개국 게임사가 참가해 {b}개 부스를 꾸렸다.", c=countries, b=booths),
        )
        since = (ctx.today - opening).days
        if since >= 1:
            d.p(
                w.s(
                    "개막 {n}일째인 {dd}에도 전시장 입구에는 아침부터 관람객 줄이 길게 늘어섰다.",
                    n=str(since + 1),
                    dd=w.d,
                )
            )
    d.p(
        "가장 많은 관심을 받은 곳은 {byeolbit|의} 부스였다.",
        "{byeolbit|는} 내년 출시 예정인 대규모 다중접속 역할수행게임(MMORPG) {chronicle|를} 처음으로 시연했다.",
    )
    d.p(
        w.say(
            "ceo",
            ctx.sample(
                [
                    "개발 기간만 5년을 들인 작품으로 처음부터 전 세계 이용자를 겨냥했다",
                    "PC와 모바일, 콘솔에서 같은 세계를 함께 즐길 수 있게 만드는 것이 목표",
                    "현장에서 받은 의견을 바로 개발에 반영하겠다",
                ],
                2,
            ),
            verb=ctx.pick(["말했다", "강조했다"]),
        )
    )
    d.h("{gureum.name}·대형 게임사도 신작 공세")
    d.p(
        "{gureum|는} 인기 지식재산권(IP)을 활용한 신작 {gureum_legend|를} 앞세웠다.",
        w.say(
            "ceo2",
            [
                ctx.pick(
                    [
                        "원작 팬들이 기대하는 손맛을 그대로 살리는 데 집중했다",
                        "내년 상반기 {japan}과 {sea} 시장에 먼저 선보일 계획",
                    ]
                )
            ],
            verb="말했다",
        ),
    )
    d.p(
        "올해 전시장에서는 생성형 인공지능(AI)을 활용한 게임 제작 도구와 대화형 캐릭터도 눈길을 끌었다.",
        "관람객이 말을 걸면 캐릭터가 상황에 맞는 대답을 내놓는 식이다.",
    )
    d.p(
        w.say(
            "head",
            [
                ctx.pick(
                    [
                        "게임 산업이 수출 효자 산업이라는 점을 다시 확인한 자리",
                        "업계가 어려운 시기를 지나고 있지만 새로운 시도가 많아 희망을 봤다",
                    ]
                )
            ],
            verb="말했다",
        )
    )
    if ctx.chance(0.6):
        d.p("{busan_city|는} 행사 기간 {bexco} 일대에 임시 셔틀버스를 늘려 운행하고 주변 교통을 통제했다.")
    d.caption("{gstar|를} 찾은 관람객들이 {bexco} 전시장에서 {chronicle|를} 체험하고 있다. (사진=공동취재단)")
    d.pool(POOLS["gstar"], 2, 3)
    points = [
        w.headline("{gstar}, {bexco}서 나흘간 열려"),
        w.headline("{byeolbit.name} ‘별빛 크로니클’ 첫 공개"),
        "생성형 AI 활용한 게임 제작 도구도 관심",
    ]
    return Parts("IT·과학", titles, points, d.blocks, d.captions, ["지스타", "게임", "신작"])


def robot_lab(ctx: Ctx) -> Parts:
    """A university lab's robot, by a professor who shares his name with 누리전자's CEO (`corpus.NAMESAKE_DAY`)."""
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"prof": "han_doyun_prof", "univ": "garam_univ"})
    d = Draft(w)
    floors = ctx.pick(["15층", "20층", "12층"])
    titles = [
        "가람대 연구팀, 계단 오르는 배송 로봇 개발…“엘리베이터 없는 건물도 간다”",
        f"한도윤 가람대 교수 “배송 로봇, {floors} 계단도 스스로 오른다”",
    ]
    d.p(
        w.s("{prof|이} 이끄는 연구팀이 바퀴와 다리를 함께 갖춘 배송 로봇을 개발했다고 {d} 밝혔다."),
        "로봇은 평지에서는 바퀴로 달리다가 계단을 만나면 다리를 펴 한 칸씩 오른다.",
    )
    d.p(
        w.s("연구팀은 {univ} 공학관 {f} 계단을 오르내리는 시험을 마쳤다.", f=floors),
        "무게 10kg짜리 상자를 싣고도 균형을 잃지 않았다는 설명이다.",
    )
    d.p(
        w.say(
            "prof",
            [
                ctx.pick(
                    [
                        "엘리베이터가 없는 오래된 건물에서도 문 앞까지 물건을 나를 수 있게 하는 것이 목표",
                        "택배 기사의 마지막 계단을 덜어주는 로봇이 되길 바란다",
                    ]
                )
            ],
            verb="말했다",
        )
    )
    d.p("연구팀은 내년 상반기 아파트 단지에서 실증 시험을 할 계획이다.")
    points = [w.headline("바퀴·다리 함께 갖춘 배송 로봇"), w.headline("내년 아파트 단지서 실증")]
    return Parts("IT·과학", titles, points, d.blocks, d.captions, ["배송 로봇", "계단", "연구팀"])
