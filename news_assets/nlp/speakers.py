"""Who said it: the speaker of each quote, read from the Korean clause that holds the quote's verb of saying.

The speaker is the topic (`은/는`) or subject (`이/가`) of that clause, outside every quote:

- after the quote in the same sentence (`“…”라고 최 대표는 말했다`), unless a second quotative follows it (`“…”고
  [호남이 앞장서 달라고] 호소했다`: that subject belongs to reported content);
- else the nearest topic before the quote, then the nearest subject; a subject whose first predicate is an
  adnominal before a bound noun belongs to a relative clause (`김 의원이 지지 의사를 표명한 데 대해 “…”`) and is
  skipped; when the quote's verb is itself reported (`“…”고 말했다고 BBC가 보도했다`), the nearest subject before
  the quote speaks, not the reporting topic;
- `그는`/`그녀는` → the last person who was a topic or subject outside quotes; no subject at all (`그러면서 “…”`,
  `또 “…”고 제안했다`) → the later of the last speaker and the last person subject, within a few sentences; a quote
  standing alone before `X는 이같이 말했다` → X;
- a name right before the quote mark (headline `이름 “…”`, `이름, “…”`) or a broadcast caption (`[이름/기관 직함 :
  “…”]`, a line `▶ 인터뷰 : 이름 / 기관 직함` before the quote).

The subject noun phrase names a person (the name at its head, `대표 최수연은`, else its first name, `데이비드 삭스
미국 백악관 … 차르는`), an organisation (the phrase ends with it, or with `측`/`컨소시엄`), or nobody (`한 관계자는`,
`서울시 관계자는`: anonymous, with the organisation as affiliation). A person is named by the article's fullest
name (`PersonIndex`): a foreign name's last part (`밴스` → `J D 밴스`), the tagger's whole foreign names over the
rules' parts (`제프리 슈와브`, not `제프리`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .found import P_GAZ, Ent, Role
from .gazetteer import Gazetteer
from .lexicon import ANONYMOUS, PRONOUNS
from .ner.features import SURNAMES
from .units import Unit

TOPIC = frozenset({"은", "는", "께서는"})
SUBJECT = frozenset({"이", "가", "께서", "도"})
# Heads after an organisation that still make the organisation the speaker (`현대건설 컨소시엄은`, `한국소비자단체협의회 측은`).
ORG_SIDE = frozenset({"측", "컨소시엄", "캠프", "쪽", "등"})
# Nouns that stand for an organisation the article names (`소속사 측은`, `노조는`, `시에 따르면`): the organisation
# written with the noun (`소속사 한빛엔터`) or ending in it (`서울시`, `연방항소법원`), else the noun itself.
GENERIC_ORGS = frozenset(
    {"소속사", "기획사", "노조", "노동조합", "구단", "협회", "연맹", "법원", "검찰", "경찰", "위원회", "조합", "학교",
     "대학", "병원", "재단", "교육청", "법인", "운영사", "제작사", "배급사", "주최사", "시공사", "항소법원", "대법원"}
)  # fmt: skip
# Places and parties written as one syllable for the one the article names (`시는` for 서울시, `당은`).
SHORT_REFERENTS = frozenset({"시", "군", "구", "도", "당", "청", "부", "처"})
# Bound nouns that are never a speaker as a topic or subject (`… 한 것은`, `할 수가`).
BOUND_NOUNS = frozenset({"것", "게", "데", "바", "수", "때", "적", "줄", "뿐"})
# Words that leave the people of a phrase unnamed (`한 중진 의원은`, `일부 의원들`).
UNNAMED = frozenset({"한", "익명", "일부", "다수", "몇몇", "여러", "복수", "상당수"})
# What a source gives, after its name (`한빛일보 보도에 따르면`, `통계청 자료에 따르면`): the source speaks.
SOURCE_HEADS = frozenset(
    {
        "보도",
        "발표",
        "자료",
        "조사",
        "통계",
        "집계",
        "설명",
        "분석",
        "보고서",
        "공시",
        "발언",
        "말",
        "주장",
        "전언",
        "입장",
    }
)
# Heads after a person's name that make the phrase an organisation (`트럼프 행정부는`).
ORG_OF_PERSON = frozenset({"행정부", "정부", "내각", "캠프", "일가", "재단"})
# Words that join two titles or names inside one noun phrase (`공동창업자 겸 최고경영자`).
NP_JOINERS = frozenset({"겸", "및"})
# Punctuation that may sit inside a noun phrase (`인공지능(AI)·크립토 차르`, `이성윤·박규환 최고위원`).
NP_PUNCT = frozenset("()·/&-")
# Words before a quote that point back to it from the next sentence (`X는 이같이 말했다`).
POINTING_BACK = re.compile(r"이같이|이렇게|이처럼|이와 같이|이와같이")
# A quoted verb of saying that is itself reported (`말했다고 보도했다`, `밝혔다고 전했다`).
REPORTED_SAYING = re.compile(r"^[^.\n“”\"]{0,12}?(?:했|혔|였|혀|했었)다고\s")
# A second quotative ending after a subject (the subject is inside reported content).
QUOTATIVE_AFTER = re.compile(r"(?:다|라|냐|자)(?:고|며)\s")
CAPTION = re.compile(r"\[\s*([^\[\]:/\n]{2,30}?)\s*(?:/\s*([^\[\]:\n]{1,40}?))?\s*:\s*$")
# Broadcasters' caption tags: `▶ 인터뷰 :`, `[인터뷰]`, `<녹취>`, `싱크 :`.
_TAG = r"(?:▶\s*)?(?:[\[<【]\s*(?:인터뷰|녹취|싱크|현장음)\s*[\]>】]\s*:?|(?:인터뷰|녹취|싱크)\s*:)"
_WHO = r"([^\[\]<>:/()\n]{2,30}?)\s*(?:/\s*([^\[\]:\n]{1,40}?)|\(\s*([^()\n]{1,40}?)\s*\))?"
# A tagged caption before the quote on its line (`[인터뷰] 이름 / 기관 직함 : “…”`, `<녹취> 이름(직함) “…”`) or on the
# line before it (`▶ 인터뷰 : 이름 / 기관 직함`).
TAGGED_CAPTION = re.compile(r"^\s*" + _TAG + r"\s*" + _WHO + r"\s*:?\s*$")
# `[이름 / 기관 직함]` before the quote on its line or alone on the line before: a person's name only.
BRACKET_CAPTION = re.compile(r"^\s*\[\s*([^\[\]:/=\n]{2,30}?)\s*/\s*([^\[\]:=\n]{1,40}?)\s*\]\s*:?\s*$")
# One surname in Chinese characters standing for a person in a heading (`李 “…”`, `尹, …`).
HANJA_SURNAMES = {
    "李": "이", "尹": "윤", "文": "문", "朴": "박", "金": "김", "韓": "한", "安": "안", "洪": "홍", "崔": "최",
    "鄭": "정", "趙": "조", "姜": "강", "張": "장", "吳": "오", "黃": "황", "宋": "송", "劉": "유", "柳": "류",
    "盧": "노", "孫": "손", "林": "임", "申": "신", "權": "권", "沈": "심", "秋": "추", "曺": "조", "千": "천",
    "羅": "나", "元": "원", "河": "하", "郭": "곽", "禹": "우", "嚴": "엄", "南": "남", "徐": "서", "池": "지",
}  # fmt: skip
HANJA_SURNAME = re.compile(r"(?<![\u4e00-\u9fff])([" + "".join(HANJA_SURNAMES) + r"])(?![\u4e00-\u9fff])")
SINGLE_QUOTED = re.compile(r"‘[^’\n]{1,200}’|'[^'\n]{1,200}'")
SENTENCE_END = re.compile(r"[.?!](?=\s|$)|\n")
FALLBACK_SENTENCES = 3  # how far back a zero subject looks for the last speaker
# The longest line without a full stop at its end read as a heading (subtitle lines run together: 150 letters).
HEADING_MAX = 160


@dataclass(frozen=True, slots=True)
class Speaker:
    kind: str  # person | organisation | anonymous
    name: str | None
    type: str | None  # the entity type of ``name`` (PER, ORG, LOC)
    title: str | None
    affiliation: str | None


@dataclass(frozen=True, slots=True)
class Person:
    """A person's mention: the rules' entity or the tagger's span, ``name`` as written there."""

    start: int
    end: int
    name: str


def _parts(name: str) -> list[str]:
    return name.split()


class PersonIndex:
    """The article's people: mentions (the rules' PER entities and the tagger's PER spans, the longer winning where
    they overlap; two foreign parts written side by side are one name, `도널드` + `트럼프`) and each short form's
    full name."""

    def __init__(
        self,
        text: str,
        ents: Sequence[Ent],
        tagger_people: Iterable[tuple[int, int]],
        roles: Sequence[Role],
        titles: frozenset[str],
    ) -> None:
        self.text = text
        self.titles = titles
        others = [(e.start, e.end) for e in ents if e.type != "PER"]
        cands: list[Person] = [Person(e.start, e.end, e.name) for e in ents if e.type == "PER"]
        # Korean names the rules are sure of (a role, the gazetteer): never the first part of a foreign name.
        self._sure = {(e.start, e.end) for e in ents if e.type == "PER" and e.priority >= P_GAZ}
        for s, e in tagger_people:
            surface = text[s:e]
            if surface.split()[-1] in titles or any(a < e and s < b for a, b in others):
                continue  # `크립토 차르`, `아메리칸 비트코인`: a title or an organisation is no name
            cands.append(Person(s, e, surface))
        cands.sort(key=lambda p: (p.start, -(p.end - p.start)))
        kept: list[Person] = []
        for p in cands:
            if kept and p.start < kept[-1].end:
                if p.end > kept[-1].end and p.start == kept[-1].start:
                    kept[-1] = p
                continue
            kept.append(p)
        self.mentions = self._join_foreign(kept)
        self.starts = [p.start for p in self.mentions]
        # Full names: of more than one part, or a Korean name the rules gave a role to.
        self.first_seen: dict[str, int] = {}
        for p in self.mentions:
            self.first_seen.setdefault(p.name, p.start)
        self.role_titles: dict[str, list[Role]] = {}
        for r in sorted(roles, key=lambda r: r.start):
            self.role_titles.setdefault(r.person.name, []).append(r)
        self.near_titles: dict[str, set[str]] = {}

    def _join_foreign(self, people: list[Person]) -> list[Person]:
        out: list[Person] = []
        for p in people:
            if out:
                q = out[-1]
                gap = self.text[q.end : p.start]
                left, right = self.text[q.start : q.end], self.text[p.start : p.end]
                korean = _korean_name(left) and (_korean_name(right) or (q.start, q.end) in self._sure)
                if gap == " " and not korean and " " not in right:
                    # `도널드` + `트럼프`, `트럼프` + `주니어`; never two Korean names (`김상욱 유승민`)
                    out[-1] = Person(q.start, p.end, f"{left} {right}")
                    continue
            out.append(p)
        return out

    def note_title(self, name: str, title: str) -> None:
        self.near_titles.setdefault(name, set()).add(title)

    def in_range(self, lo: int, hi: int) -> list[Person]:
        a = bisect_left(self.starts, lo)
        b = bisect_right(self.starts, hi)
        return [p for p in self.mentions[a:b] if p.end <= hi]

    def full_name(self, name: str, title: str | None, pos: int) -> str:
        """The article's fullest name for ``name``: itself, or the longer name whose last parts it is (`밴스` →
        `J D 밴스`, `트럼프 주니어` → `도널드 트럼프 주니어`); among several, the one seen with ``title``, else the one
        named first."""
        parts = _parts(name)
        longer = [
            n
            for n in self.first_seen
            if n != name and len(_parts(n)) > len(parts) and _parts(n)[-len(parts) :] == parts
        ]
        if not longer:
            return name
        if title:
            titled = [n for n in longer if title in self.near_titles.get(n, ()) or self._role_has(n, title)]
            if titled:
                longer = titled
        return min(longer, key=lambda n: self.first_seen[n])

    def _role_has(self, name: str, title: str) -> bool:
        return any(r.title and r.title.endswith(title) for r in self.role_titles.get(name, ()))

    def person_by_word(self, word: str) -> str | None:
        """A foreign name's last part written alone (`인판티노`): the full name it belongs to."""
        if len(word) < 2:
            return None
        longer = [n for n in self.first_seen if " " in n and n.split()[-1] == word]
        return min(longer, key=lambda n: self.first_seen[n]) if longer else None

    def role_of(self, name: str, title: str | None) -> tuple[str | None, str | None]:
        """(title, affiliation) of ``name`` as the article states it: the fullest title phrase ending in ``title``
        (`대선 후보` for `후보`, `재무장관` for `장관`), or the first title given."""
        roles = [r for r in self.role_titles.get(name, ()) if r.title]
        if title:
            fitting = [r for r in roles if r.title and r.title.endswith(title)]
            if fitting:
                best = max(fitting, key=lambda r: len(r.title or ""))
                return best.title, best.affiliation.name if best.affiliation else None
            return title, None
        if roles:
            return roles[0].title, roles[0].affiliation.name if roles[0].affiliation else None
        return None, None


def particle_of(u: Unit) -> str:
    """The particle after the word's noun, or after a closing parenthesis (`최고경영자(CEO)는`, also when Kiwi
    makes the parenthesis and the particle two words: `파이낸셜타임스(FT)` + `는`)."""
    if u.toks:
        return u.particle
    tail = u.tail
    if len(tail) >= 2 and tail[0].form == ")" and tail[1].tag.startswith("J"):
        return tail[1].form
    if len(tail) == 1 and tail[0].tag.startswith("J") and u.pre_gap == "" and u.idx > 0:
        return tail[0].form
    return ""


def _end(u: Unit) -> int:
    return max([u.end, *(t.end for t in u.tail)])


def _korean_name(name: str) -> bool:
    """Shaped like a Korean name: two to four syllables starting with a common surname."""
    return (
        2 <= len(name) <= 4 and all("가" <= c <= "힣" for c in name) and (name[:1] in SURNAMES or name[:2] in SURNAMES)
    )


def sentence_bounds(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Sentence start offsets; a full stop inside a quote does not end the sentence around it."""
    starts = [0]
    k = 0
    for m in SENTENCE_END.finditer(text):
        pos = m.start()
        while k < len(spans) and spans[k][1] < pos:
            k += 1
        if k < len(spans) and spans[k][0] <= pos < spans[k][1]:
            continue
        if not text[starts[-1] : pos].strip():
            starts[-1] = m.end()  # `다.\n\n그러면서`: the blank lines are no sentence of their own
            continue
        starts.append(m.end())
    return starts


@dataclass(slots=True)
class Attributed:
    start: int
    end: int
    kind: str  # direct | indirect
    speaker: Speaker | None
    explicit: bool  # the speaker (or its absence) was read from the quote's own clause


class Attributor:
    """Speakers of the article's quotes (``spans``: (start, end, kind), sorted, never overlapping)."""

    def __init__(
        self,
        text: str,
        units: list[Unit],
        ents: list[Ent],
        index: PersonIndex,
        gz: Gazetteer,
        headings: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.headings = headings
        self.text = text
        self.gz = gz
        self.units = units
        self.unit_starts = [u.start for u in units]
        self.ents = sorted(ents, key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.ents]
        self.index = index
        self.titles = gz.titles
        self._labels = [(m.start(), m.end()) for m in SINGLE_QUOTED.finditer(text)]
        self._label_starts = [a for a, _ in self._labels]
        # `파이낸셜타임스(FT)`: the short form in parentheses stands for the name before it.
        self.org_alias: dict[str, str] = {}
        ends = {e.end: e for e in self.ents if e.type in ("ORG", "LOC")}
        for b in self.ents:
            if b.type != "ORG" or text[b.start - 1 : b.start] != "(" or text[b.end : b.end + 1] != ")":
                continue
            a = ends.get(b.start - 1)
            m = re.search(r"[가-힣A-Za-z0-9·]+$", text[max(0, b.start - 41) : b.start - 1])
            full = a.name if a is not None else (m.group(0) if m else "")
            if len(full) > len(b.name):
                self.org_alias.setdefault(b.name, full)
        for p in index.mentions:
            for t in self._titles_after(p.end):
                index.note_title(p.name, t)

    # ---- noun phrases -------------------------------------------------------------------------------
    def _titles_after(self, pos: int) -> list[str]:
        k = bisect_left(self.unit_starts, pos)
        out = []
        for u in self.units[k : k + 4]:
            if u.toks and u.core in self.titles:
                out.append(u.core)
            if u.toks and not u.open_end:
                break
        return out

    def _np_start(self, u: Unit) -> int:
        """Start of the noun phrase that ends with unit ``u``: back over open words and inner punctuation."""
        k = u.idx
        while k > 0 and u.idx - k < 10:
            p = self.units[k - 1]
            gap = self.units[k].pre_gap
            if "\n" in gap or (p.sent != u.sent and p.toks):
                break
            if p.toks:
                if not p.open_end:
                    break
            else:
                ch = self.text[p.start : p.start + 1]
                if ch not in NP_PUNCT and self.text[p.start : _end(p)] not in NP_JOINERS:
                    break
            k -= 1
        while k < u.idx and not self.units[k].toks:
            k += 1
        return self.units[k].start

    def _orgs_in(self, lo: int, hi: int) -> list[Ent]:
        a = bisect_left(self.ent_starts, lo)
        b = bisect_right(self.ent_starts, hi)
        return [e for e in self.ents[a:b] if e.end <= hi + 1 and e.type in ("ORG", "LOC")]

    def np_speaker(self, u: Unit) -> Speaker | None:
        """Who the noun phrase ending with unit ``u`` names (None: nobody a quote can be credited to)."""
        head_unit = self._head(u)
        if head_unit is None:
            return None
        lo, hi = self._np_start(u), head_unit.end
        people = self.index.in_range(lo, hi)
        head = head_unit.core
        words = self._units(lo, hi)
        title_words = [w.core for w in words if w.core in self.titles]
        title = title_words[-1] if title_words else None
        orgs = self._orgs_in(lo, hi)
        name = None
        if people and head in ORG_OF_PERSON:
            return Speaker("organisation", self.text[people[0].start : hi], "ORG", None, None)
        if len(people) == 1 and head == "사람" and any(w.core == "두" for w in words):
            people = []
        if people:
            # The name at the head when a title stands before it (`대표 최수연은`), else the first one
            # (`데이비드 삭스 미국 백악관 … 차르는`).
            at_head = [
                p for p in people if p.end >= hi and any(w.core in self.titles for w in self._units(lo, p.start - 1))
            ]
            name = (at_head or people)[0].name
        elif not (orgs and orgs[-1].end >= hi):  # `트럼프 행정부는` is the organisation the tagger names
            for w in self.units[bisect_left(self.unit_starts, lo) : u.idx + 1]:
                name = self.index.person_by_word(w.core)
                if name:
                    break
        if name is not None:
            name = self.index.full_name(name, title, lo)
            role = self._role_in(name, lo, hi)
            if role is not None:
                t, aff = role.title, role.affiliation.name if role.affiliation else None
                if title and t and not t.endswith(title):
                    t, aff = self.index.role_of(name, title)
            else:
                t, aff = self.index.role_of(name, title)
                if aff is None and orgs:
                    aff = orgs[0].name
            return Speaker("person", name, "PER", t, aff)
        plural_title = head.endswith("들") and head[:-1] in self.titles  # `의원들은`
        anonymous = head in ANONYMOUS or plural_title or any(w.core in UNNAMED for w in self._units(lo, hi))
        if plural_title and title is None:
            title = head[:-1]
        if anonymous or (orgs and head in self.titles):
            aff = orgs[0].name if orgs else None
            return Speaker("anonymous", None, None, title, aff)
        if orgs and (orgs[-1].end >= hi or head in ORG_SIDE or head in SOURCE_HEADS):
            o = orgs[-1] if orgs[-1].end >= hi else orgs[0]
            name = self.org_alias.get(o.name, o.name)
            return Speaker("organisation", self._without_place(name), o.type, None, None)
        if head == "사람" and any(w.core == "두" for w in words):
            return self._first_of_pair(lo)
        if not orgs:
            noun = head
            if head in ORG_SIDE and len(words) >= 2:
                noun = words[-2].core  # `소속사 측은`
            return self._org_referent(noun, lo)
        return None

    def _org_referent(self, noun: str, pos: int) -> Speaker | None:
        """The organisation a generic noun stands for (`GENERIC_ORGS`, `SHORT_REFERENTS`): the nearest one written
        next to the noun (`소속사 한빛엔터`, `한빛엔터 소속사`) or ending in it (`서울시` for `시`), before ``pos`` first;
        else the noun itself (not for one syllable)."""
        if noun not in GENERIC_ORGS and noun not in SHORT_REFERENTS:
            return None
        cands: list[tuple[int, Ent]] = []
        for e in self.ents:
            if e.type not in ("ORG", "LOC") or e.name == noun:
                continue
            ends = e.name.endswith(noun) and len(e.name) > len(noun)
            if e.type == "LOC" and noun not in SHORT_REFERENTS:
                continue
            beside = (
                self.text[max(e.start - len(noun) - 1, 0) : e.start] == noun + " "
                or self.text[e.end : e.end + len(noun) + 1] == " " + noun
            )
            if ends or (beside and noun in GENERIC_ORGS):
                cands.append((e.start, e))
        before = [c for c in cands if c[0] < pos]
        if before or cands:
            e = max(before)[1] if before else min(cands)[1]
            name = self.org_alias.get(e.name, e.name)
            return Speaker("organisation", self._without_place(name), "ORG", None, None)
        if noun in GENERIC_ORGS:
            return Speaker("organisation", noun, "ORG", None, None)
        return None

    def _head(self, u: Unit) -> Unit | None:
        """The noun the particle of ``u`` follows: ``u`` itself, or the word before a parenthesis
        (`최고경영자(CEO)는`)."""
        if u.toks:
            return u
        before = self.units[u.idx - 1] if u.idx > 0 else None
        if u.tail and u.tail[0].form != ")" and (before is None or self.text[before.start : before.start + 1] != ")"):
            return None  # a particle alone is the noun's only right after the parenthesis
        for k in range(u.idx - 1, max(u.idx - 5, 0), -1):
            w = self.units[k]
            if not w.toks and self.text[w.start : w.start + 1] == "(":
                before = self.units[k - 1]
                return before if before.toks else None
        return None

    def _without_place(self, name: str) -> str:
        """An organisation without the places the tagger's convention joins before it (`미국 연방항소법원` →
        `연방항소법원`)."""
        words = name.split()
        while len(words) > 1:
            entry = self.gz.lookup(words[0])
            if entry is None or entry.type != "LOC":
                break
            words = words[1:]
        return " ".join(words)

    def _first_of_pair(self, pos: int) -> Speaker | None:
        """`두 사람은`: the first of the people the sentence before names."""
        k = bisect_left(self.unit_starts, pos) - 1
        if k < 0:
            return None
        sent = self.units[k].sent
        lo = k
        while lo > 0 and self.units[lo - 1].sent == sent:
            lo -= 1
        people = self.index.in_range(self.units[lo].start, pos)
        if len(people) < 2:
            return None
        name = self.index.full_name(people[0].name, None, people[0].start)
        t, aff = self.index.role_of(name, None)
        return Speaker("person", name, "PER", t, aff)

    def _units(self, lo: int, hi: int) -> list[Unit]:
        a = bisect_left(self.unit_starts, lo)
        b = bisect_right(self.unit_starts, hi)
        return self.units[a:b]

    def _role_in(self, name: str, lo: int, hi: int) -> Role | None:
        for r in self.index.role_titles.get(name, ()):
            if r.start < hi and lo < r.end:
                return r
        return None

    # ---- clauses ------------------------------------------------------------------------------------
    def _embedded(self, u: Unit, hi: int) -> bool:
        """A subject whose first predicate is an adnominal before a bound noun (`표명한 데 대해`, `출자 중인`)."""
        for w in self.units[u.idx + 1 :]:
            if w.start >= hi:
                return False
            tags = [t.tag for t in w.tail]
            if any(t.startswith("E") for t in tags) or "VCP" in tags:
                if "ETM" not in tags:
                    return False
                if "NNB" in w.core_tags:
                    return True
                nxt = self.units[w.idx + 1] if w.idx + 1 < len(self.units) else None
                return nxt is not None and nxt.core_tags[:1] == ("NNB",)
        return False

    def _subject(
        self, lo: int, hi: int, quotes: Sequence[tuple[int, int]], *, after: bool, reported: bool = False
    ) -> tuple[bool, Speaker | None, Unit | None]:
        """(found a subject?, its speaker, its unit) among the words in [lo, hi) outside quotes."""
        cands = [
            u
            for u in self._units(lo, hi - 1)
            if particle_of(u)
            and _end(u) <= hi
            and not self._quoted(u.start, quotes)
            and not self._labelled(u.start)
            and u.core not in BOUND_NOUNS  # `… 발언을 한 것은`: no one
        ]
        groups = (SUBJECT, TOPIC) if reported else (TOPIC, SUBJECT)
        for group in groups:
            hits = [u for u in cands if particle_of(u) in group]
            if not after:
                hits = [u for u in hits if group is TOPIC or not self._embedded(u, hi)]
            if after:
                hits = [
                    u
                    for u in hits
                    if not QUOTATIVE_AFTER.search(self.text[u.end : self._clause_end(u.end)])
                    and not (group is SUBJECT and self._embedded(u, hi))
                    and not self._clause_ended(lo, u.start)
                ]
            if not hits:
                continue
            u = hits[0] if after else hits[-1]
            if u.core in PRONOUNS or u.core in ("그", "그녀"):
                return True, self._last_person(u.start), u
            return True, self.np_speaker(u), u
        return False, None, None

    def _clause_ended(self, lo: int, hi: int) -> bool:
        """Between the quote (ending at ``lo``) and a subject after it, its verb of saying ended its clause (`“…”고
        했고, 박 의원은 …`): that subject is the next clause's."""
        for w in self._units(lo, hi - 1):
            toks = [*w.toks, *w.tail]
            if not toks:
                continue
            if any(t.form == "," for t in w.tail) or (not w.toks and self.text[w.start : w.start + 1] == ","):
                return True
            if toks[-1].tag == "EC" and any(t.tag in ("VV", "VX", "XSV", "VA") for t in toks):
                return True
        return False

    def _clause_end(self, pos: int) -> int:
        m = SENTENCE_END.search(self.text, pos)
        nxt = self.text.find("“", pos)
        end = m.start() if m else len(self.text)
        return min(end, nxt) if nxt >= 0 else end

    def _labelled(self, pos: int) -> bool:
        """Inside a term in single quotes (`'죽도(竹島)는 일본 땅'이라는 문구`): no subject of the sentence."""
        k = bisect_right(self._label_starts, pos) - 1
        return k >= 0 and pos < self._labels[k][1]

    def _quoted(self, pos: int, quotes: Sequence[tuple[int, int]]) -> bool:
        k = bisect_right(self._quote_starts, pos) - 1
        return k >= 0 and quotes[k][0] - 1 <= pos < quotes[k][1] + 1

    def _last_person(self, pos: int) -> Speaker | None:
        k = bisect_left(self._subject_pos, pos) - 1
        return self._subject_people[k][1] if k >= 0 else None

    def _index_subjects(self, quotes: Sequence[tuple[int, int]]) -> None:
        """Every person who is a topic or subject outside quotes (not in a relative clause), in order."""
        self._subject_people: list[tuple[int, Speaker]] = []
        self._unnamed_topics: list[int] = []  # topics that name nobody a quote can go to (`연구팀은`)
        for u in self.units:
            particle = particle_of(u)
            if not (particle in TOPIC or particle in SUBJECT) or self._quoted(u.start, quotes):
                continue
            if u.core in PRONOUNS or u.core in ("그", "그녀"):
                continue
            if particle == "도" or (particle in SUBJECT and self._embedded(u, self._clause_end(u.end))):
                continue
            sp = self.np_speaker(u)
            if sp is None and particle in TOPIC and self._opens_sentence(u):
                self._unnamed_topics.append(u.start)
            if sp is not None and sp.kind in ("person", "anonymous"):
                self._subject_people.append((u.start, sp))
        self._subject_pos = [p for p, _ in self._subject_people]

    def _opens_sentence(self, u: Unit) -> bool:
        """The noun phrase of ``u`` starts its sentence, after one adverb at most (`연구팀은`, `이후 연구팀은`)."""
        k = bisect_left(self.unit_starts, self._np_start(u))
        before = 0
        while k > 0 and self.units[k - 1].sent == u.sent and "\n" not in self.units[k].pre_gap:
            k -= 1
            before += 1
        return before <= 1

    # ---- other forms --------------------------------------------------------------------------------
    def _named_before(self, s: int, heading: bool) -> tuple[bool, Speaker | None]:
        """A name right before the quote mark: headline `이름 “…”`, `이름, “…”`, a caption `[이름/기관 직함 : “…”]`.
        In a heading, a noun phrase there that names no person (`기업 수장들 “…”`) is the speaker too: nobody."""
        line_start = self.text.rfind("\n", 0, s) + 1
        before = self.text[line_start : s - 1]
        m = CAPTION.search(before)
        if m:
            sp = self._caption(m.group(1), m.group(2), strict=False)
            return sp is not None, sp
        sp = self._caption_line(before)
        if sp is not None:
            return True, sp
        stripped = before.rstrip(" ,:")
        k = bisect_right(self.unit_starts, line_start + len(stripped) - 1) - 1
        u = self.units[k] if k >= 0 and self.units[k].start >= line_start else None
        if u is None or not u.toks or not u.open_end or u.end != line_start + len(stripped):
            if heading:
                sp = self._heading_subject(line_start, s)
                return sp is not None, sp
            return False, None
        sp = self.np_speaker(u)
        if sp is not None and (sp.kind == "person" or (heading and sp.kind == "organisation")):
            return True, sp
        if heading:
            return True, self._heading_subject(line_start, s)
        return False, None

    def _heading_subject(self, line_start: int, s: int) -> Speaker | None:
        """The person a heading's words before its quote name as the one speaking: one marked as the subject
        (`밴스 부통령, 규제 정비 약속 “…”`, `李는`), else the first (a one-letter surname in Chinese characters,
        `李 여수 찾아 “…”`, stands for the article's person of that surname)."""
        lo = line_start
        for a, b in self.headings:
            if a <= s <= b:
                lo = max(lo, a)
        closed = max(self.text.rfind("”", lo, s - 1), self.text.rfind('"', lo, s - 1))
        lo = max(lo, closed + 1)
        cands: list[tuple[int, str]] = []
        for p in self.index.in_range(lo, s - 1):
            cands.append((p.start, p.name))
        # NFKC: Korean text often writes the compatibility form (U+F9E1 for 李); one letter stays one letter.
        segment = unicodedata.normalize("NFKC", self.text[lo : s - 1])
        if len(segment) != s - 1 - lo:
            segment = "".join(unicodedata.normalize("NFKC", c)[:1] or c for c in self.text[lo : s - 1])
        for m in HANJA_SURNAME.finditer(segment):
            name = self._by_surname(HANJA_SURNAMES[m.group(1)])
            if name:
                cands.append((lo + m.start(1), name))
        if not cands:
            return None
        cands.sort()

        def marked(pos: int) -> bool:
            k = bisect_right(self.unit_starts, pos) - 1
            while 0 <= k < len(self.units) and self.units[k].open_end and self.units[k].start < s - 1:
                k += 1  # to the end of the noun phrase (`밴스 부통령,`)
            if not 0 <= k < len(self.units):
                return False
            u = self.units[k]
            comma = any(t.form == "," for t in u.tail) or self.text[_end(u) : _end(u) + 1] == ","
            return particle_of(u) in TOPIC or particle_of(u) in ("이", "가") or comma

        pos, name = next(((p, n) for p, n in cands if marked(p)), cands[0])
        name = self.index.full_name(name, None, pos)
        t, aff = self.index.role_of(name, None)
        return Speaker("person", name, "PER", t, aff)

    def _by_surname(self, surname: str) -> str | None:
        """The article's most mentioned Korean name with ``surname``."""
        counts: dict[str, int] = {}
        for p in self.index.mentions:
            if _korean_name(p.name) and p.name.startswith(surname) and len(p.name) >= 2 + (len(surname) - 1):
                counts[p.name] = counts.get(p.name, 0) + 1
        return max(counts, key=lambda n: (counts[n], -self.index.first_seen[n])) if counts else None

    def _caption(self, who: str, role: str | None, strict: bool = True) -> Speaker | None:
        """The speaker a caption names; ``strict``: a person's name or nothing, else a caption of someone unnamed
        (`[시민 : “…”]`, `[김 모 씨 / 피해자 가족 : “…”]`) is an anonymous speaker."""
        who = who.strip()
        name = self.index.person_by_word(who) or who
        title = aff = None
        if role:
            words = role.split()
            if any(words[-1].endswith(t) for t in self.titles if len(t) >= 2) or words[-1] in self.titles:
                title = words[-1]
                aff = " ".join(words[:-1]) or None  # `국토교통부 장관`; not `서울 마포구` (where a resident lives)
        unnamed = re.search(r"[모某○◯Ｏ*]|OO|씨$", name) is not None
        if unnamed or not (_korean_name(name) or " " in name or name in self.index.first_seen):
            if strict:
                return None
            return Speaker("anonymous", None, None, title or (name if unnamed else name.split()[-1]), aff)
        return Speaker("person", self.index.full_name(name, title, 0), "PER", title, aff)

    def _caption_line(self, line: str) -> Speaker | None:
        """A tagged caption (`[인터뷰] 이름 / 기관 직함 :`) or a bracketed `[이름 / 기관 직함]` making up ``line``."""
        m = TAGGED_CAPTION.match(line)
        if m:
            return self._caption(m.group(1), m.group(2) or m.group(3), strict=False)
        m = BRACKET_CAPTION.match(line)
        if m is None:
            return None
        who, role = m.group(1).strip(), m.group(2).split()
        titled = bool(role) and any(role[-1].endswith(t) for t in self.titles if len(t) >= 2)
        if not (titled or (role and role[-1] in self.titles)) and who not in self.index.first_seen:
            return None  # `[사진/한빛뉴스]`: a credit, not a speaker
        return self._caption(who, m.group(2))

    def _interview_line(self, s: int) -> Speaker | None:
        """A caption line (`▶ 인터뷰 : 이름 / 기관 직함`, `[이름 / 기관 직함]`) right before the quote's line."""
        line_start = self.text.rfind("\n", 0, s) + 1
        prev_end = line_start - 1
        while prev_end > 0 and not self.text[self.text.rfind("\n", 0, prev_end) + 1 : prev_end].strip():
            prev_end = self.text.rfind("\n", 0, prev_end)
        if prev_end <= 0:
            return None
        if self.text[line_start : s - 1].strip():
            return None  # the quote does not open its line
        prev = self.text[self.text.rfind("\n", 0, prev_end) + 1 : prev_end]
        return self._caption_line(prev)

    def _pointed_from_next(self, sent_hi: int, next_hi: int, quotes: Sequence[tuple[int, int]]) -> Speaker | None:
        """`“…”` alone, then `X는 이같이 말했다`: X."""
        m = POINTING_BACK.search(self.text, sent_hi, next_hi)
        if not m:
            return None
        found, sp, _ = self._subject(sent_hi, m.start(), quotes, after=False)
        return sp if found else None

    # ---- the article --------------------------------------------------------------------------------
    def attribute(
        self, spans: Sequence[tuple[int, int, str]], sources: Mapping[tuple[int, int], Unit] | None = None
    ) -> list[Attributed]:
        """``sources``: the word that names the speaker of an indirect span outside its clause (`X에 따르면`,
        `… 게 X의 설명이다`, `[…다고] X가 보도했다`)."""
        sources = sources or {}
        text = self.text
        quotes = [(s, e) for s, e, _ in spans]
        starts = sentence_bounds(text, [(s, e) for s, e, k in spans if k == "direct"])
        self._quote_starts = [s - 1 for s, _ in quotes]
        self._index_subjects(quotes)
        out: list[Attributed] = []
        last: tuple[int, Speaker] | None = None  # sentence number, speaker of the last attributed quote
        for n, (s, e, kind) in enumerate(spans):
            mark = s - 1 if kind == "direct" else s  # where the quote begins: its opening mark, or its first word
            k = bisect_right(starts, mark) - 1
            sent_lo = starts[k]
            sent_hi = starts[k + 1] if k + 1 < len(starts) else len(text)
            nxt = quotes[n + 1][0] - 1 if n + 1 < len(quotes) and quotes[n + 1][0] < sent_hi else sent_hi
            reported = bool(REPORTED_SAYING.match(text, e + 1))
            found = False
            speaker: Speaker | None = None
            in_heading = any(a <= s and e <= b for a, b in self.headings)
            if in_heading and kind == "direct":
                # A heading's grammar: `이름 “…”`, `이름, 무엇 “…”`; a clause after the quote is another heading's.
                found, speaker = self._named_before(s, True)
            if found:
                pass
            elif (s, e) in sources:
                src = sources[(s, e)]
                pronoun = src.core in PRONOUNS or src.core in ("그", "그녀")
                speaker = self._last_person(src.start) if pronoun else self.np_speaker(src)
                if speaker is None and src.particle == "에":
                    # `제출받은 자료에 따르면`: a document; the clause's subject tells, or nobody. A subject naming
                    # nobody after the content (`이 매체는 보도했다`) or an owner (`취재진의 질문`) is still the one.
                    _, speaker, _ = self._subject(sent_lo, mark, quotes, after=False)
                found = True
            if found:
                pass
            elif kind == "direct":
                found, speaker, _ = self._subject(e + 1, nxt, quotes, after=True)
            if not found:
                found, speaker, _ = self._subject(sent_lo, mark, quotes, after=False, reported=reported)
            if not found:
                found, speaker = self._named_before(s, in_heading)
                if not found:
                    speaker = self._interview_line(s)
                    found = speaker is not None
            if not found and not text[sent_lo:mark].strip(" \n“\"‘'") and kind == "direct":
                next_hi = starts[k + 2] if k + 2 < len(starts) else len(text)
                speaker = self._pointed_from_next(sent_hi, next_hi, quotes)
                found = speaker is not None
            explicit = found
            if not found and any(a <= s and e <= b for a, b in self.headings):
                explicit = False  # a heading's quote: the body quote it repeats tells (`headline_speakers`)
            elif not found:
                speaker = self._fallback(s, k, last, starts)
            if speaker is not None:
                last = (k, speaker)
            out.append(Attributed(s, e, kind, speaker, explicit))
        return out

    def _fallback(self, s: int, k: int, last: tuple[int, Speaker] | None, starts: list[int]) -> Speaker | None:
        """No subject: the later of the last speaker and the last person subject, a few sentences back at most."""
        j = bisect_left(self._subject_pos, s) - 1
        person = None
        if j >= 0:
            pos, sp = self._subject_people[j]
            ps = bisect_right(starts, pos) - 1
            if k - ps <= FALLBACK_SENTENCES:
                person = (ps, sp)
        if last is not None and k - last[0] > FALLBACK_SENTENCES:
            last = None
        t = bisect_left(self._unnamed_topics, s) - 1
        if t >= 0:
            ts = bisect_right(starts, self._unnamed_topics[t]) - 1
            if ts >= max(person[0] if person else -1, last[0] if last else -1):
                return None  # `연구팀은 … 마쳤다. … 않았다는 설명이다`: the topic since then is who speaks
        if person is None:
            return last[1] if last else None
        if last is None or person[0] > last[0]:
            return person[1]
        return last[1]


def headline_speakers(text: str, quotes: list[Attributed], headings: Iterable[tuple[int, int]]) -> None:
    """A quote in a heading line that its own words credit to nobody takes the speaker whose body quotes it
    repeats or sums up (most shared two-letter pieces, at least half of its own)."""
    heads = list(headings)
    for q in quotes:
        if q.speaker is not None or q.explicit or not any(a <= q.start and q.end <= b for a, b in heads):
            continue
        mine = _bigrams(text[q.start : q.end])
        if len(mine) < 2:
            continue
        # A heading sums up several quotes of one speaker: each speaker's body quotes count together.
        pieces: dict[Speaker, set[str]] = {}
        for other in quotes:
            if other is q or other.speaker is None or any(a <= other.start and other.end <= b for a, b in heads):
                continue
            pieces.setdefault(other.speaker, set()).update(_bigrams(text[other.start : other.end]))
        best, best_share = None, 0.5
        for speaker, theirs in pieces.items():
            share = len(mine & theirs) / len(mine)
            if share >= best_share:
                best, best_share = speaker, share
        if best is not None:
            q.speaker = best


def _bigrams(s: str) -> set[str]:
    out: set[str] = set()
    for word in re.findall(r"[가-힣A-Za-z0-9]+", s):
        out.update(word[i : i + 2] for i in range(len(word) - 1))
    return out


def heading_lines(text: str) -> list[tuple[int, int]]:
    """Lines that read as headings: short, without a full stop at the end."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        # A paragraph that is one quote closing on a full stop (`“…합니다.”`) is the body's, not a heading.
        said = stripped.endswith(("”", '"')) and stripped[:-1].rstrip().endswith((".", "?", "!"))
        if stripped and len(stripped) <= HEADING_MAX and not stripped.endswith((".", "?", "!")) and not said:
            out.append((pos, end))
        pos = end + 1
    return out
