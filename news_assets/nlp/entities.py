"""Named-entity mentions and person roles from Kiwi tokens, the gazetteer and Korean phrase patterns.

Evidence, strongest first: gazetteer names (also across words: `LG AI연구원`, `CES 2024`); a person name next
to a title word in either Korean order (`최수연 네이버 대표`, `과기정통부 이종호 장관`), which also gives the
role; quoted names classified by the noun before or after them (`언어모델 ‘허니비’`); organization, place and
event suffixes on proper nouns (`…연구원`, `…구`, `…영화제`); a parenthetical short form linked to the long
form before it (`과학기술정보통신부(과기정통부)`). A person found once is found everywhere in the article, and
`surname + title` (`최 대표`) resolves to the person with that surname.

Fused titles (`LG AI연구원장`, `서울시장`, `공정거래위원장`): the entity is the longest prefix that is a name
(`LG AI연구원`, `서울시`, `공정거래위`) and the title is the title word in full (`원장`, `시장`, `위원장`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from .gazetteer import Entry, Gazetteer, norm_key
from .lexicon import (
    COMPOUND_SURNAMES,
    EVENT_CUES,
    EVENT_SUFFIX,
    LAUNCH_VERBS,
    LOC_NOT,
    LOC_SUFFIX_ADMIN,
    LOC_SUFFIX_VENUE,
    NOT_NAMES,
    ORG_APPOSITION,
    ORG_NOT,
    ORG_SUFFIX_STRONG,
    ORG_SUFFIX_WEAK,
    PARTY_NOT_ENDINGS,
    PARTY_TITLES,
    PRODUCT_CUES,
    SHORT_VENUE,
    SPORTS_CONTEXT,
    SPORTS_TITLES,
    SURNAMES,
    TEAM_NICK_ENDINGS,
    TITLE_ENDINGS,
    TITLE_MODIFIERS,
    VENUE_NOT,
    WEAK_TITLES,
    WORK_CUES,
)
from .units import MODIFIER_PARTS, Unit, chunks

# Priorities decide overlaps: the more specific evidence wins.
P_ROLE, P_QUOTED, P_GAZ, P_PAREN, P_RULE, P_SPREAD, P_LONE = 60, 55, 50, 45, 30, 25, 10
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_EVENT_PREFIX = re.compile(r"^(?:19|20)\d\d학년도$")
_ORDINAL_TITLE = re.compile(r"^제?\d+")
_SPEECH_END = re.compile(r"(?:다|요|까|죠|냐|자|라|네|지|나|군|어|아|마)[.!?…~]*$")
_QUOTATIVE = re.compile(r"^\s*(?:이?라고|고\b|고 |며|이?라며|라면서|면서|하고|이?라는|는 )")
_NAME_MARKS = {"‘": "’", "“": "”", "《": "》", "〈": "〉", "「": "」", "『": "』", "<": ">", "'": "'"}


def _suffix_room(core: str, suffixes: tuple[str, ...], room: int) -> bool:
    """Whether some suffix of ``suffixes`` that ``core`` ends with leaves ``room`` characters before it."""
    return any(core.endswith(suf) and len(core) - len(suf) >= room for suf in suffixes)


_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_CUES = (("PRODUCT", PRODUCT_CUES), ("WORK", WORK_CUES), ("EVENT", EVENT_CUES))
_LONG_CUES = tuple((typ, tuple(c for c in cues if len(c) >= 2)) for typ, cues in _CUES)


def _is_space_gap(gap: str) -> bool:
    return bool(gap) and not gap.strip() and "\n" not in gap


def _hangul(s: str) -> bool:
    return _HANGUL.fullmatch(s) is not None


def not_a_name(core: str, gz: Gazetteer) -> bool:
    """Name-shaped words that are not people: `NOT_NAMES` and languages (`<country>어`: `한국어`, `태국어`)."""
    if core in NOT_NAMES:
        return True
    if core.endswith("어") and len(core) >= 2:
        entry = gz.lookup(core[:-1], nnp=True)
        return entry is not None and entry.type == "LOC"
    return False


def party_shaped(core: str) -> bool:
    """`한길당`, `새물결당`, `개혁신당`: a word that is named like a political party (not `식당`, `여당`)."""
    return (
        core.endswith("당")
        and 3 <= len(core) <= 7
        and _hangul(core)
        and core[-2:] not in PARTY_NOT_ENDINGS
        and core[-3:] not in PARTY_NOT_ENDINGS
    )


@dataclass(slots=True)
class Ent:
    start: int
    end: int
    name: str
    type: str
    sent: int
    priority: int
    title: str | None = None  # set on PER mentions that come with a title


@dataclass(slots=True)
class Role:
    person: Ent
    title: str | None
    affiliation: Ent | None
    start: int
    end: int


@dataclass(slots=True)
class Elem:
    kind: str  # ENT TITLE NAME MOD SURNAME NOUN
    start: int
    end: int
    text: str
    unit: Unit
    entry: Entry | None = None
    proper: bool = False
    rule: bool = False  # an entity known from its suffix or position, not from the gazetteer


@dataclass(slots=True)
class Found:
    ents: list[Ent] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    # short form -> long form for this article (`AI` -> `인공지능`), used by keywords too
    aliases: dict[str, str] = field(default_factory=dict)


class Extractor:
    """Entity rules for one article; `run()` fills `found`."""

    def __init__(self, text: str, units: list[Unit], gz: Gazetteer) -> None:
        self.text = text
        self.units = units
        self.gz = gz
        self.found = Found()
        self.shorts: list[tuple[int, int, str, str, int]] = []  # start, end, surname, title, sent
        self.new_names: dict[str, str] = {}  # names learnt from this article -> type
        self.alias_names: dict[str, str] = {}  # short form learnt from a parenthesis -> canonical name
        self.lone: list[Elem] = []  # name-shaped words with no title: people only if nothing else claims them
        # Names this article defines before using them (`누리전자 썬더스` … `썬더스는`, `한국교육과정평가원(평가원)`
        # … `평가원 원장`): key -> entry, consulted before the gazetteer.
        self.local: dict[str, Entry] = {}
        self.teams: dict[str, Entry] = {}  # first word -> club, for `누리전자 감독`
        self.paren_names: dict[str, Entry] = {}  # short form in a parenthesis -> the long form's entity
        self._unit_ends = [u.end for u in units]
        self._sent_spans: dict[int, tuple[int, int]] = {}
        for u in units:
            lo, hi = self._sent_spans.get(u.sent, (u.start, u.end))
            self._sent_spans[u.sent] = (min(lo, u.start), max(hi, u.end))

    # ---- vocabulary tests -------------------------------------------------------------------------
    def lookup(self, surface: str, *, nnp: bool = False) -> Entry | None:
        """A name this article defined, else the gazetteer's entry."""
        if self.local:
            entry = self.local.get(norm_key(surface))
            if entry is not None:
                return entry
        return self.gz.lookup(surface, nnp=nnp)

    def is_title(self, s: str) -> bool:
        if s in self.gz.titles:
            return True
        stripped = _ORDINAL_TITLE.sub("", s)
        return stripped != s and stripped in self.gz.titles

    def suffix_entity(self, core: str, toks, *, relaxed: bool = False) -> Entry | None:
        """An unknown name made a name by its suffix (`한국미래연구원`, `내곡동`, `보령머드축제`). ``relaxed``: the
        position already says the word is an organization (`권도하 다온증권 연구원`), so a generic suffix
        (`증권`, `건설`) counts without a proper noun in the word."""
        if not core or core in ORG_NOT:
            return None
        if core.endswith(ORG_SUFFIX_STRONG) and _suffix_room(core, ORG_SUFFIX_STRONG, 2):
            return Entry(core, "ORG")
        if relaxed and _hangul(core) and core.endswith(ORG_SUFFIX_WEAK) and _suffix_room(core, ORG_SUFFIX_WEAK, 2):
            return Entry(core, "ORG")
        # A proper noun in the word, or a word Kiwi cut after a glued modifier (`한결/MAG 건설`: unknown to it).
        if not any(t.tag in ("NNP", "SL") for t in toks) and toks[0].tag not in MODIFIER_PARTS:
            return None
        if core.endswith(ORG_SUFFIX_WEAK) and _suffix_room(core, ORG_SUFFIX_WEAK, 2):
            return Entry(core, "ORG")
        if party_shaped(core):
            return Entry(core, "ORG")
        if not core.endswith(LOC_NOT) and core not in VENUE_NOT:
            if core.endswith(LOC_SUFFIX_VENUE) and _suffix_room(core, LOC_SUFFIX_VENUE, 2):
                short_ok = len(toks) == 1 or (toks[-1].form == core[-1] and toks[-2].tag == "NNP")
                if core[-1] not in SHORT_VENUE or short_ok:
                    return Entry(core, "LOC")
            if (
                core.endswith(LOC_SUFFIX_ADMIN)
                and toks[0].tag == "NNP"
                and 3 <= len(core) <= 5
                and _hangul(core)
                and _suffix_room(core, LOC_SUFFIX_ADMIN, 2)
            ):
                return Entry(core, "LOC")
        if core.endswith(EVENT_SUFFIX) and _suffix_room(core, EVENT_SUFFIX, 2):
            return Entry(core, "EVENT")
        return None

    def name_shaped(self, u: Unit) -> bool:
        """2–4 Hangul syllables starting with a surname, read by Kiwi as a proper noun (or as surname +
        common noun, `박/NNP 하늘/NNG`)."""
        core = u.core
        if not _hangul(core) or not 2 <= len(core) <= 4 or not_a_name(core, self.gz):
            return False
        tags = u.core_tags
        if any(tag != "NNP" for tag in tags):
            # Kiwi often reads the given name as a common noun or a suffix (`박/NNP 하늘/NNG`, `오경/NNP 택/NNG`,
            # `고은/NNP 성/XSN`).
            if tags[0] != "NNP" or any(tag not in ("NNP", "NNG", "XSN") for tag in tags):
                return False
            if len(core) != 3 and not (len(core) == 4 and u.toks[0].form in COMPOUND_SURNAMES):
                return False
            if self.gz.lookup(u.toks[0].form, nnp=True) is not None:
                return False  # `한국/NNP 형/XSN`, `미국/NNP 산/NNG`: a known name and a suffix
        if len(core) == 4:
            return core[:2] in COMPOUND_SURNAMES
        return core[0] in SURNAMES or core[:2] in COMPOUND_SURNAMES

    # ---- units to elements ------------------------------------------------------------------------
    def classify(self, u: Unit) -> list[Elem]:
        core, toks = u.core, u.toks
        if len(toks) == 1 and core in TITLE_MODIFIERS:
            return [Elem("MOD", u.start, u.end, core, u)]
        entry = self.lookup(core, nnp=all(t == "NNP" for t in u.core_tags))
        if entry is not None:
            return [Elem("ENT", u.start, u.end, core, u, entry)]
        if self.is_title(core):
            return [Elem("TITLE", u.start, u.end, core, u)]
        # Suffix before fused titles: `한국미래전략연구원` is an institute, not `한국미래전략` + 연구원 (researcher).
        entry = self.suffix_entity(core, toks)
        if entry is not None:
            return [Elem("ENT", u.start, u.end, core, u, entry, rule=True)]
        fused = self._fused_title(u)
        if fused:
            return fused
        if self.name_shaped(u):
            return [Elem("NAME", u.start, u.end, core, u)]
        if (len(core) == 1 and core in SURNAMES) or core in COMPOUND_SURNAMES:
            return [Elem("SURNAME", u.start, u.end, core, u)]
        proper = any(tag in ("NNP", "SL") for tag in u.core_tags)
        return [Elem("NOUN", u.start, u.end, core, u, proper=proper)]

    def _fused_title(self, u: Unit) -> list[Elem] | None:
        toks, text = u.toks, self.text
        for j in range(1, len(toks)):
            ts = toks[j].start
            nnp = all(t.tag == "NNP" for t in toks[:j])
            title = text[ts : u.end]
            head = text[u.start : ts]
            if toks[-1].form == "장" and j == len(toks) - 1:
                # `LG AI연구원`+`장`, `식약처`+`장`: the title takes the name's last syllable (원장, 처장).
                known = self.lookup(head, nnp=nnp)
                entry = known or self.suffix_entity(head, toks[:j])
                if entry is not None and self.is_title(head[-1] + "장"):
                    return [
                        Elem("ENT", u.start, ts, head, u, entry, rule=known is None),
                        Elem("TITLE", ts - 1, u.end, head[-1] + "장", u),
                    ]
                continue
            if not self.is_title(title):
                continue
            # `서울`+`시장` → 서울시 + 시장; `금융`+`위원장` → 금융위 + 위원장; `성동`+`구청장` → 성동구 + 구청장.
            # Known names before suffix rules, longer before shorter: `서울`+`시장` → 서울시; `성동구`+`청장` →
            # 성동구 + 구청장 rather than an unknown `성동구청` + 청장.
            for use_rules in (False, True):
                for k in range(len(title) - 1, 0, -1):
                    cand = head + title[:k]
                    entry = self.suffix_entity(cand, toks[:j]) if use_rules else self.lookup(cand, nnp=nnp)
                    if entry is not None:
                        ent = Elem("ENT", u.start, ts + k, cand, u, entry, rule=use_rules)
                        return [ent, Elem("TITLE", ts, u.end, title, u)]
                entry = self.suffix_entity(head, toks[:j]) if use_rules else self.lookup(head, nnp=nnp)
                if entry is not None:
                    ent = Elem("ENT", u.start, ts, head, u, entry, rule=use_rules)
                    if self.is_title(head[-1] + title):  # 경기도+지사 → 도지사, 성동구+청장 → 구청장
                        return [ent, Elem("TITLE", ts - 1, u.end, head[-1] + title, u)]
                    return [ent, Elem("TITLE", ts, u.end, title, u)]
            person_like = head[0] in SURNAMES or head[:2] in COMPOUND_SURNAMES
            if j == 1 and toks[0].tag == "NNP" and _hangul(head) and 2 <= len(head) <= 4 and person_like:
                return [Elem("NAME", u.start, ts, head, u), Elem("TITLE", ts, u.end, title, u)]
            if {t.tag for t in toks[:j]} <= {"NNG", "NNP", "XSN", "SN", "XPN", "NNB"}:
                return [Elem("TITLE", u.start, u.end, u.core, u)]  # 조사국장, 북미권역본부장
            return None
        return self._fused_in_token(u)

    def _fused_in_token(self, u: Unit) -> list[Elem] | None:
        """Kiwi knows some fused titles as one word (`서울시장/NNG`): split by characters, but only where the
        part before the title is a known name (`국제회의장` is a hall, not `국제회` + 의장)."""
        core = u.core
        for p in range(2, len(core) - 1):
            title = core[p:]
            if not self.is_title(title):
                continue
            head = core[:p]
            for k in range(len(title) - 1, -1, -1):
                entry = self.gz.lookup(head + title[:k], nnp=True)
                if entry is not None:
                    return [
                        Elem("ENT", u.start, u.start + p + k, head + title[:k], u, entry),
                        Elem("TITLE", u.start + p, u.end, title, u),
                    ]
        return None

    # ---- main -------------------------------------------------------------------------------------
    def run(self) -> Found:
        all_chunks = chunks(self.units)
        self._learn_teams(all_chunks)
        self._learn_parentheses()
        all_chunks = self._join_asides(all_chunks)
        for ch in all_chunks:
            self._chunk(ch)
        self._quoted_names()
        self._parentheses()
        for e in self.lone:
            self.add(e.start, e.end, Entry(e.text, "PER"), e.unit.sent, P_LONE)
        self._spread()
        self._paren_names_everywhere()
        self._resolve_shorts()
        return self.found

    def add(self, start: int, end: int, entry: Entry, sent: int, priority: int, title: str | None = None) -> Ent:
        ent = Ent(start, end, entry.name, entry.type, sent, priority, title)
        self.found.ents.append(ent)
        return ent

    def _learn_teams(self, all_chunks: list[list[Unit]]) -> None:
        """In a sports report, `<organization> <nickname>` (`누리전자 썬더스`, `한결건설 해머스`) is a club, and the
        nickname alone (`썬더스는`) names it too; the organization's word before a sports title is the club."""
        words = {u.core for u in self.units}
        if len(words & SPORTS_CONTEXT) < 2:
            return
        for ch in all_chunks:
            for n, (a, b) in enumerate(pairwise(ch)):
                nick = b.core
                if n + 2 < len(ch) and self.is_title(ch[n + 2].core):
                    continue  # `노하람 썬더스 감독`: a coach and the club's nickname
                if not (_hangul(nick) and len(nick) >= 3 and nick.endswith(TEAM_NICK_ENDINGS)):
                    continue
                if not set(b.core_tags) <= {"NNP", "NNG"} or "NNP" not in b.core_tags:
                    continue
                if self.gz.lookup(f"{a.core} {nick}", nnp=True) is not None:
                    continue  # a club the gazetteer knows (`LG 트윈스`)
                known = self.gz.lookup(a.core, nnp=all(t == "NNP" for t in a.core_tags))
                org = known if known is not None else self.suffix_entity(a.core, a.toks, relaxed=True)
                proper = any(t in ("NNP", "SL") for t in a.core_tags)
                if (org is None and not proper) or (org is not None and org.type != "ORG"):
                    continue
                entry = Entry(f"{a.core} {nick}", "ORG")
                self.local[norm_key(entry.name)] = entry
                self.local.setdefault(norm_key(nick), entry)
                self.teams.setdefault(norm_key(a.core), entry)

    def _learn_parentheses(self) -> None:
        """`한국교육과정평가원(평가원)`: the short form names the long one everywhere in the article, also in the
        phrases read before the parenthesis rules run (`방지호 평가원 원장`)."""
        us, text = self.units, self.text
        for n in range(1, len(us) - 2):
            o, short, c = us[n], us[n + 1], us[n + 2]
            if text[o.start : o.start + 1] != "(" or text[c.start : c.start + 1] != ")":
                continue
            long_u = us[n - 1]
            if not long_u.toks or long_u.end != o.start or short.end != c.start or not short.toks:
                continue
            if len(short.core) > 12 or norm_key(short.core) in self.local:
                continue
            nnp = all(t == "NNP" for t in long_u.core_tags)
            entry = self.lookup(long_u.core, nnp=nnp) or self.suffix_entity(long_u.core, long_u.toks)
            if entry is None or entry.type not in ("ORG", "LOC"):
                continue
            known = self.gz.lookup(short.core, nnp=True)
            if known is not None and known.type != entry.type:
                continue
            self.local[norm_key(short.core)] = Entry(entry.name, entry.type)

    def _join_asides(self, all_chunks: list[list[Unit]]) -> list[list[Unit]]:
        """`방지호 한국교육과정평가원(평가원) 원장`: a short form in parentheses right after a name does not end the
        phrase when a title or more words follow it (the short form stays a phrase of its own)."""
        by_first = {ch[0].idx: k for k, ch in enumerate(all_chunks)}
        joined: dict[int, list[Unit]] = {}
        dropped: set[int] = set()
        for k, ch in enumerate(all_chunks):
            a = ch[-1]
            b_idx = a.idx + 4
            kb = by_first.get(b_idx)
            if kb is None or not self._aside_between(a, self.units[b_idx]):
                continue
            entry = self.lookup(a.core, nnp=all(t == "NNP" for t in a.core_tags)) or self.suffix_entity(a.core, a.toks)
            nxt = all_chunks[kb]
            if entry is None or entry.type != "ORG":
                continue  # `서울(연합뉴스) 김철수 기자`: a dateline, not an affiliation
            if not (self.is_title(nxt[0].core) or len(nxt) > 1):
                continue
            joined[k] = ch + nxt
            dropped.add(kb)
        if not joined:
            return all_chunks
        return [joined.get(k, ch) for k, ch in enumerate(all_chunks) if k not in dropped]

    def _aside_between(self, a: Unit, b: Unit) -> bool:
        """Whether the text reads `a(x) b`: one word in parentheses glued to ``a``, then a space."""
        us, text = self.units, self.text
        i = a.idx
        if not a.open_end or a.sent != b.sent or not _is_space_gap(b.pre_gap):
            return False
        o, x, c = us[i + 1], us[i + 2], us[i + 3]
        return (
            text[o.start : o.start + 1] == "("
            and o.start == a.end
            and bool(x.toks)
            and x.start == o.start + 1
            and text[c.start : c.start + 1] == ")"
            and c.start == x.end
        )

    def _names_in_role_slots(self, elems: list[Elem]) -> None:
        """`장서/NNG 후/NNG 한국게임산업협회 회장`: a three-syllable word starting with a surname, between nothing and
        an organization followed by a title (or between an organization and a title), is a person even when
        Kiwi read it as common nouns."""
        n = len(elems)
        for k, e in enumerate(elems):
            if e.kind != "NOUN" or len(e.text) != 3 or not _hangul(e.text) or e.text[0] not in SURNAMES:
                continue
            if not set(e.unit.core_tags) <= {"NNG", "NNP", "XSN", "NNB"} or not_a_name(e.text, self.gz):
                continue
            if self.gz.lookup(e.unit.toks[0].form, nnp=True) is not None:
                continue
            after_org = k + 1 < n and elems[k + 1].kind == "ENT" and elems[k + 1].entry.type in ("ORG", "LOC")
            before_org = k >= 1 and elems[k - 1].kind == "ENT" and elems[k - 1].entry.type in ("ORG", "LOC")
            if (after_org and self._title_ahead(elems, k + 2)) or (
                before_org and k + 1 < n and elems[k + 1].kind == "TITLE"
            ):
                elems[k] = Elem("NAME", e.start, e.end, e.text, e.unit)

    def _parties(self, elems: list[Elem]) -> None:
        """`새물결당 의원`, `주한결 새물결당 의원`, `새물결당 주한결 의원`: a word named like a party, right before a
        party member's title (or before a name and that title), is a party."""
        n = len(elems)
        for k, e in enumerate(elems):
            if e.kind not in ("NOUN", "NAME") or not party_shaped(e.text):
                continue
            nxt = elems[k + 1] if k + 1 < n else None
            if nxt is not None and nxt.kind == "NAME" and k + 2 < n:
                nxt = elems[k + 2]
            if nxt is not None and nxt.kind == "TITLE" and nxt.text in PARTY_TITLES:
                elems[k] = Elem("ENT", e.start, e.end, e.text, e.unit, Entry(e.text, "ORG"), rule=True)

    def _chunk(self, ch: list[Unit]) -> None:
        elems: list[Elem] = []
        i = 0
        while i < len(ch):
            span = self._multi_unit_gaz(ch, i)
            if span:
                j, found = span
                elems.extend(found)
                i = j
                continue
            elems.extend(self.classify(ch[i]))
            i += 1
        self._year_suffix(elems)
        self._parties(elems)
        self._names_in_role_slots(elems)
        self._apposition(elems)
        used: set[int] = set()
        self._roles(elems, used)
        for n, e in enumerate(elems):
            if n in used:
                continue
            if e.kind == "ENT":
                prio = P_RULE if e.rule else P_GAZ
                self.add(e.start, e.end, e.entry, e.unit.sent, prio)
                if prio == P_RULE:
                    self.new_names.setdefault(e.entry.name, e.entry.type)
            elif e.kind == "NAME" and self._followed_by_ssi(e):
                self.add(e.start, e.end, Entry(e.text, "PER"), e.unit.sent, P_ROLE)
                self.new_names[e.text] = "PER"
            elif e.kind == "NAME" and n == len(elems) - 1 and self._lone_name(e):
                self.lone.append(e)
        self._short_candidates(elems)

    def _multi_unit_gaz(self, ch: list[Unit], i: int) -> tuple[int, list[Elem]] | None:
        """A gazetteer name over several words (`LG AI 연구원`), possibly fused with a title (`…연구원장`)."""
        if not ch[i].open_end:
            return None
        best = None
        text = self.text
        for j in range(i + 2, min(len(ch), i + 4) + 1):
            start, end = ch[i].start, ch[j - 1].end
            entry = self.lookup(text[start:end], nnp=all(t == "NNP" for u in ch[i:j] for t in u.core_tags))
            if entry is not None:
                best = (j, [Elem("ENT", start, end, text[start:end], ch[i], entry)])
            elif text[end - 1] == "장" and self.is_title(text[end - 2 : end]):
                entry = self.lookup(text[start : end - 1])
                if entry is not None:
                    ent = Elem("ENT", start, end - 1, text[start : end - 1], ch[i], entry)
                    best = (j, [ent, Elem("TITLE", end - 2, end, text[end - 2 : end], ch[j - 1])])
            if not ch[j - 1].open_end:
                break
        return best

    def _year_suffix(self, elems: list[Elem]) -> None:
        """`CES 2024`, `지스타 2025`: a year written after an event name is part of it; so is the school year written before an exam (`2027학년도 대학수학능력시험`)."""
        for n in range(len(elems) - 1, 0, -1):
            prev, e = elems[n - 1], elems[n]
            if e.kind == "ENT" and e.entry.type == "EVENT" and prev.kind == "NOUN" and _EVENT_PREFIX.match(prev.text):
                surface = self.text[prev.start : e.end]
                entry = Entry(f"{prev.text} {e.entry.name}", "EVENT")
                elems[n] = Elem("ENT", prev.start, e.end, surface, e.unit, entry, rule=e.rule)
                elems[n - 1] = Elem("NOUN", prev.start, prev.start, "", prev.unit)
        for n in range(len(elems) - 1):
            e, nxt = elems[n], elems[n + 1]
            if e.kind == "ENT" and e.entry.type == "EVENT" and nxt.kind == "NOUN" and _YEAR.match(nxt.text):
                surface = self.text[e.start : nxt.end]
                entry = Entry(f"{e.entry.name} {nxt.text}", "EVENT")
                elems[n] = Elem("ENT", e.start, nxt.end, surface, e.unit, entry, rule=e.rule)
                elems[n + 1] = Elem("NOUN", nxt.end, nxt.end, "", nxt.unit)

    def _lone_name(self, e: Elem) -> bool:
        """A name-shaped word standing alone as subject, object or list item (`전수아는`, `김가온, 이하율`)."""
        u = e.unit
        if len(e.text) != 3:
            return False
        # All proper nouns, or a two-syllable proper noun and the last syllable (`유강/NNP 민/NNG`).
        if any(t != "NNP" for t in u.core_tags) and not (u.core_tags[0] == "NNP" and len(u.toks[0].form) == 2):
            return False
        if u.particle in ("이", "가", "은", "는", "의", "와", "과", "도", "를", "을", "에게", "이나", "나"):
            return True
        nxt = self.units[u.idx + 1] if u.idx + 1 < len(self.units) else None
        return not u.tail and nxt is not None and self.text[nxt.start : nxt.start + 1] in (",", "·")

    @staticmethod
    def _apposition(elems: list[Elem]) -> None:
        """`스타트업 누리랩스`, `그룹 세븐라이트`: a kind-of-organization noun before an unknown proper noun."""
        for n in range(len(elems) - 1):
            cue, e = elems[n], elems[n + 1]
            if cue.kind == "NOUN" and e.kind == "NOUN" and e.proper and cue.text.endswith(tuple(ORG_APPOSITION)):
                if n + 2 < len(elems) and elems[n + 2].kind in ("TITLE", "NAME"):
                    continue  # `…플랫폼 누리 대표`: the role rules decide
                elems[n + 1] = Elem("ENT", e.start, e.end, e.text, e.unit, Entry(e.text, "ORG"), rule=True)

    def _followed_by_ssi(self, e: Elem) -> bool:
        u = e.unit
        nxt = self.units[u.idx + 1] if u.idx + 1 < len(self.units) else None
        if u.tail and u.tail[0].form == "씨":
            return True
        return nxt is not None and u.open_end and nxt.core == "씨"

    # ---- roles ------------------------------------------------------------------------------------
    def _person_at(self, elems: list[Elem], i: int) -> int:
        """End index of a person name starting at elems[i] (0 if none): a Korean name or a foreign one."""
        e = elems[i]
        if e.kind == "NAME":
            return i + 1
        # Foreign names: two or three proper Hangul words before a title (`크리스 하워드 감독`).
        j = i
        while j < len(elems) and j - i < 3 and elems[j].kind in ("NOUN", "NAME") and elems[j].proper is not None:
            u = elems[j].unit
            if not (_hangul(elems[j].text) and all(t == "NNP" for t in u.core_tags)):
                break
            j += 1
        if j - i >= 2 and j < len(elems) and elems[j].kind in ("TITLE", "MOD", "ENT"):
            return j
        return 0

    def _roles(self, elems: list[Elem], used: set[int]) -> None:
        n = len(elems)
        i = 0
        while i < n:
            end = self._person_at(elems, i) if elems[i].kind in ("NAME", "NOUN") else 0
            if not end:
                i += 1
                continue
            person_start, person_end = elems[i].start, elems[end - 1].end
            name = self.text[person_start:person_end]
            if self._family_name_of_known(name):
                i += 1  # `하워드 감독` after `크리스 하워드`: a short mention, resolved later
                continue
            j = end
            parts: list[Elem] = []
            aff: Elem | None = None
            while j < n and elems[j].kind == "MOD":
                parts.append(elems[j])
                j += 1
            if j < n and elems[j].kind == "ENT" and elems[j].entry.type in ("ORG", "LOC"):
                aff = elems[j]
                j += 1
            elif j + 1 < n and elems[j].kind == "NOUN" and elems[j].proper and self._title_ahead(elems, j + 1):
                aff = elems[j]  # an organization the gazetteer does not know (`누리랩스 대표`)
                aff.entry, aff.rule = Entry(aff.text, "ORG"), True
                j += 1
            while j < n and elems[j].kind in ("NOUN", "MOD") and self._title_ahead(elems, j):
                parts.append(elems[j])
                j += 1
            if j < n and self._title_like(elems[j]) and (j + 1 == n or elems[j + 1].kind in ("TITLE", "MOD")):
                elems[j] = Elem("TITLE", elems[j].start, elems[j].end, elems[j].text, elems[j].unit)
            k = j
            while k < n and elems[k].kind in ("TITLE", "MOD"):
                k += 1
            titles = elems[j:k]
            role_start = person_start
            if not any(t.kind == "TITLE" for t in titles):
                # Title before the name: `네이버 대표 최수연`, `배우 서하린`.
                if i >= 1 and elems[i - 1].kind == "TITLE" and (i - 1) not in used:
                    titles, parts, k = [elems[i - 1]], [], end
                    role_start = elems[i - 1].start
                    if i >= 2 and elems[i - 2].kind == "ENT" and (i - 2) not in used:
                        aff = elems[i - 2]
                        used.add(i - 2)
                        role_start = aff.start
                    used.add(i - 1)
                else:
                    i += 1
                    continue
            # Affiliation before the name: `과기정통부 이종호 장관`.
            if aff is None and i >= 1 and elems[i - 1].kind == "ENT" and (i - 1) not in used:
                if elems[i - 1].entry.type in ("ORG", "LOC"):
                    aff = elems[i - 1]
                    role_start = aff.start
            elif aff is None and i >= 1 and elems[i - 1].kind == "NOUN" and elems[i - 1].proper:
                aff = elems[i - 1]
                aff.entry, aff.rule = Entry(aff.text, "ORG"), True
                role_start = aff.start
            if aff is None and i == 0:
                aff = self._genitive_affiliation(elems[0].unit)
                if aff is not None:
                    role_start = aff.start
            while titles and titles[-1].kind == "MOD":
                titles = titles[:-1]
            if len(name) == 2 and all(t.text in WEAK_TITLES for t in titles if t.kind == "TITLE"):
                i += 1  # `방산 시장` is the defence market, not a mayor called 방산
                continue
            title = " ".join(e.text for e in parts + titles if e.text) or None
            if aff is not None and title and title.split()[-1] in SPORTS_TITLES:
                team = self.teams.get(norm_key(aff.text)) or self.gz.teams.get(norm_key(aff.text))
                if team is not None:
                    aff.entry = team  # `LG 감독` → LG 트윈스
            role_end = max(e.end for e in titles) if titles else person_end
            for x in range(i, k):
                used.add(x)
            person = self.add(person_start, person_end, Entry(name, "PER"), elems[i].unit.sent, P_ROLE, title)
            self.new_names[name] = "PER"
            aff_ent = None
            if aff is not None:
                prio = P_RULE if aff.rule else P_GAZ
                aff_ent = self.add(aff.start, aff.end, aff.entry, aff.unit.sent, prio)
                if prio == P_RULE:
                    self.new_names.setdefault(aff.entry.name, aff.entry.type)
                for x, e in enumerate(elems):
                    if e is aff:
                        used.add(x)
            self.found.roles.append(Role(person, title, aff_ent, role_start, max(role_end, person_end)))
            i = k if k > i else i + 1

    def _family_name_of_known(self, name: str) -> bool:
        return any(x.type == "PER" and " " in x.name and x.name.rsplit(" ", 1)[-1] == name for x in self.found.ents)

    @staticmethod
    def _title_like(e: Elem) -> bool:
        """A common noun right after a name that reads as a post (`주택정책관`), though not in titles.csv."""
        tags = e.unit.core_tags
        return e.kind == "NOUN" and len(e.text) >= 3 and e.text.endswith(TITLE_ENDINGS) and set(tags) <= {"NNG"}

    @staticmethod
    def _title_ahead(elems: list[Elem], j: int) -> bool:
        while j < len(elems) and elems[j].kind in ("NOUN", "MOD"):
            j += 1
        return j < len(elems) and elems[j].kind == "TITLE"

    def _genitive_affiliation(self, first: Unit) -> Elem | None:
        """`국민의힘의 박소율 의원`: the organization in the genitive right before the phrase."""
        if first.idx == 0:
            return None
        prev = self.units[first.idx - 1]
        if not prev.toks or prev.particle != "의" or prev.sent != first.sent:
            return None
        known = self.lookup(prev.core, nnp=all(t == "NNP" for t in prev.core_tags))
        entry = known or self.suffix_entity(prev.core, prev.toks)
        if entry is None or entry.type not in ("ORG", "LOC"):
            return None
        return Elem("ENT", prev.start, prev.end, prev.core, prev, entry, rule=known is None)

    # ---- short mentions -----------------------------------------------------------------------------
    def _short_candidates(self, elems: list[Elem]) -> None:
        for n, e in enumerate(elems):
            as_surname = e.kind == "MOD" and e.text in SURNAMES and n + 1 < len(elems) and elems[n + 1].kind == "MOD"
            if e.kind not in ("SURNAME", "NOUN", "NAME") and not as_surname:
                continue
            k = n + 1
            while k < len(elems) and elems[k].kind in ("TITLE", "MOD"):
                k += 1
            titles = [x for x in elems[n + 1 : k] if x.kind == "TITLE"]
            if not titles or elems[k - 1].kind != "TITLE":
                continue
            if e.kind not in ("SURNAME", "MOD") and not _hangul(e.text):
                continue
            self.shorts.append((e.start, elems[k - 1].end, e.text, titles[-1].text, e.unit.sent))

    def _resolve_shorts(self) -> None:
        persons = [x for x in self.found.ents if x.type == "PER" and x.priority == P_ROLE]
        if not persons:
            return
        taken = [(x.start, x.end) for x in self.found.ents if x.priority >= P_GAZ]
        for start, end, head, title, sent in self.shorts:
            if any(s < end and start < e for s, e in taken if not (s == start and e == end)):
                continue
            cands = [p for p in persons if self._surname_of(p.name, head)]
            if not cands:
                continue
            titled = [p for p in cands if p.title and title in p.title]
            pick = titled or cands
            before = [p for p in pick if p.start < start]
            chosen = (before or pick)[-1] if len({p.name for p in pick}) > 1 else pick[0]
            if chosen.start == start:
                continue
            self.add(start, end, Entry(chosen.name, "PER"), sent, P_ROLE, title)

    @staticmethod
    def _surname_of(name: str, head: str) -> bool:
        if " " in name:
            return name.split()[-1] == head  # `크리스 하워드` → `하워드 감독`
        if len(head) == 2:
            return name.startswith(head) and head in COMPOUND_SURNAMES
        return len(head) == 1 and name.startswith(head) and name[:2] not in COMPOUND_SURNAMES

    # ---- quoted names -----------------------------------------------------------------------------
    def _quoted_names(self) -> None:
        text = self.text
        i = 0
        while True:
            m = re.compile(r"[‘《〈「『]").search(text, i)
            if not m:
                return
            close = _NAME_MARKS[m.group()]
            s = m.end()
            e = text.find(close, s)
            i = s
            if e < 0 or e - s > 40 or e == s or "\n" in text[s:e]:
                continue
            inner = text[s:e]
            after = text[e + 1 : e + 12]
            if m.group() == "‘" and _QUOTATIVE.match(after) and _SPEECH_END.search(inner):
                continue
            entry = self._classify_quoted(inner, m.start(), e + 1)
            if entry is not None:
                sent = self._sent_at(s)
                self.add(s, e, entry, sent, P_QUOTED)
                self.new_names.setdefault(entry.name, entry.type)

    def _classify_quoted(self, inner: str, open_at: int, close_end: int) -> Entry | None:
        entry = self.gz.lookup(inner, nnp=True)
        if entry is not None:
            return Entry(entry.name, entry.type)
        learnt = self.new_names.get(inner)
        if learnt in ("PRODUCT", "WORK", "EVENT"):
            return Entry(inner, learnt)  # the same quoted name again (`‘누리봇 2’를 내놓고`)
        bare = re.sub(r"^(?:(?:19|20)\d\d|제\d+회)\s*|\s*(?:19|20)\d\d$", "", inner)
        if bare != inner and (entry := self.gz.lookup(bare, nnp=True)) is not None:
            return Entry(inner, entry.type)
        before = self.text[max(0, open_at - 12) : open_at].split()
        after_words = self.text[close_end : close_end + 12].split()
        prev_word = before[-1] if before and self.text[open_at - 1 : open_at] == " " else None
        scores = {"PRODUCT": 0, "WORK": 0, "EVENT": 0}

        def cue(word: str, weight: int, *, after: bool = False) -> None:
            # `3집` → `집`; `역할수행게임(MMORPG)` → also `역할수행게임`; `상품인` (apposition) → also `상품`
            forms = {re.sub(r"^\d+|[^\w]", "", word), re.sub(r"^\d+|[^\w]", "", re.sub(r"\([^()]*\)$", "", word))}
            if not after:
                forms |= {w[:-1] for w in forms if len(w) > 2 and w.endswith("인")}
            for (typ, cues), (_, long_cues) in zip(_CUES, _LONG_CUES, strict=True):
                if any(
                    w in cues or (after and w.startswith(long_cues)) or (not after and w.endswith(long_cues))
                    for w in forms
                ):
                    scores[typ] += weight

        if prev_word:
            cue(prev_word, 3)
        if after_words and self.text[close_end : close_end + 1] == " ":
            cue(after_words[0], 3, after=True)
        sent_text = self._sentence_text(open_at)
        for w in sent_text.split():
            cue(w, 1)
        for suf in EVENT_SUFFIX:
            if inner.endswith(suf):
                scores["EVENT"] += 4
        after = self.text[close_end : close_end + 20]
        if any(v in after for v in LAUNCH_VERBS):
            scores["PRODUCT"] += 1
        best = max(scores, key=lambda t: scores[t])
        if scores[best] < 3:
            return None
        return Entry(inner, best)

    def _sent_at(self, pos: int) -> int:
        if not self.units:
            return 0
        k = bisect_right(self._unit_ends, pos)
        return self.units[min(k, len(self.units) - 1)].sent

    def _sentence_text(self, pos: int) -> str:
        sent = self._sent_at(pos)
        lo, hi = self._sent_spans.get(sent, (0, 0))
        return self.text[lo:hi]

    # ---- parentheses and spreading ----------------------------------------------------------------
    def _parentheses(self) -> None:
        """`과학기술정보통신부(과기정통부)`, `정보통신산업기획평가원(IITP)`, `인공지능(AI)`."""
        us, text = self.units, self.text
        for n in range(1, len(us) - 2):
            o, short, c = us[n], us[n + 1], us[n + 2]
            if text[o.start : o.start + 1] != "(" or text[c.start : c.start + 1] != ")":
                continue
            long_u = us[n - 1]
            if not long_u.toks or long_u.end != o.start or not short.toks or short.start != o.start + 1:
                continue
            if short.end != c.start or len(short.core) > 12:
                continue
            long_ent = self._ent_ending_at(long_u.end)
            short_ent = self._ent_covering(short.start, short.end)
            if long_ent is not None:
                self.add(short.start, short.end, Entry(long_ent.name, long_ent.type), short.sent, P_PAREN)
                self.paren_names.setdefault(short.core, Entry(long_ent.name, long_ent.type))
                self.found.aliases[short.core] = long_ent.name
                self.new_names.setdefault(short.core, long_ent.type)
                self.alias_names[short.core] = long_ent.name
            elif short_ent is not None:
                self.add(long_u.start, long_u.end, Entry(short_ent.name, short_ent.type), long_u.sent, P_PAREN)
            elif set(long_u.core_tags) <= {"NNG", "NNP", "SL"} and not short.core.isdigit():
                self.found.aliases[short.core] = long_u.core  # `인공지능(AI)`; not `13일(금)`

    def _paren_names_everywhere(self) -> None:
        """`2027학년도 대학수학능력시험(수능)`: in this article every `수능` is that exam, though the gazetteer's
        `수능` is the exam in general."""
        if not self.paren_names:
            return
        for x in self.found.ents:
            entry = self.paren_names.get(self.text[x.start : x.end])
            if entry is not None and entry.type == x.type:
                x.name = entry.name

    def _ent_ending_at(self, end: int) -> Ent | None:
        best = None
        for x in self.found.ents:
            if x.end == end and (best is None or x.priority > best.priority):
                best = x
        return best

    def _ent_covering(self, start: int, end: int) -> Ent | None:
        for x in self.found.ents:
            if x.start <= start and end <= x.end:
                return x
        return None

    def _spread(self) -> None:
        """Names learnt in this article (people, new organizations, short forms) are found everywhere in it."""
        if not self.new_names:
            return
        covered = [(x.start, x.end) for x in self.found.ents]
        for u in self.units:
            core = u.core
            if not core:
                continue
            typ = self.new_names.get(core)
            name = core
            if typ is None and core.endswith("씨") and self.new_names.get(core[:-1]) == "PER":
                typ, name = "PER", core[:-1]
            if typ is None:
                continue
            end = u.start + len(name)
            if any(s < end and u.start < e for s, e in covered):
                continue
            canonical = self.alias_names.get(name, name)
            self.add(u.start, u.start + len(name), Entry(canonical, typ), u.sent, P_SPREAD)


def resolve_overlaps(ents: list[Ent]) -> list[Ent]:
    keep: list[Ent] = []
    taken = bytearray()  # one flag per character already claimed by a stronger mention
    for x in sorted(ents, key=lambda x: (-x.priority, -(x.end - x.start), x.start)):
        if x.end <= x.start:
            continue
        if len(taken) < x.end:
            taken.extend(bytes(x.end - len(taken)))
        if any(taken[x.start : x.end]):
            continue
        taken[x.start : x.end] = b"\x01" * (x.end - x.start)
        keep.append(x)
    keep.sort(key=lambda x: (x.start, x.end))
    return keep


def find_entities(text: str, units: list[Unit], gz: Gazetteer) -> Found:
    found = Extractor(text, units, gz).run()
    found.ents = resolve_overlaps(found.ents)
    kept = {(x.start, x.end, x.name) for x in found.ents}
    # A role whose person lost an overlap (e.g. to a gazetteer name) is not a role.
    found.roles = [r for r in found.roles if (r.person.start, r.person.end, r.person.name) in kept]
    return found


def spans_key(x: Ent) -> tuple[int, int]:
    return (x.start, x.end)


__all__ = ["Ent", "Found", "Role", "find_entities", "norm_key"]
