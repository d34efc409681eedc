"""Politics and society desk: the budget fight, the APEC trip, the college entrance exam, weather, city halls."""

from __future__ import annotations

from datetime import date

from .desk import Ctx, Parts
from .pools import POOLS
from .text import Anon, Draft, Writer


def _deg(t: int) -> str:
    return f"영하 {-t}" if t < 0 else str(t)


def suneung_pool(ctx: Ctx) -> str:
    exam = ctx.day("suneung")
    return "suneung" if ctx.today < exam else ("suneung_day" if ctx.today == exam else "suneung_after")


def budget(ctx: Ctx) -> Parts:
    w = Writer(
        ctx.rng,
        ctx.cast,
        ctx.today,
        {"min": "yoon_jaewon", "ruling": "ju_hangyeol", "opp": "byeon_siwoo", "cmte": "budget_cmte"},
    )
    d = Draft(w)
    total = ctx.fact("budget.total", ["748", "752", "761"], "run")
    deadline = date(ctx.year, 12, 2)
    left = (deadline - ctx.today).days
    titles = [
        f"예산 처리 시한 {left}일 앞…여야, AI·지역화폐 예산 놓고 ‘강대강’",
        f"{total}조 예산안 심사 난항…감액 규모 두고 여야 신경전",
        w.headline("{yoon_jaewon.nametitle} “민생 예산, 시한 내 처리해 달라”"),
    ]
    d.p(
        "{assembly} {cmte|가} 내년도 예산안 심사에 속도를 내고 있지만 여야가 쟁점 예산을 두고 팽팽히 맞서면서 "
        "법정 처리 시한을 지킬 수 있을지 불투명하다.",
    )
    d.p(
        w.s(
            "{cmte|는} {d} 예산안조정소위원회를 열고 정부가 제출한 {t}조 원 규모의 내년도 예산안 감액 심사를 이어갔다.",
            t=total,
        ),
        "여야는 인공지능(AI) 관련 사업 예산과 지역화폐 발행 지원 예산을 두고 정면으로 부딪쳤다.",
    )
    d.p(
        w.say(
            "ruling",
            ctx.sample(
                [
                    "AI 예산은 미래 먹거리를 위한 최소한의 투자",
                    "정부안에서 깎을 곳은 깎되 성장 동력 예산은 지켜야 한다",
                    "시한 안에 예산안을 처리하는 것이 국회의 의무",
                ],
                2,
            ),
            verb="말했다",
            lead="이날 회의에서",
        )
    )
    d.p(
        w.say(
            "opp",
            [
                ctx.pick(
                    [
                        "민생이 어려운데 정부는 보여 주기식 사업에만 돈을 쓰려 한다",
                        "지역화폐 예산을 전액 삭감한 것은 서민 경제를 외면한 처사",
                        "불요불급한 예산은 과감히 깎아 민생 예산으로 돌려야 한다",
                    ]
                )
            ],
            verb=ctx.pick(["반박했다", "맞섰다", "말했다"]),
        )
    )
    d.h("{moef.abbr}, 감액 최소화 요청…{assembly.name} 설득 총력")
    d.p(
        w.say(
            "min",
            ctx.sample(
                [
                    "재정 여력이 넉넉하지 않은 만큼 꼭 필요한 곳에 쓰도록 편성했다",
                    "민생과 직결된 예산은 시한 안에 처리될 수 있도록 협조해 달라",
                    "{assembly}에서 삭감된 예산이 현장에 미칠 영향을 꼼꼼히 살펴 달라",
                ],
                2,
            ),
            verb=ctx.pick(["말했다", "호소했다"]),
            lead=ctx.pick(["이날 전체회의에 출석해", "이날 기자들과 만나"]),
        )
    )
    d.p(
        w.s("내년도 예산안의 법정 처리 시한은 {when}이다.", when=w.when(deadline)),
        "여야 원내지도부는 소위 심사가 끝나는 대로 쟁점 예산을 일괄 협상할 계획이지만 입장 차가 커 올해도 시한을 "
        "넘길 것이라는 관측이 나온다.",
    )
    if ctx.chance(0.5):
        d.p(w.say(Anon("관계자", org="moef"), ["심사가 늦어지면 연초 집행에 차질이 생길 수밖에 없다"]))
    d.pool(POOLS["budget"], 2, 3)
    points = [
        w.headline("{budget_cmte.abbr} 소위, {t}조 예산안 감액 심사", t=total),
        "AI·지역화폐 예산 놓고 여야 충돌",
        w.headline("법정 처리 시한 {when}", when=w.when(deadline)),
    ]
    return Parts("정치", titles, points, d.blocks, d.captions, ["예산안", "예결위", "법정 시한"])


def apec(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"spox": "yeon_jihu", "fm": "namgung_seon", "vice": "park_seoyeon"})
    d = Draft(w)
    opening, closing = ctx.day("apec_open"), ctx.day("apec_close")
    if ctx.today < opening:
        titles = [
            w.headline("대통령, {when} APEC 출국…한중·한미 회담 추진", when=w.when(opening)),
            "APEC 앞두고 외교 일정 분주…공급망·통상 협력 의제로",
        ]
        d.p(
            w.s("대통령이 {o}부터 이틀간 {shenzhen}에서 열리는 {apec}에 참석한다.", o=w.when(opening)),
            "이번 순방에서는 주요국 정상과의 양자 회담도 추진된다.",
        )
        d.p(
            w.s("{spox|은} {d} 정례 브리핑에서 순방 일정을 발표했다."),
            w.say(
                "spox",
                [
                    ctx.pick(
                        [
                            "공급망 안정과 디지털 통상 분야에서 실질적인 협력 방안을 끌어내는 데 주력할 것",
                            "회원국 정상들과 인공지능(AI) 협력과 인구 구조 변화 대응을 논의할 예정",
                        ]
                    )
                ],
                verb="말했다",
            ),
        )
        d.p(
            "{china|과} 양자 회담은 막바지 조율 중이며 {usa|과} {japan} 정상과의 만남도 추진하고 있다고 설명했다.",
        )
    else:
        after = ctx.today > closing
        titles = [
            "APEC 정상회의 폐막…“공급망 협력 강화” 공동선언 채택"
            if after
            else "APEC 정상회의 개막…공급망·AI 협력 논의",
            w.headline("{namgung_seon.nametitle} “한중 회담서 교역 확대 공감대”"),
            "대통령, APEC서 잇단 양자회담…통상 현안 논의",
        ]
        d.p(
            w.s("{shenzhen}에서 열린 {apec|이} {c} 막을 내렸다.", c=w.when(closing))
            if after
            else w.s("{apec|이} {o} {shenzhen}에서 개막했다.", o=w.when(opening)),
            "회원국 정상들은 공급망 협력과 디지털 전환, 인구 구조 변화 대응을 주요 의제로 머리를 맞댔다.",
        )
        d.p(
            "대통령은 회의 기간 {china}, {japan} 정상과 잇따라 양자 회담을 하고 교역과 투자 확대 방안을 논의했다.",
            "통상 현안과 관련해 실무 협의체를 새로 만들기로 했다.",
        )
        d.p(
            w.say(
                "fm",
                ctx.sample(
                    [
                        "양국이 공급망 협력을 한 단계 높이자는 데 공감대를 이뤘다",
                        "구체적인 후속 조치는 실무 협의를 거쳐 연내에 내놓겠다",
                        "반도체와 배터리 핵심 광물 공급이 안정적으로 이뤄지도록 협의를 이어가기로 했다",
                    ],
                    2,
                ),
                verb="말했다",
                lead="현지 브리핑에서",
            )
        )
        d.h("경제사절단 동행…현지 투자 설명회")
        d.p(
            "이번 순방에는 {samsung}, {hyundai}, {nuri} 등 기업인들로 꾸려진 경제사절단이 동행했다.",
            "{vice|은} 현지에서 열린 투자 설명회를 주재하고 우리 기업의 진출 지원 방안을 설명했다.",
        )
    d.p(
        w.say(
            Anon("관계자", org="office"),
            [
                ctx.pick(
                    [
                        "이번 회의가 보호무역 흐름 속에서 다자 협력의 불씨를 살리는 계기가 되길 기대한다",
                        "정상 간 신뢰를 쌓는 것이 가장 큰 성과",
                    ]
                )
            ],
        )
    )
    d.pool(POOLS["apec_after" if ctx.today > opening else "apec"], 2, 3)
    points = [
        w.headline("{apec}, {shenzhen}서 이틀간 열려"),
        "공급망·디지털 통상 협력 논의",
        "주요국 정상과 양자회담 추진",
    ]
    return Parts("정치", titles, points, d.blocks, d.captions, ["APEC", "정상회담", "공급망"])


def suneung(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"min": "ryu_seonyoung", "head": "bang_jiho", "lab": "yeom_jiwoo"})
    d = Draft(w)
    exam = ctx.day("suneung")
    takers = ctx.fact("suneung.takers", ["54만4000여 명", "54만7000여 명"], "run")
    year = ctx.year + 1
    if ctx.today < exam:
        titles = [
            w.headline("수능 D-{n}…{c} 수험생 ‘마지막 점검’", n=str((exam - ctx.today).days), c=takers),
            "수능 당일 관공서 출근 늦추고 지하철 늘린다…듣기평가 땐 항공기 이착륙 통제",
        ]
        d.p(
            w.s("{suneung|이} {when} 전국 시험장에서 치러진다.", when=w.when(exam)),
            w.s("올해 지원자는 {c}으로 지난해보다 늘었다.", c=takers),
        )
        d.p(
            "수능 당일 관공서와 주요 기업의 출근 시간은 오전 10시로 1시간 늦춰진다.",
            "수도권 지하철과 시내버스는 수험생 등교 시간대에 집중 배차된다.",
        )
        d.p(
            "{police|은} 시험장 주변 교통을 관리하고 지각할 우려가 있는 수험생을 순찰차로 태워 주기로 했다.",
            "영어 듣기평가가 진행되는 시간에는 항공기 이착륙도 통제된다.",
        )
        d.p(
            w.say(
                "min",
                ctx.sample(
                    [
                        "수험생들이 그동안 준비한 실력을 마음껏 발휘할 수 있도록 빈틈없이 준비하겠다",
                        "감기 등 건강 관리에 각별히 유의해 달라",
                        "시험장 반입 금지 물품을 꼭 다시 확인해 달라",
                    ],
                    2,
                ),
                verb=ctx.pick(["당부했다", "말했다"]),
            )
        )
        d.h("휴대전화 반입 땐 무효 처리")
        d.p(
            "시험장에는 휴대전화와 스마트워치 등 전자기기를 가져갈 수 없다.",
            "1교시 시작 전 감독관에게 제출하지 않으면 소지만으로도 부정행위로 처리된다.",
        )
    elif ctx.today == exam:
        titles = [
            f"{year}학년도 수능 시작…{takers} 응시",
            w.headline("{bang_jiho.nametitle} “작년 수준 난이도…EBS 연계 체감도 높였다”"),
            "수능 국어 ‘평이’ 수학 ‘변별력 유지’…출제 경향은",
        ]
        d.p(
            w.s("{suneung|이} {d} 오전 8시 40분 전국 시험장에서 일제히 시작됐다."),
            w.s("지원자는 {c}이다.", c=takers),
        )
        d.p(
            "수험생들은 이른 아침부터 가족과 선후배의 응원을 받으며 시험장으로 들어섰다.",
            "일부 시험장 앞에서는 교사와 후배들이 따뜻한 차를 나눠 주며 선배들을 격려했다.",
        )
        d.p(
            w.s("{kice|은} 이날 {sejong_gov}에서 출제 방향 브리핑을 열었다."),
            w.say(
                "head",
                ctx.sample(
                    [
                        "지난해 수능 수준으로 출제해 학교 수업을 충실히 받은 학생이라면 풀 수 있게 했다",
                        "이른바 ‘킬러 문항’은 배제하되 변별력은 갖추도록 했다",
                        "{ebs} 교재와의 연계는 체감도를 높이는 방향으로 했다",
                    ],
                    2,
                ),
                verb="설명했다",
            ),
        )
        d.h("1교시 국어 ‘무난’…입시업계 분석")
        d.p(
            w.say(
                "lab",
                [
                    ctx.pick(
                        [
                            "국어는 지난해보다 다소 쉬웠지만 독서 지문 일부가 까다로웠다",
                            "상위권에서는 수학이 당락을 가를 가능성이 크다",
                        ]
                    )
                ],
                verb="분석했다",
            )
        )
        d.p(
            "시험은 오후 5시 45분께 5교시 제2외국어·한문 영역을 끝으로 마무리된다.",
            w.s(
                "이날 아침 기온이 크게 떨어지면서 {seoul}의 최저기온은 영하 {t}도를 기록했다.",
                t=ctx.fact("weather.exam_low", ["2", "3", "4"], "run"),
            ),
        )
    else:
        titles = [
            "수능 끝, 가채점 결과는…“수학이 당락 가를 듯”",
            "수능 이의신청 접수…정답 확정은 다음 주",
            "수능 마친 수험생들 ‘숨 고르기’…수시 면접·논술 일정 돌입",
        ]
        d.p(
            w.s(
                "{suneung|이} {when} 끝나면서 수험생들은 가채점 결과를 토대로 본격적인 입시 전략 짜기에 들어갔다.",
                when=w.when(exam),
            ),
        )
        d.p(
            w.s(
                "{kice|은} 문제와 정답에 대한 이의신청을 받고 있으며 최종 정답은 {when} 발표한다.",
                when=w.when(date.fromordinal(exam.toordinal() + 6)),
            ),
            "성적은 다음 달 초 수험생에게 통지된다.",
        )
        d.p(
            w.say(
                "lab",
                ctx.sample(
                    [
                        "가채점 결과 수학 영역의 1등급 구분 점수가 지난해보다 다소 낮아질 것으로 보인다",
                        "수시 모집의 수능 최저학력기준을 맞췄는지부터 확인하는 것이 중요하다",
                        "정시 지원을 고민한다면 대학별 영역 반영 비율을 꼼꼼히 따져 봐야 한다",
                    ],
                    2,
                ),
                verb="조언했다",
            )
        )
        d.p(
            "이번 주말부터는 주요 대학의 수시 논술과 면접이 잇따라 열린다.",
            "{moe|는} 수능 이후 고3 교실의 학사 운영이 느슨해지지 않도록 각 학교에 체험 활동 프로그램을 안내했다.",
        )
    d.pool(POOLS[suneung_pool(ctx)], 2, 3)
    points = [
        w.headline("{suneung.bare} 지원자 {c}", c=takers),
        "관공서 출근 1시간 늦추고 대중교통 증편",
        "휴대전화 소지만으로도 부정행위",
    ]
    return Parts("사회", titles, points, d.blocks, d.captions, ["수능", "수험생", "입시"])


def weather(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"fc": "kim_narae"})
    d = Draft(w)
    cold = abs(ctx.until("suneung")) <= 1 or ctx.k >= 7
    facts = ctx.facts("weather")
    low = facts.randint(-6, -1) if cold else facts.randint(1, 7)
    high = low + facts.randint(6, 10)
    cities = ctx.sample(["daejeon", "gwangju", "daegu", "busan", "incheon"], 3)
    lows = sorted(facts.randint(low - 3, low + 6) for _ in cities)
    wd = ctx.weekday(ctx.today)
    if cold:
        titles = [
            f"아침 기온 영하 {abs(low)}도 ‘뚝’…올가을 들어 가장 추워" if low < 0 else "아침 쌀쌀…일교차 10도 안팎",
            "강원 산지 첫눈…내일 아침 서울 체감온도 영하권",
            "한파특보 속 출근길 ‘꽁꽁’…낮에도 찬 바람",
        ]
        d.p(
            w.s("{d}({wd}) 아침 기온이 크게 떨어지면서 전국 곳곳이 올가을 들어 가장 추운 날씨를 보였다.", wd=wd),
            w.s(
                "{kma}에 따르면 이날 아침 {seoul}의 최저기온은 {l}도로 평년보다 {g}도가량 낮았다.",
                l=_deg(low),
                g=ctx.fact("weather.gap", ["4", "5", "6"]),
            ),
        )
        d.p(
            w.s(
                "주요 도시의 아침 기온은 {a} {x}도, {b} {y}도, {c} {z}도 등이었다.",
                a=cities[0],
                x=_deg(lows[0]),
                b=cities[1],
                y=_deg(lows[1]),
                c=cities[2],
                z=_deg(lows[2]),
            ),
            "바람까지 강하게 불면서 체감온도는 이보다 3∼5도 더 낮았다.",
        )
        d.h("{gangwon.bare} 산지엔 첫눈…빙판길 주의")
        d.p(
            "{gangwon} 산지에는 밤사이 첫눈이 내려 1∼3㎝가량 쌓였다.",
            "일부 산간 도로에서는 차량 운행이 통제되기도 했다.",
        )
    else:
        titles = [
            "낮 기온 오르며 포근…일교차 커 건강 관리 유의",
            "전국 대체로 맑음…중서부 미세먼지 ‘나쁨’",
            f"{ctx.today.month}월 중순 날씨 변덕…주말엔 비 소식",
        ]
        d.p(
            w.s("{d}({wd})은 전국이 대체로 맑은 가운데 낮 기온이 평년보다 조금 높겠다.", wd=wd),
            w.s(
                "{kma}에 따르면 이날 아침 최저기온은 {l}∼{h}도, 낮 최고기온은 {h2}∼{h3}도로 예보됐다.",
                l=_deg(low - 3),
                h=str(low + 5),
                h2=str(high - 2),
                h3=str(high + 4),
            ),
        )
        d.p(
            "낮과 밤의 기온 차가 10도 이상 벌어지는 곳이 많아 건강 관리에 유의해야 한다.",
            w.s("{seoul|과} {incheon} 등 중서부 지역은 대기가 정체되면서 미세먼지 농도가 ‘나쁨’ 수준을 보이겠다."),
        )
        d.h("주말 전국에 비…그친 뒤 기온 ‘뚝’")
        d.p(
            "주말에는 서쪽에서 다가오는 기압골의 영향으로 전국에 비가 내리겠다.",
            w.s("{jeju}에는 최대 {mm}㎜ 이상의 많은 비가 예상된다.", mm=ctx.fact("weather.rain", ["40", "60", "80"])),
        )
    d.p(
        w.say(
            "fc",
            ctx.sample(
                [
                    "다음 주 초까지 기온이 평년보다 낮은 날이 이어지겠다",
                    "비가 그친 뒤에는 찬 공기가 내려오며 기온이 큰 폭으로 떨어질 것",
                    "출근길 빙판길과 도로 살얼음에 각별히 주의해야 한다",
                ],
                ctx.pick([1, 2]),
            ),
            verb="말했다",
        )
    )
    d.p(
        w.s(
            "바다의 물결은 {jeju} 해상과 {donghae} 먼바다에서 최대 {m}m로 높게 일겠다.",
            m=ctx.fact("weather.waves", ["3.0", "3.5", "4.0"]),
        ),
    )
    d.pool(POOLS["weather" if cold else "weather_mild"], 2, 3)
    points = [
        w.headline("{seoul} 아침 {l}도…일교차 커", l=_deg(low)),
        "강원 산지 눈·비",
        "주말 비 그친 뒤 쌀쌀",
    ]
    return Parts("전국", titles, points, d.blocks, d.captions, ["날씨", "기온", "한파"])


def city_hall(ctx: Ctx) -> Parts:
    if ctx.chance(0.55):
        w = Writer(ctx.rng, ctx.cast, ctx.today, {"mayor": "go_eunseong", "city": "seoul_city"})
        d = Draft(w)
        shelters = ctx.fact("seoul.shelters", ["1200", "1350", "1480"], "run")
        titles = [
            f"서울시, 겨울철 종합대책 가동…한파 쉼터 {shelters}곳 운영",
            w.headline("{go_eunseong.nametitle} “취약계층 겨울나기, 촘촘하게 챙기겠다”"),
        ]
        d.p(
            w.s("{city|가} {d}부터 내년 3월 15일까지 겨울철 종합대책을 가동한다고 밝혔다."),
            w.s("한파와 폭설에 대비해 경로당과 주민센터 등 {n}곳을 한파 쉼터로 운영한다.", n=shelters),
        )
        d.p(
            "홀로 사는 어르신과 쪽방촌 주민 등 취약계층에는 난방비와 방한용품을 지원한다.",
            "노숙인 밀집 지역에는 순찰 인력을 늘려 야간 응급 상황에 대비하기로 했다.",
        )
        d.p(
            w.say(
                "mayor",
                ctx.sample(
                    [
                        "겨울이 가장 혹독한 이웃부터 먼저 살피는 것이 시정의 기본",
                        "폭설이 내리면 출근 시간 전에 주요 도로 제설을 마치겠다",
                        "시민 한 분 한 분이 안전하게 겨울을 나도록 빈틈없이 준비하겠다",
                    ],
                    2,
                ),
                verb="말했다",
            )
        )
        d.h("제설 장비 확충…이면도로엔 ‘스마트 열선’")
        d.p(
            w.s(
                "제설 대책도 강화한다. 제설 차량을 {n}대 늘리고 경사가 급한 이면도로에는 도로 열선을 추가로 설치한다.",
                n=ctx.fact("seoul.plows", ["40", "55", "62"], "run"),
            ),
        )
        d.p("{city|는} 폭설 예보가 나오면 {police|과} 함께 출퇴근 시간대 교통 통제 계획도 미리 알리기로 했다.")
        d.pool(POOLS["city_seoul"], 2, 3)
        section = "전국"
        kw = ["겨울철 대책", "한파 쉼터", "제설"]
        event = "city_hall/seoul_winter"
        points = ["한파 쉼터·난방비 지원 확대", "제설 차량 늘리고 도로 열선 설치", "폭설 땐 교통 통제 미리 공지"]
    else:
        w = Writer(ctx.rng, ctx.cast, ctx.today, {"mayor": "ha_yoonseul", "city": "busan_city"})
        d = Draft(w)
        visitors = ctx.fact("busan.visitors", ["80만 명", "100만 명", "95만 명"], "run")
        titles = [
            "부산 불꽃축제 이번 주말 광안리서…안전 인력 역대 최대",
            w.headline("{ha_yoonseul.nametitle} “관광객 {v} 맞을 준비 끝”", v=visitors),
        ]
        d.p(
            "{busan} {gwangalli} 해수욕장 일대에서 이번 주말 대규모 불꽃축제가 열린다.",
            w.s("{city|는} 관람객이 {v}에 이를 것으로 보고 안전 관리 인력을 역대 가장 많이 배치한다.", v=visitors),
        )
        d.p(
            "행사장 주변 도로는 축제 당일 오후부터 밤늦게까지 차량 통행이 통제된다.",
            "도시철도는 운행 횟수를 늘리고 일부 역은 혼잡할 경우 무정차 통과한다.",
        )
        d.p(
            w.say(
                "mayor",
                ctx.sample(
                    [
                        "무엇보다 관람객 안전을 최우선으로 두고 준비했다",
                        "부산을 찾는 관광객들이 다시 오고 싶은 도시로 기억하도록 하겠다",
                    ],
                    2,
                ),
                verb="말했다",
            )
        )
        d.p(
            w.s("{city|는} 축제 기간 숙박업소의 바가지요금을 막기 위해 현장 점검반도 운영한다."),
            "적발되면 관련 법에 따라 행정처분을 내린다.",
        )
        d.pool(POOLS["city_busan"], 2, 3)
        section = "전국"
        kw = ["불꽃축제", "안전", "관광"]
        event = "city_hall/busan_fireworks"
        points = ["광안리 일대 대규모 불꽃축제", "안전 인력 역대 최대 배치", "도시철도 증편·도로 통제"]
    return Parts(section, titles, points, d.blocks, d.captions, kw, event=event)
