"""What every story builder gets: the day, the calendar of the running stories, dice, and what it hands back."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .text import Block, Entity

# Days of the running stories, counted from the first day of the corpus. With the default start
# (2026-11-13, a Friday) the exam lands on a Thursday and the game show spans Thursday to Sunday.
CALENDAR = {
    "gstar_open": -1,
    "gstar_close": 2,
    "nuribot_launch": 1,
    "ai_meeting": 3,
    "apec_open": 4,
    "apec_close": 5,
    "ev_groundbreaking": 5,
    "suneung": 6,
    "exports_release": 8,
    "bok_meeting": 13,
}


@dataclass(slots=True)
class Ctx:
    rng: random.Random
    today: date
    start: date
    cast: dict[str, Entity]
    seed: int = 0
    cache: dict = field(default_factory=dict)

    def fact(self, key: str, options, scope: str = "day"):
        """A fact every outlet reports alike: drawn once per day (or once per corpus run), not per story."""
        anchor = self.start if scope == "run" else self.today
        slot = (anchor, key, tuple(options))
        if slot not in self.cache:
            self.cache[slot] = random.Random(f"{self.seed}/fact/{anchor.isoformat()}/{key}").choice(list(options))
        return self.cache[slot]

    def fact_num(self, key: str, lo: float, hi: float, nd: int = 1, scope: str = "day") -> float:
        anchor = self.start if scope == "run" else self.today
        slot = (anchor, key, lo, hi, nd)
        if slot not in self.cache:
            rng = random.Random(f"{self.seed}/fact/{anchor.isoformat()}/{key}")
            self.cache[slot] = round(rng.uniform(lo, hi), nd)
        return self.cache[slot]

    def facts(self, key: str, scope: str = "day") -> random.Random:
        anchor = self.start if scope == "run" else self.today
        return random.Random(f"{self.seed}/fact/{anchor.isoformat()}/{key}")

    @property
    def k(self) -> int:
        return (self.today - self.start).days

    @property
    def year(self) -> int:
        return self.start.year

    def day(self, event: str) -> date:
        return self.start + timedelta(days=CALENDAR[event])

    def until(self, event: str) -> int:
        return (self.day(event) - self.today).days

    def pick(self, options):
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def sample(self, options, n: int) -> list:
        return self.rng.sample(list(options), n)

    def num(self, lo: float, hi: float, nd: int = 1) -> float:
        return round(self.rng.uniform(lo, hi), nd)

    def weekday(self, d: date) -> str:
        return "월화수목금토일"[d.weekday()]


@dataclass(slots=True)
class Parts:
    section: str
    titles: list[str]
    points: list[str]
    blocks: list[Block]
    captions: list[str]
    keywords: list[str] = field(default_factory=list)
    cp949_only: bool = False
    # The happening the story reports, when its topic holds several (a game, a company's results, a city's
    # plan); empty: the topic is one running event.
    event: str = ""
