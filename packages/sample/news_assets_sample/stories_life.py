"""Sports and culture desk: volleyball nights, a K-pop tour, a museum show, what people eat when it gets cold."""

from __future__ import annotations

import random

from .desk import Ctx, Parts
from .pools import POOLS
from .text import Anon, Draft, Writer

_TEAMS = {
    "team_thunders": ("no_haram", "bae_junseo", "suwon"),
    "team_racers": ("gi_seongmin", "yu_gangmin", "ulsan"),
    "team_bluewings": ("cha_museok", "seol_hajun", "incheon"),
    "team_hammers": ("ok_jaeha", "pi_donghyeok", "daejeon"),
}


def _sets(rng: random.Random, lost: int) -> tuple[list[str], int]:
    """Set scores for a win with `lost` sets dropped; the last set of five goes to 15."""
    order = ["W"] * 3 + ["L"] * lost
    rng.shuffle(order)
    if order[-1] == "L":
        order[-1], order[0] = order[0], order[-1]
        if order[-1] == "L":
            order = ["L"] * lost + ["W"] * 3
    scores = []
    for i, who in enumerate(order):
        top = 15 if i == 4 else 25
        other = rng.randint(top - 9, top - 2)
        if rng.random() < 0.2:
            top, other = top + 2, top
        scores.append(f"{top}-{other}" if who == "W" else f"{other}-{top}")
    return scores, lost


def volleyball(ctx: Ctx) -> Parts:
    # Two games a day; every outlet reporting one of them reports the same score.
    teams = list(_TEAMS)
    ctx.facts("vleague.fixtures").shuffle(teams)
    game = ctx.rng.randrange(2)
    home, away = teams[2 * game], teams[2 * game + 1]
    f = ctx.facts(f"vleague.game{game}")
    winner, loser = (home, away) if f.random() < 0.55 else (away, home)
    coach, star, _ = _TEAMS[winner]
    l_coach, _l_star, _ = _TEAMS[loser]
    arena = _TEAMS[home][2]
    w = Writer(
        ctx.rng,
        ctx.cast,
        ctx.today,
        {"win": winner, "lose": loser, "coach": coach, "star": star, "lcoach": l_coach, "arena": arena},
    )
    d = Draft(w)
    sets, lost = _sets(f, f.choice([0, 1, 1, 2]))
    score = f"3-{lost}"
    pts = f.randint(18, 34)
    streak = f.randint(2, 5)
    success, aces, total, rank, slump = (
        f.uniform(52, 64),
        f.randint(2, 5),
        f.randint(12, 24),
        f.randint(1, 3),
        f.randint(2, 4),
    )
    win_name, lose_name = ctx.cast[winner].abbr, ctx.cast[loser].abbr
    star_name = ctx.cast[star].name
    titles = [
        f"{win_name}, {lose_name} 꺾고 {streak}연승…{star_name} {pts}점 폭발",
        f"‘{star_name} {pts}점’ {win_name}, 세트 스코어 {score} 승리",
        f"{win_name} {streak}연승 질주…{star_name} 펄펄",
    ]
    d.p(
        w.s("{win|가} {lose|를} 꺾고 {n}연승을 달렸다.", n=str(streak)),
    )
    d.p(
        w.s(
            "{win.abbr|는} {d} {arena} 실내체육관에서 열린 프로배구 {vleague} 남자부 경기에서 {lose.abbr|에} "
            "세트 스코어 {score|으로} 이겼다.",
            score=f"{score}({' '.join(sets)})",
        )
    )
    d.p(
        w.s("{star.name|가} 양 팀 최다인 {p}점을 올리며 공격을 이끌었다.", p=str(pts)),
        w.s(
            "공격 성공률은 {x}%에 이르렀고 서브 득점도 {s}개를 보탰다.",
            x=round(success, 1),
            s=str(aces),
        ),
    )
    if lost:
        d.p(
            "경기 초반 흐름은 쉽지 않았다.",
            w.s("상대의 높은 블로킹에 막혀 한 세트를 내줬지만 이후 서브가 살아나면서 분위기를 바꿨다."),
        )
    else:
        d.p("경기 내내 서브와 블로킹에서 상대를 압도하며 단 한 세트도 내주지 않았다.")
    d.p(
        w.say(
            "coach",
            ctx.sample(
                [
                    "선수들이 어려운 순간에도 서로 믿고 버텨 준 덕분",
                    "서브 공략이 잘 통했고 리시브도 안정적이었다",
                    "아직 시즌 초반이라 들뜨지 않고 한 경기씩 집중하겠다",
                ],
                2,
            ),
            verb="말했다",
            lead="경기 뒤",
        )
    )
    d.p(
        w.say(
            "star",
            [
                ctx.pick(
                    [
                        "동료들이 좋은 공을 올려 줘서 마음 편하게 때릴 수 있었다",
                        "연승을 이어가서 기쁘지만 범실을 더 줄여야 한다",
                    ]
                )
            ],
            verb="말했다",
            subject=w.fill("{star.name|는}"),
        )
    )
    d.p(
        w.s(
            "이날 승리로 {win.abbr|는} 승점 {p}을 쌓으며 {r}위로 올라섰다.",
            p=str(total),
            r=str(rank),
        ),
        w.s("{lose.abbr|는} {n}연패에 빠졌다.", n=str(slump)),
    )
    if ctx.chance(0.5):
        d.p(w.say("lcoach", ["리시브가 흔들리면서 우리가 준비한 플레이를 하지 못했다"], verb="아쉬워했다"))
    d.caption("{star.name|가} {d} {arena} 실내체육관에서 열린 경기에서 강스파이크를 때리고 있다. (사진=연맹 제공)")
    d.pool(POOLS["volleyball"], 2, 3)
    points: list[str] = []
    event = f"volleyball/{ctx.today.isoformat()}/{home}-{away}"  # one game, one day
    return Parts("스포츠", titles, points, d.blocks, d.captions, ["프로배구", "연승", "V리그"], event=event)


def kpop(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"band": "luminous"})
    d = Draft(w)
    seats = ctx.fact("kpop.seats", ["2만5000석", "3만 석", "2만8000석"], "run")
    cities = ctx.fact("kpop.cities", ["16개 도시", "20개 도시", "18개 도시"], "run")
    titles = [
        f"루미너스, 잠실서 월드투어 피날레…{seats} 가득 메웠다",
        f"루미너스 월드투어 {cities} 마무리…“팬들 덕분에 버텼다”",
    ]
    d.p(
        w.s("그룹 {band|가} {jamsil}에서 월드투어의 마지막 공연을 열었다."),
        w.s("이틀 동안 열린 공연은 {s} 전석이 매진됐다.", s=seats),
    )
    d.p(
        w.s(
            "{band.name|는} 지난 4월 {seoul}을 시작으로 {usa}, {japan}, {europe} 등 {c}에서 공연을 이어 왔다.", c=cities
        ),
        "누적 관객은 100만 명을 넘긴 것으로 집계됐다.",
    )
    d.p(
        "이날 무대에서 멤버들은 데뷔곡부터 최근 발표한 정규 앨범 수록곡까지 30여 곡을 2시간 넘게 소화했다.",
        "공연 말미에는 팬들이 준비한 응원 문구가 객석을 가득 채우며 장관을 이뤘다.",
    )
    d.p(
        w.say(
            Anon("리더", org="luminous"),
            [
                ctx.pick(
                    [
                        "1년 가까이 집을 떠나 있었지만 팬들 덕분에 끝까지 버틸 수 있었다",
                        "처음 섰던 무대를 떠올리면 지금도 믿기지 않는다",
                    ]
                )
            ],
            verb="말했다",
        )
    )
    d.p("소속사는 내년 상반기 새 앨범을 내고 국내 팬 미팅을 열 계획이라고 밝혔다.")
    d.pool(POOLS["kpop"], 2, 3)
    points = [w.headline("{luminous} 월드투어 마지막 공연"), w.headline("{s} 전석 매진", s=seats)]
    return Parts("문화", titles, points, d.blocks, d.captions, ["루미너스", "월드투어", "공연"])


def museum(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"cur": "seok_jian", "mus": "mmca"})
    d = Draft(w)
    works = ctx.fact("museum.works", ["120여 점", "150여 점", "90여 점"], "run")
    titles = [
        "국립현대미술관, 한국 추상미술 100년 조명…작품 " + works + " 한자리에",
        "‘선과 색의 시간’ 개막…한국 추상미술 거장들 한자리",
    ]
    d.p(
        w.s("한국 추상미술의 흐름을 한눈에 볼 수 있는 대규모 전시가 열린다."),
        w.s("{mus|은} {d}부터 내년 3월까지 기획전 ‘선과 색의 시간’을 연다고 밝혔다."),
    )
    d.p(
        w.s("전시에는 1930년대부터 최근까지 작가 40여 명의 회화와 조각 {n}이 나온다.", n=works),
        "일반에 처음 공개되는 개인 소장품도 여럿 포함됐다.",
    )
    d.p(
        w.say(
            "cur",
            ctx.sample(
                [
                    "추상미술이 어렵다는 선입견을 덜어 내고 색과 선 자체를 즐기는 자리가 되길 바란다",
                    "시대별로 작가들이 무엇을 고민했는지 따라가다 보면 한국 현대사의 풍경도 함께 보일 것",
                ],
                ctx.pick([1, 2]),
            ),
            verb="말했다",
        )
    )
    d.p("관람료는 무료이며 매주 수요일과 토요일에는 오후 9시까지 야간 개장한다.")
    d.caption("{mmca}에서 열리는 기획전 ‘선과 색의 시간’ 전시 전경. (사진제공={mmca.name})")
    d.pool(POOLS["museum"], 2, 3)
    points = ["한국 추상미술 100년 조명", w.headline("작가 40여 명 작품 {n}", n=works)]
    return Parts("문화", titles, points, d.blocks, d.captions, ["전시", "추상미술", "미술관"])


def winter_food(ctx: Ctx) -> Parts:
    w = Writer(ctx.rng, ctx.cast, ctx.today, {"md": "mo_hayeon", "mart": "onnuri"})
    d = Draft(w)
    growth = ctx.fact("food.growth", ["42", "57", "63", "38"])
    titles = [
        f"찬 바람 불자 ‘국물’ 찾는다…똠얌꿍 라면 매출 {growth}% 껑충",
        "이국적 국물 요리 인기…대형마트, 똠얌꿍·쌀국수 간편식 늘린다",
    ]
    d.p(
        "날씨가 쌀쌀해지면서 뜨끈한 국물 요리를 찾는 소비자가 늘고 있다.",
        "특히 시큼하고 매콤한 맛의 {thailand} 요리 똠얌꿍을 비롯한 이국적인 국물 간편식의 인기가 두드러진다.",
    )
    d.p(
        w.s("{mart}에 따르면 이달 1일부터 {d}까지 국물 간편식 매출은 지난해 같은 기간보다 {g}% 늘었다.", g=growth),
        w.s("자체 브랜드 상품인 {tomyum|은} 출시 석 달 만에 누적 판매량 100만 개를 넘어섰다."),
    )
    d.p(
        w.say(
            "md",
            ctx.sample(
                [
                    "해외여행에서 맛본 현지 음식을 집에서도 즐기려는 수요가 커졌다",
                    "젊은 층을 중심으로 새로운 맛을 찾는 경향이 뚜렷하다",
                ],
                ctx.pick([1, 2]),
            ),
            verb="설명했다",
        )
    )
    d.p(
        w.s("유통업계는 {ksf} 기간에 맞춰 국물 간편식 할인 행사를 잇따라 열고 있다."),
        "쌀국수와 마라탕 등 다른 이국적 메뉴도 상품 구색을 늘리는 추세다.",
    )
    d.p(w.say(Anon("관계자", label="식품업계"), ["겨울철 국물 시장은 해마다 새로운 맛이 주도권을 바꾸는 흐름"]))
    d.pool(POOLS["winter_food"], 2, 3)
    points = ["국물 간편식 매출 급증", "똠얌꿍 등 이국적 메뉴 인기"]
    return Parts("문화", titles, points, d.blocks, d.captions, ["똠얌꿍", "간편식", "국물"], cp949_only=True)
