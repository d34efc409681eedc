"""Plan a day of pages (which outlet, which story, which traps, when) and write it out one page at a time:
`<day>/pages/*.html`, `<day>/manifest.csv` and `_truth/<day>.jsonl`. Nothing but the plan is held in memory,
so a day of 10,000 pages streams as easily as one of 36."""

from __future__ import annotations

import csv
import json
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from . import badpages
from .chrome import Headline
from .edits import near_copy
from .layouts import LAYOUTS, PageSpec
from .outlets import OUTLETS, WIRE, Reporter
from .prose import Desk
from .text import Story
from .world import build_cast

KST = ZoneInfo("Asia/Seoul")
MANIFEST_FIELDS = ("file", "url", "outlet", "fetched_at", "http_status", "content_type")
ARTICLE_KINDS = ("article", "duplicate_exact", "duplicate_near")
_HOUR_WEIGHTS = [0.3] * 6 + [1.0] * 3 + [2.0] * 10 + [1.2] * 4 + [0.6]
_DATELINE_CITY = {"gstar": "부산", "exports": "세종", "budget": "서울", "ev_plant": "울산"}


# The day (from the first) a second 한도윤, a professor, is in the news next to 누리전자's CEO on his robot's launch
# day: one extra page, so that entity ids can be shown to keep namesakes apart (tests/test_nlp_namesakes.py).
NAMESAKE_DAY = 1
MAX_SIMILARITY = 0.45  # Jaccard of sampled 5-gram shingles; planned near-copies score above 0.8


def sketch(text: str, every: int = 4) -> frozenset[str]:
    """Character 5-grams without spaces, one in `every` chosen by a rule that does not depend on hash()."""
    t = text.replace(" ", "")
    return frozenset(t[i : i + 5] for i in range(len(t) - 4) if ord(t[i]) % every == 0)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    common = len(a & b)
    return common / ((len(a) + len(b) - common) or 1)


def sub_rng(seed: int, *parts: object) -> random.Random:
    """An independent, reproducible stream per purpose: str seeds go through SHA-512, never hash()."""
    return random.Random("/".join(map(str, (seed, *parts))))


@dataclass(slots=True)
class Slot:
    kind: str
    outlet: str
    story_key: str | None = None
    topic: str | None = None
    wire_id: str | None = None
    original: Slot | None = None  # for duplicates
    mobile: bool = False  # same article under a second URL of the same outlet
    encoding: str = "utf-8"  # bytes on disk: utf-8, cp949, utf-8-sig
    published: datetime | None = None
    fetched: datetime | None = None
    updated: datetime | None = None
    index: int = 0
    authors: list[Reporter] = field(default_factory=list)
    article_no: int = 0
    url: str = ""
    canonical: str | None = None
    file: str = ""


def _counts(n: int, rng: random.Random) -> tuple[int, int, int, int]:
    """Bad pages, wire stories, same-article-two-URL pairs, euc-kr-declared UTF-8 pages for a day of n pages."""
    if n < 12:
        return n // 4, (1 if n >= 6 else 0), 0, 0
    if n < 30:
        return 3, 1, 1, 1
    if n <= 72:
        return 3, rng.choice((2, 3)), 1, rng.choice((1, 2))
    return round(n / 12), round(n * 2.5 / 36), round(n / 72), n // 30


class DayWriter:
    def __init__(self, out_dir: Path, start: date, day: date, n: int, seed: int):
        self.out_dir, self.start, self.day, self.n, self.seed = out_dir, start, day, n, seed
        self.k = (day - start).days
        self.cast = build_cast(start.year)
        self.desk = Desk(self.cast, start, day, seed)
        self.rng = sub_rng(seed, day, "plan")
        self.cache: dict[str, Story] = {}
        self.sketches: dict[str, list[frozenset[str]]] = {}
        self.uses: dict[str, int] = {}
        self.width = max(4, len(str(n)))
        self.end = datetime.combine(day, time(23, 59, 59), KST)

    # planning -------------------------------------------------------------------------------------------------

    def _outlet(self, exclude: tuple[str, ...] = ()) -> str:
        ids = [o for o in OUTLETS if o not in exclude]
        return self.rng.choices(ids, [OUTLETS[o].weight for o in ids])[0]

    def _time(self, lo: int = 0, hi: int = 24 * 60 - 1) -> datetime:
        while True:
            hour = self.rng.choices(range(24), _HOUR_WEIGHTS)[0]
            minute = hour * 60 + self.rng.randrange(60)
            if lo <= minute <= hi:
                return datetime.combine(self.day, time(minute // 60, minute % 60), KST)

    def _clock(self, slot: Slot, after: datetime | None = None) -> None:
        if slot.published is None:
            slot.published = self._time()
        base = max(slot.published, after) if after else slot.published
        lag = timedelta(minutes=self.rng.randint(3, 240), seconds=self.rng.randrange(60))
        slot.fetched = min(base + lag, self.end)
        if slot.kind in ARTICLE_KINDS and not slot.mobile and self.rng.random() < 0.3:
            edit = slot.published + timedelta(minutes=self.rng.randint(8, 120))
            if edit <= slot.fetched - timedelta(minutes=1):
                slot.updated = edit

    def plan(self) -> list[Slot]:
        rng = self.rng
        n_bad, n_wire, n_pairs, n_trap = _counts(self.n, rng)
        if self.n <= 72 and self.k % 2 == 0:
            n_pairs = 0  # a second URL for the same article shows up now and then, not daily
        slots: list[Slot] = []
        for w in range(n_wire):
            wire_id = f"{self.day:%Y%m%d}-W{w + 1:03d}"
            topic = self.desk.topic(rng, wire=True)
            reporter = rng.choice(OUTLETS[WIRE].reporters)
            copies = rng.choice((2, 3)) if self.n >= 30 else (2 if self.n >= 12 else 1)
            partners = rng.sample([o for o in OUTLETS if o != WIRE], copies + 1)
            first = Slot("article", WIRE if rng.random() < 0.75 else partners.pop(), f"w{w}", topic, wire_id)
            first.published = self._time(6 * 60, 20 * 60)
            first.authors = [reporter]
            group = [first]
            for c in range(copies):
                kind = (
                    "duplicate_exact" if c == 0 else rng.choice(("duplicate_near", "duplicate_near", "duplicate_exact"))
                )
                copy = Slot(kind, partners[c], f"w{w}", topic, wire_id, original=first)
                gap = timedelta(minutes=rng.randint(10, 180))
                copy.published = min(first.published + gap, self.end - timedelta(minutes=9))
                copy.authors = [reporter]
                group.append(copy)
            slots.extend(group)
        bad_kinds = ["empty", "truncated", "index"][:n_bad]
        if self.n >= 30:
            # Now and then, not every day: a 404 every other day, a script shell every third.
            bad_kinds += ["error"] * (self.k % 2 == 0) + ["scripts_only"] * (self.k % 3 == 1)
        while len(bad_kinds) < n_bad:
            bad_kinds.append(rng.choice(("empty", "truncated", "index", "error", "scripts_only")))
        for b, kind in enumerate(bad_kinds):
            slots.append(Slot(kind, self._outlet(), f"b{b}", self.desk.topic(rng)))
        regular = self.n - len(slots) - n_pairs
        outlet_cycle = list(OUTLETS)
        for r in range(max(regular, 0)):
            outlet = outlet_cycle[r] if r < len(outlet_cycle) else self._outlet()
            slots.append(Slot("article", outlet, f"r{r}", self.desk.topic(rng)))
        articles = [s for s in slots if s.kind == "article" and s.story_key and s.story_key[0] == "r"]
        for p in range(min(n_pairs, len(articles))):
            original = articles[p]
            original.outlet = "hanbit"
            slots.append(
                Slot("duplicate_exact", "hanbit", original.story_key, original.topic, original=original, mobile=True)
            )
        plain = [s for s in articles[n_pairs:]]
        for s in plain[:n_trap]:
            s.outlet = "daehan"
            s.encoding = "utf-8-declared-euc-kr"
        for s in slots:
            if s.outlet == "daehan" and s.encoding == "utf-8":
                s.encoding = "cp949"
        utf8 = [s for s in plain[n_trap:] if s.encoding == "utf-8"]
        for s in utf8[: max(1, self.n // 36) if self.n >= 12 else 0]:
            s.encoding = "utf-8-sig"
        assert len(slots) == self.n, (len(slots), self.n)
        rng.shuffle(slots)
        for i, s in enumerate(slots, 1):
            s.index = i
            s.file = f"pages/{s.outlet}-{i:0{self.width}d}.html"
        # Originals get their clocks first so that copies and second URLs come later in the day.
        for s in sorted(slots, key=lambda s: s.original is not None):
            if s.original is not None and s.mobile:
                s.published = s.original.published
                self._clock(s, after=s.original.fetched)
                s.updated = s.original.updated
            else:
                self._clock(s)
        for s in sorted(slots, key=lambda s: s.mobile):
            if s.story_key:
                self.uses[s.story_key] = self.uses.get(s.story_key, 0) + 1
            if not s.authors:
                reporters = OUTLETS[s.outlet].reporters
                s.authors = (
                    s.original.authors
                    if s.mobile and s.original
                    else rng.sample(reporters, 2 if rng.random() < 0.2 else 1)
                )
            self._address(s)
        return slots

    def _address(self, s: Slot) -> None:
        o = OUTLETS[s.outlet]
        s.article_no = 100000 * (self.k + 30) + s.index
        ymd = f"{self.day:%Y%m%d}"
        urls = {
            "econ-daily": f"https://{o.domain}/news/view/{2300000 + s.article_no}",
            "cms-articleview": f"https://{o.domain}/news/articleView.html?idxno={400000 + s.article_no}",
            "legacy-table": f"https://{o.domain}/news/read.php?no={s.article_no}&sec=1",
            "wire-agency": f"https://{o.domain}/view/AKR{ymd}{s.index:06d}00{self.k % 10}",
            "tech-modern": f"https://{o.domain}/news/{s.article_no}",
            "next-spa": f"https://{o.domain}/article/{ymd}{s.index:05d}",
        }
        if s.mobile and s.original is not None:
            s.url = (
                f"https://m.{o.domain.removeprefix('www.')}/view.php?idxno={2300000 + s.original.article_no}&ref=kakao"
            )
            s.canonical = s.original.canonical
            return
        if s.kind == "index":
            s.url = f"https://{o.domain}/section/{s.index}"
            return
        s.url = urls[o.layout]
        s.canonical = s.url if LAYOUTS[o.layout].has_canonical else None

    # writing --------------------------------------------------------------------------------------------------

    def story(self, s: Slot) -> Story:
        key = s.story_key or ""
        if key in self.cache:
            story = self.cache[key]
        else:
            story = self._fresh(key, s.topic or "weather", check=s.kind != "truncated")
            if self.uses.get(key, 1) > 1:
                self.cache[key] = story
        self.uses[key] = self.uses.get(key, 1) - 1
        if self.uses[key] <= 0:
            self.cache.pop(key, None)
        return story

    def _fresh(self, key: str, topic: str, check: bool) -> Story:
        """Write a story that does not read like one already written today on the same topic: template text
        drifts toward sameness, and only planned copies may look like copies."""
        best: tuple[float, Story] | None = None
        seen = self.sketches.setdefault(topic, [])
        # A few dozen pages a day can all be told apart; at benchmark scale a coarser, shorter look keeps the
        # speed (10,000 pages must stay well under a minute).
        small = self.n <= 200
        every, window = (4, 40) if small else (16, 10)
        for attempt in range((10 if small else 2) if check else 1):
            rng = sub_rng(self.seed, self.day, "story", key, attempt)
            story = self.desk.write(f"{self.day:%Y%m%d}-{key}", topic, rng, wire=key[0] == "w")
            if not check:
                return story
            mine = sketch(story.body, every)
            score = max((jaccard(mine, other) for other in seen[-window:]), default=0.0)
            if best is None or score < best[0]:
                best = (score, story)
            if score <= MAX_SIMILARITY:
                break
        assert best is not None
        seen.append(sketch(best[1].body, every))
        del seen[:-window]
        return best[1]

    def board(self, slots: list[Slot]) -> list[Headline]:
        """The day's other headlines for rankings and section fronts, from the first stories of the plan."""
        picked = [s for s in sorted(slots, key=lambda s: s.index) if s.kind == "article"][:60]
        out: dict[str, Headline] = {}
        for s in picked:
            rng = sub_rng(self.seed, self.day, "story", s.story_key, 0)
            st = self.desk.write(f"{self.day:%Y%m%d}-{s.story_key}", s.topic or "weather", rng)
            # Portals and rankings often carry another version of the headline than the article page.
            title = self.rng.choice(st.titles)
            out.setdefault(title, Headline(st.story_id, title, st.section, st.paragraphs[0]))
        return list(out.values())[:40]

    def namesake_slot(self) -> Slot:
        """The namesake's page, added after the day's plan and board with dice of its own, so that the day's other
        pages stay as they were."""
        rng = sub_rng(self.seed, self.day, "namesake")
        s = Slot("article", rng.choice(["pangyo", "seoulmaeil"]), "n0", "robot_lab")
        s.index = self.n + 1
        s.file = f"pages/{s.outlet}-{s.index:0{self.width}d}.html"
        s.published = datetime.combine(self.day, time(rng.randint(9, 16), rng.randrange(60)), KST)
        s.fetched = min(s.published + timedelta(minutes=rng.randint(5, 90)), self.end)
        s.authors = [rng.choice(OUTLETS[s.outlet].reporters)]
        self._address(s)
        return s

    def run(self) -> Path:
        slots = self.plan()
        board = self.board(slots)
        if self.k == NAMESAKE_DAY:
            slots.append(self.namesake_slot())
        day_dir = self.out_dir / self.day.isoformat()
        if day_dir.exists():
            shutil.rmtree(day_dir)
        (day_dir / "pages").mkdir(parents=True)
        truth_dir = self.out_dir / "_truth"
        truth_dir.mkdir(parents=True, exist_ok=True)
        with (
            open(day_dir / "manifest.csv", "w", encoding="utf-8", newline="") as mf,
            open(truth_dir / f"{self.day.isoformat()}.jsonl", "w", encoding="utf-8", newline="\n") as tf,
        ):
            manifest = csv.writer(mf, lineterminator="\n")
            manifest.writerow(MANIFEST_FIELDS)
            for s in sorted(slots, key=lambda s: s.index):
                data, status, ctype, truth = self.page(s, board)
                (day_dir / s.file).write_bytes(data)
                manifest.writerow([s.file, s.url, s.outlet, s.fetched.isoformat(timespec="seconds"), status, ctype])
                tf.write(json.dumps(truth, ensure_ascii=False) + "\n")
        return day_dir

    def page(self, s: Slot, board: list[Headline]) -> tuple[bytes, int, str, dict]:
        rng = sub_rng(self.seed, self.day, "page", s.index)
        outlet = OUTLETS[s.outlet]
        truth: dict = {
            "file": s.file,
            "url": s.url,
            "outlet": s.outlet,
            "layout": outlet.layout,
            "kind": s.kind,
            "wire_story_id": s.wire_id,
            # The event the page reports (articles only): pages with the same event are one story, on any day.
            "event": None,
            "duplicate_of": s.original.file if s.original else None,
            "encoding": None,
            "title": None,
            "subtitle": None,
            "body": None,
            "captions": [],
            "published_at": None,
            "updated_at": None,
            "authors": [],
            "section": None,
            "canonical_url": None,
            "entities": [],
            "quotes": [],
            "person_roles": [],
        }
        if s.kind == "empty":
            truth["encoding"] = "utf-8"
            return badpages.empty(), 200, rng.choice(("text/html; charset=UTF-8", "")), truth
        if s.kind == "index":
            truth["encoding"] = "utf-8"
            return badpages.index_page(outlet, board, rng, s.fetched).encode(), 200, "text/html; charset=UTF-8", truth
        if s.kind == "error":
            truth["encoding"] = "utf-8"
            return badpages.error_page(outlet).encode(), 404, "text/html; charset=UTF-8", truth
        if s.kind == "scripts_only":
            truth["encoding"] = "utf-8"
            return badpages.scripts_only(outlet, rng, s.url).encode(), 200, "text/html", truth
        story = self.story(s)
        title = story.title
        authors = list(s.authors)
        if s.kind == "duplicate_near":
            story, title, extra_byline = near_copy(story, rng)
            if extra_byline:
                authors.append(rng.choice(outlet.reporters))
        dateline = None
        if s.wire_id or s.outlet == WIRE:  # the agency datelines everything it sends, partners keep it
            city = _DATELINE_CITY.get(story.topic, "서울")
            dateline = f"({city}={OUTLETS[WIRE].name}) {authors[0].name} 기자 = "
        spec = PageSpec(
            outlet,
            s.url,
            s.canonical,
            story,
            title,
            authors,
            s.published,
            s.updated,
            s.fetched,
            dateline,
            board,
            rng,
            s.article_no,
        )
        layout = LAYOUTS[outlet.layout]
        html_text = layout.render(spec)
        if s.encoding == "cp949":
            data = html_text.encode("cp949")
            ctype = "text/html; charset=EUC-KR" if rng.random() < 0.85 else ""
        elif s.encoding == "utf-8-declared-euc-kr":
            data = html_text.encode("utf-8")
            ctype = rng.choice(("text/html; charset=EUC-KR", ""))
        elif s.encoding == "utf-8-sig":
            data = b"\xef\xbb\xbf" + html_text.encode("utf-8")
            ctype = "text/html; charset=UTF-8"
        else:
            data = html_text.encode("utf-8")
            ctype = rng.choices(
                ("text/html; charset=UTF-8", "text/html;charset=utf-8", "", "text/html"), (70, 15, 10, 5)
            )[0]
        truth["encoding"] = (
            "cp949" if s.encoding == "cp949" else ("utf-8-sig" if s.encoding == "utf-8-sig" else "utf-8")
        )
        if s.kind == "truncated":
            return badpages.truncate(data, rng), 200, ctype, truth
        truth.update(
            title=title,
            subtitle=story.subtitle if layout.shows_subtitle else None,
            body=story.body,
            captions=list(story.captions),
            published_at=s.published.isoformat(timespec="seconds"),
            updated_at=s.updated.isoformat(timespec="seconds") if s.updated else None,
            authors=[a.name for a in authors],
            section=story.section,
            canonical_url=s.canonical,
            entities=story.entities(),
            quotes=story.quotes(),
            person_roles=story.person_roles(),
            event=story.event,
        )
        return data, 200, ctype, truth


def generate(out_dir: Path, start: date, days: int, pages_per_day: int, seed: int) -> list[Path]:
    """Write `days` days of `pages_per_day` pages each under out_dir; return the day folders written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [DayWriter(out_dir, start, start + timedelta(days=d), pages_per_day, seed).run() for d in range(days)]
