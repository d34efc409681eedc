"""Which stories a day carries and how loud each one is: running stories swell and fade around their
events, the rest hum along, so that daily entity counts have a shape."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import stories_angles, stories_econ, stories_life, stories_public, stories_tech
from .desk import Ctx, Parts
from .text import Entity, Story


def _peak(center: int, height: float, width: int, floor: float) -> Callable[[int], float]:
    def weight(k: int) -> float:
        distance = abs(k - center)
        return floor + (height * (1 - distance / (width + 1)) if distance <= width else 0.0)

    return weight


def _until(last: int, height: float) -> Callable[[int], float]:
    return lambda k: height if k <= last else max(0.0, height * (1 - (k - last) / 3))


@dataclass(frozen=True, slots=True)
class Topic:
    build: Callable[[Ctx], Parts] | tuple[Callable[[Ctx], Parts], ...]  # several angles: one is drawn
    weight: Callable[[int], float]
    wire: bool  # the wire agency covers it, so partner outlets reprint it


TOPICS: dict[str, Topic] = {
    "nuribot": Topic(
        (stories_tech.nuribot, stories_tech.nuribot, stories_angles.nuribot_market), _peak(1, 3.0, 3, 0.3), False
    ),
    "ai_policy": Topic(stories_tech.ai_policy, _peak(3, 2.2, 2, 0.4), True),
    "gstar": Topic((stories_tech.gstar, stories_angles.gstar_busan, stories_angles.gstar_review), _until(1, 2.0), True),
    "exports": Topic(stories_econ.exports, _peak(8, 2.2, 1, 0.4), True),
    "rates": Topic((stories_econ.rates, stories_angles.rates_fx), lambda k: 0.3 + 0.15 * max(k, 0), True),
    "housing": Topic(stories_econ.housing, lambda k: 0.6, False),
    "ev_plant": Topic((stories_econ.ev_plant, stories_angles.ev_suppliers), _peak(5, 1.8, 1, 0.3), False),
    "earnings": Topic(stories_econ.earnings, _until(1, 1.2), False),
    "budget": Topic((stories_public.budget, stories_angles.budget_ai), lambda k: 0.5 + 0.12 * max(k, 0), True),
    "apec": Topic(stories_public.apec, _peak(4, 2.4, 2, 0.1), True),
    "suneung": Topic(
        (stories_public.suneung, stories_angles.suneung_people, stories_angles.suneung_numbers),
        _peak(6, 3.8, 3, 0.3),
        True,
    ),
    "weather": Topic(stories_public.weather, lambda k: 1.0, True),
    "city_hall": Topic(stories_public.city_hall, lambda k: 0.6, True),
    "volleyball": Topic(stories_life.volleyball, lambda k: 0.9, True),
    "kpop": Topic(stories_life.kpop, lambda k: 0.35, False),
    "museum": Topic(stories_life.museum, lambda k: 0.3, False),
    "winter_food": Topic(stories_life.winter_food, lambda k: 0.4, False),
    # Never drawn (weight 0, last, so the draws of the others do not move): `corpus.DayWriter.namesake_slot` plants it.
    "robot_lab": Topic(stories_tech.robot_lab, lambda k: 0.0, False),
}


# File photos for stories without a photo of their own; captions are page text but not article body.
FILE_PHOTOS: dict[str, tuple[str, ...]] = {
    "경제": (
        "서울 시내의 한 은행 창구에서 고객들이 상담을 받고 있다. (자료사진)",
        "서울 중구의 한 환전소 전광판에 환율이 표시돼 있다. (자료사진)",
    ),
    "증권": ("서울 여의도 증권가의 한 전광판에 주가 지수가 표시돼 있다. (자료사진)",),
    "산업": ("한 자동차 공장의 생산 라인에서 직원들이 작업하고 있다. (자료사진)",),
    "IT·과학": ("한 데이터센터 내부 모습. (자료사진)", "전시장을 찾은 관람객들이 신제품을 살펴보고 있다. (자료사진)"),
    "정치": ("국회의사당 전경. (자료사진)", "정부서울청사 앞을 시민들이 지나고 있다. (자료사진)"),
    "사회": ("한 고등학교 교실에서 학생들이 자율학습을 하고 있다. (자료사진)",),
    "전국": ("출근길 시민들이 두꺼운 외투를 입고 걸음을 옮기고 있다. (자료사진)",),
    "스포츠": ("프로배구 경기가 열린 체육관을 관중들이 가득 메우고 있다. (자료사진)",),
    "문화": ("공연장을 찾은 관객들이 입장을 기다리고 있다. (자료사진)",),
}


class Desk:
    """Draws topics for one day and writes the stories."""

    def __init__(self, cast: dict[str, Entity], start: date, today: date, seed: int = 0):
        self.seed = seed
        self.facts: dict = {}
        self.cast = cast
        self.start = start
        self.today = today
        k = (today - start).days
        self.names = list(TOPICS)
        self.weights = [TOPICS[n].weight(k) for n in self.names]
        self.wire_names = [n for n in self.names if TOPICS[n].wire]
        self.wire_weights = [TOPICS[n].weight(k) for n in self.wire_names]

    def topic(self, rng: random.Random, wire: bool = False) -> str:
        if wire:
            return rng.choices(self.wire_names, self.wire_weights)[0]
        return rng.choices(self.names, self.weights)[0]

    def write(self, story_id: str, topic: str, rng: random.Random, wire: bool = False) -> Story:
        build = TOPICS[topic].build
        if isinstance(build, tuple):
            build = rng.choice(build)
        parts = build(Ctx(rng, self.today, self.start, self.cast, self.seed, self.facts))
        titles = list(parts.titles)
        rng.shuffle(titles)  # outlets pick different headlines for the same news
        has_subtitle = bool(parts.points) and rng.random() < 0.75
        captions = parts.captions[:1]
        if not captions and rng.random() < 0.6:
            captions = [rng.choice(FILE_PHOTOS[parts.section])]
        return Story(
            story_id=story_id,
            topic=topic,
            section=parts.section,
            titles=titles,
            points=parts.points,
            has_subtitle=has_subtitle,
            blocks=parts.blocks,
            captions=captions,
            keywords=parts.keywords,
            wire=wire,
            cp949_only=parts.cp949_only,
            event=parts.event or topic,
        )
