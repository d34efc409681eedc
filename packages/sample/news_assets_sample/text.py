"""Korean sentence assembly that remembers what it wrote: every entity, quote and person role is recorded
as the text is built, so the ground truth is exact by construction instead of re-parsed afterwards."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from datetime import date

# --- particles -------------------------------------------------------------------------------------------

# How a Latin letter or digit is read aloud decides the particle after it ("LG는", "CES 2027을").
_LATIN_CODA = {"L": 8, "M": 16, "N": 4, "R": 8}
_DIGIT_CODA = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}
_CLOSERS = "’”'\"]》」>"

_PAIRS = {
    "은": ("은", "는"),
    "는": ("은", "는"),
    "이": ("이", "가"),
    "가": ("이", "가"),
    "을": ("을", "를"),
    "를": ("을", "를"),
    "과": ("과", "와"),
    "와": ("과", "와"),
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
    "이라고": ("이라고", "라고"),
    "라고": ("이라고", "라고"),
    "이라며": ("이라며", "라며"),
    "라며": ("이라며", "라며"),
    "이다": ("이다", "다"),
    "다": ("이다", "다"),
    "이며": ("이며", "며"),
    "며": ("이며", "며"),
    "이나": ("이나", "나"),
    "나": ("이나", "나"),
    "이었다": ("이었다", "였다"),
    "였다": ("이었다", "였다"),
    "의": ("의", "의"),
    "에": ("에", "에"),
    "에서": ("에서", "에서"),
    "도": ("도", "도"),
    "만": ("만", "만"),
}


def coda(word: str) -> int:
    """Index of the final consonant of the last pronounced syllable (0: none, 8: ㄹ)."""
    text = word.rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    if text.endswith(")") or text.endswith("）"):
        text = text[: text.rfind("(")]
    if not text:
        return 0
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    if last.isdigit():
        return _DIGIT_CODA[last]
    return _LATIN_CODA.get(last.upper(), 0)


def josa(word: str, particle: str) -> str:
    pair = _PAIRS.get(particle)
    if pair is None:
        return word + particle
    final = coda(word)
    if pair[0] == "으로":
        return word + ("으로" if final not in (0, 8) else "로")
    return word + (pair[0] if final else pair[1])


# --- what a story knows about its text ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    key: str
    name: str
    type: str  # PER ORG LOC PRODUCT EVENT
    abbr: str | None = None
    title: str | None = None  # people: job title
    org: str | None = None  # people: key of the affiliation
    surname: str | None = None
    paren: bool = True  # first mention as "과학기술정보통신부(과기정통부)"; teams just switch to the nickname


@dataclass(frozen=True, slots=True)
class Anon:
    """An unnamed speaker, "업계 관계자" or "누리전자 관계자"."""

    title: str
    org: str | None = None
    label: str | None = None  # literal prefix when org is None, e.g. "업계", "한 증권사"


@dataclass(frozen=True, slots=True)
class Mention:
    surface: str
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    speaker_title: str | None
    speaker_affiliation: str | None
    quote: str


@dataclass(frozen=True, slots=True)
class Role:
    person: str
    title: str
    affiliation: str


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    roles: tuple[Role, ...] = ()
    introduces: bool = False  # holds someone's first full mention: dropping it would orphan "최 대표"


@dataclass(slots=True)
class Block:
    kind: str  # "p" paragraph, "h" subheading
    sentences: list[Sentence]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(slots=True)
class Story:
    story_id: str
    topic: str
    section: str
    titles: list[str]
    points: list[str]  # lead bullets; shown as subtitle when has_subtitle
    has_subtitle: bool
    blocks: list[Block]
    captions: list[str]
    photo_alt: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    wire: bool = False
    cp949_only: bool = False  # text holds a syllable outside EUC-KR (KS X 1001)
    event: str = ""  # the event it reports (truth for story grouping): same event = same story, on any day

    @property
    def title(self) -> str:
        return self.titles[0]

    @property
    def subtitle(self) -> str | None:
        return "\n".join(self.points) if self.has_subtitle and self.points else None

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in b.sentences]

    def entities(self) -> list[dict]:
        order: dict[tuple[str, str, str], int] = {}
        for s in self.sentences():
            for m in s.mentions:
                k = (m.surface, m.name, m.type)
                order[k] = order.get(k, 0) + 1
        return [{"surface": s, "name": n, "type": t, "count": c} for (s, n, t), c in order.items()]

    def quotes(self) -> list[dict]:
        return [
            {
                "speaker": q.speaker,
                "speaker_title": q.speaker_title,
                "speaker_affiliation": q.speaker_affiliation,
                "quote": q.quote,
            }
            for s in self.sentences()
            for q in s.quotes
        ]

    def person_roles(self) -> list[dict]:
        seen: dict[Role, None] = {}
        for s in self.sentences():
            for r in s.roles:
                seen.setdefault(r, None)
        return [{"person": r.person, "title": r.title, "affiliation": r.affiliation} for r in seen]

    def copy(self) -> Story:
        return replace(
            self,
            titles=list(self.titles),
            points=list(self.points),
            blocks=[Block(b.kind, list(b.sentences)) for b in self.blocks],
            captions=list(self.captions),
        )


# --- the writer ------------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\.([a-z]+))?(?:\|([가-힣]+))?\}")


def _quote_tails(quote: str) -> tuple[str, str]:
    """Connectors after a closing quote: ("고", "며") after a finished clause, ("이라고", "이라며") after a noun."""
    if quote.endswith(("다", "까", "달라", "하라", "보라", "마라")):
        return "고", "며"
    if coda(quote):
        return "이라고", "이라며"
    return "라고", "라며"


class Writer:
    """Fills templates for one story. `{ceo|는}` renders an entity then a particle that fits it; the first
    mention of a person is full ("한도윤 누리전자 대표"), later ones short ("한 대표")."""

    def __init__(self, rng: random.Random, cast: dict[str, Entity], today: date, bind: dict[str, object]):
        self.rng = rng
        self.cast = cast
        self.today = today
        self.bind = {"d": f"{today.day}일", **bind}
        self.seen: set[str] = set()
        self.order: dict[str, bool] = {}  # person key -> name first ("한도윤 누리전자 대표")
        self.last_speaker: str | None = None
        self._m: list[Mention] = []
        self._r: list[Role] = []
        self._intro = False

    # entities ---------------------------------------------------------------------------------------------

    def ent(self, key: str) -> Entity:
        value = self.bind.get(key, key)
        if isinstance(value, Entity):
            return value
        return self.cast[str(value)]

    def _org_surface(self, org: Entity, form: str | None) -> str:
        if form == "abbr" and org.abbr:
            surface = org.abbr
        elif form in ("name", "long") or not org.abbr:
            surface = org.name
        elif form is None and org.key in self.seen:
            surface = org.abbr
        elif form is None and not org.paren:
            surface = org.name
        elif form is None:
            self.seen.add(org.key)
            self._m.append(Mention(org.name, org.name, org.type))
            self._m.append(Mention(org.abbr, org.name, org.type))
            return f"{org.name}({org.abbr})"
        else:
            surface = org.name
        if form is None:
            self.seen.add(org.key)
        self._m.append(Mention(surface, org.name, org.type))
        return surface

    def _person(self, p: Entity, form: str | None) -> str:
        if form is None:
            form = "short" if p.key in self.seen else "full"
        if form == "short" and not self._unique_surname(p):
            form = "nametitle"
        if form == "full":
            self.seen.add(p.key)
            self._intro = True
            org = self.cast[p.org] if p.org else None
            if org is None:
                self._m.append(Mention(p.name, p.name, "PER"))
                return f"{p.name} {p.title}"
            # City halls read "부산시 하윤슬 시장"; "하윤슬 부산시 시장" is not how papers write it.
            first = self.order.setdefault(p.key, p.title != "시장" and self.rng.random() < 0.6)
            org_text = self._org_surface(org, "abbr" if org.key in self.seen and org.abbr else "name")
            self.seen.add(org.key)
            self._r.append(Role(p.name, p.title, org.name))
            # The org mention was appended before the person's; put them in reading order.
            org_m = self._m.pop()
            per_m = Mention(p.name, p.name, "PER")
            if first:
                self._m.extend([per_m, org_m])
                return f"{p.name} {org_text} {p.title}"
            self._m.extend([org_m, per_m])
            return f"{org_text} {p.name} {p.title}"
        if form == "short":
            surface = f"{p.surname} {p.title}"
            self._m.append(Mention(surface, p.name, "PER"))
            return surface
        if form == "nametitle":
            self._m.append(Mention(p.name, p.name, "PER"))
            return f"{p.name} {p.title}"
        if form == "name":
            self._m.append(Mention(p.name, p.name, "PER"))
            return p.name
        if form == "title":
            return p.title or ""
        raise ValueError(form)

    def _unique_surname(self, p: Entity) -> bool:
        for value in self.bind.values():
            other = value if isinstance(value, Entity) else self.cast.get(str(value))
            if (
                other is not None
                and other.type == "PER"
                and other.key != p.key
                and other.surname == p.surname
                and other.title == p.title
            ):
                return False
        return True

    def render_entity(self, e: Entity, form: str | None) -> str:
        if e.type == "PER":
            return self._person(e, form)
        if e.type == "ORG" or (e.abbr and form != "bare"):
            return self._org_surface(e, form)
        if form is None:
            self.seen.add(e.key)
        self._m.append(Mention(e.name, e.name, e.type))
        if e.type == "PRODUCT" and form != "bare":
            return f"‘{e.name}’"
        return e.name

    # templates ----------------------------------------------------------------------------------------------

    def fill(self, template: str, extra: dict[str, object] | None = None) -> str:
        scope = self.bind if not extra else {**self.bind, **extra}

        def sub(m: re.Match[str]) -> str:
            key, form, particle = m.group(1), m.group(2), m.group(3)
            value = scope.get(key)
            if value is None and key in self.cast:
                value = self.cast[key]
            if value is None:
                raise KeyError(f"unbound slot {key!r} in {template!r}")
            if isinstance(value, Entity):
                text = self.render_entity(value, form)
            elif isinstance(value, str) and value in self.cast and form != "lit":
                text = self.render_entity(self.cast[value], form)
            else:
                text = str(value)
            return josa(text, particle) if particle else text

        return _SLOT.sub(sub, template)

    def _take(self) -> tuple[tuple[Mention, ...], tuple[Role, ...], bool]:
        out = tuple(self._m), tuple(self._r), self._intro
        self._m, self._r, self._intro = [], [], False
        return out

    def s(self, template: str, **extra: object) -> Sentence:
        text = self.fill(template, extra)
        mentions, roles, intro = self._take()
        return Sentence(text, mentions, (), roles, intro)

    def heading(self, template: str, **extra: object) -> Sentence:
        """A subheading: explicit forms only, and it does not count as anyone's first mention."""
        seen = set(self.seen)
        text = self.fill(template, extra)
        self.seen = seen
        mentions, _roles, _ = self._take()
        return Sentence(text, mentions)

    def headline(self, template: str, **extra: object) -> str:
        """Titles, lead bullets and captions: not body text, so nothing is recorded."""
        seen = set(self.seen)
        text = self.fill(template, extra)
        self.seen = seen
        self._take()
        return text

    def say(
        self,
        who: str | Anon,
        quotes: list[str],
        verb: str = "말했다",
        lead: str = "",
        subject: str | None = None,
    ) -> Sentence:
        """`한도윤 누리전자 대표는 “…”며 “…”고 강조했다.` and its kin, with the quotes recorded."""
        texts = [self.fill(q) for q in quotes]
        if isinstance(who, Anon):
            org = self.cast[who.org] if who.org else None
            if org is not None:
                subj = f"{self._org_surface(org, None)} {who.title}"
                affiliation = org.name
            else:
                subj = f"{who.label} {who.title}" if who.label else who.title
                affiliation = None
            record = [Quote(None, who.title, affiliation, t) for t in texts]
            subject_text = josa(subj, "는")
            self.last_speaker = None
        else:
            p = self.ent(who)
            org_name = self.cast[p.org].name if p.org else None
            record = [Quote(p.name, p.title, org_name, t) for t in texts]
            if subject is not None:
                subject_text = subject
            elif self.last_speaker == p.key and p.key in self.seen and self.rng.random() < 0.7:
                subject_text = self.rng.choice(["그는", "그는 이어", "이어", "그러면서"])
            else:
                subject_text = josa(self._person(p, None), "는")
            self.last_speaker = p.key
        parts = [subject_text]
        if lead:
            parts.append(self.fill(lead))
        for i, t in enumerate(texts):
            go, myeo = _quote_tails(t)
            last = i == len(texts) - 1
            if last and go == "고" and self.rng.random() < 0.15:
                go = "라고"
            parts.append(f"“{t}”{go if last else myeo}")
        parts.append(verb + ".")
        text = " ".join(parts)
        mentions, roles, intro = self._take()
        return Sentence(text, mentions, tuple(record), roles, intro)

    # dates -------------------------------------------------------------------------------------------------

    def when(self, day: date) -> str:
        """`19일`, `오는 19일`, `지난 13일`, `다음 달 3일`, relative to the article's day."""
        delta = (day - self.today).days
        if day.month != self.today.month:
            label = f"{day.month}월 {day.day}일"
            return ("오는 " if delta > 0 else "지난 ") + label
        if delta == 0:
            return f"{day.day}일"
        return ("오는 " if delta > 0 else "지난 ") + f"{day.day}일"

    @property
    def d(self) -> str:
        return f"{self.today.day}일"


class Draft:
    """The body under construction: paragraphs, subheadings and captions in reading order."""

    def __init__(self, w: Writer):
        self.w = w
        self.blocks: list[Block] = []
        self.captions: list[str] = []
        self._used: list = []

    def p(self, *sentences: Sentence | str, **extra: object) -> None:
        out = [s if isinstance(s, Sentence) else self.w.s(s, **extra) for s in sentences]
        self.blocks.append(Block("p", out))

    def pool(self, options: list, lo: int, hi: int, **extra: object) -> None:
        """A few interchangeable paragraphs, chosen and ordered at random: what keeps two stories on the same
        topic from reading alike. An option is a template or a tuple of templates (one paragraph)."""
        fresh = [o for o in options if o not in self._used]
        n = self.w.rng.randint(min(lo, len(fresh)), min(hi, len(fresh)))
        for option in self.w.rng.sample(fresh, n):
            self._used.append(option)
            templates = option if isinstance(option, tuple) else (option,)
            self.p(*templates, **extra)

    def h(self, template: str) -> None:
        self.blocks.append(Block("h", [self.w.heading(template)]))

    def caption(self, template: str, **extra: object) -> None:
        self.captions.append(self.w.headline(template, **extra))


def won(amount_eok: float) -> str:
    """A sum in 억 원 written the way Korean papers do: `3조2400억 원`, `870억 원`."""
    eok = round(amount_eok)
    jo, rest = divmod(eok, 10000)
    if jo and rest:
        return f"{jo}조{rest}억 원"
    if jo:
        return f"{jo}조 원"
    return f"{rest}억 원"


def pct(value: float) -> str:
    return f"{value:.1f}%"
