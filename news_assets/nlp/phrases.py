"""Reading one phrase: the written words of a chunk (`최수연 네이버 대표`) as typed elements.

Each word becomes one or more elements — an entity (`ENT`), a title (`TITLE`), a title modifier (`MOD`: `전`,
`신임`), a name-shaped word (`NAME`), a lone surname (`SURNAME`) or another noun (`NOUN`) — with fused titles
split (`서울시장` → `서울시` + `시장`) and gazetteer names read across words (`LG AI 연구원`). Then a few
rewrites that need the neighbours: years joined to events (`CES 2024`), parties before a party title, names in
role slots, organizations after an apposition cue (`스타트업 누리랩스`). `roles` reads people and their roles
from the elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Entry, norm_key
from .lexicon import COMPOUND_SURNAMES, ORG_APPOSITION, PARTY_TITLES, SURNAMES, TITLE_ENDINGS, TITLE_MODIFIERS
from .units import Unit
from .vocabulary import Vocabulary, is_hangul, not_a_name, party_shaped

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_EVENT_PREFIX = re.compile(r"^(?:19|20)\d\d학년도$")
# Words remembered by `PhraseReader.classify` before its memo is emptied (a long-running process sees unbounded
# vocabulary).
_MEMO_LIMIT = 200_000


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
    ner: bool = False  # an entity known from the learned tagger alone

    @property
    def ent(self) -> Entry:
        """The entity of an ENT element: every ENT has one."""
        if self.entry is None:
            raise ValueError(f"a {self.kind} element {self.text!r} has no entity")
        return self.entry


def title_like(e: Elem) -> bool:
    """A common noun right after a name that reads as a post (`주택정책관`), though not in titles.csv."""
    tags = e.unit.core_tags
    return e.kind == "NOUN" and len(e.text) >= 3 and e.text.endswith(TITLE_ENDINGS) and set(tags) <= {"NNG"}


def title_ahead(elems: list[Elem], j: int) -> bool:
    """Whether a title follows position ``j``, past nouns and modifiers."""
    while j < len(elems) and elems[j].kind in ("NOUN", "MOD"):
        j += 1
    return j < len(elems) and elems[j].kind == "TITLE"


class PhraseReader:
    """Turns the chunks of one article into elements (``read``)."""

    __slots__ = ("hints", "text", "vocab")

    def __init__(self, text: str, vocab: Vocabulary, hints: dict[tuple[int, int], str] | None = None) -> None:
        self.text = text
        self.vocab = vocab
        # The learned tagger's PER/ORG/LOC spans by (start, end): a word it names that no rule reads as a name
        # is a name (`하워드 감독` with no given name: a person the role rules can use).
        self.hints = hints or {}

    def read(self, ch: list[Unit]) -> list[Elem]:
        """The elements of one chunk, after the rewrites that need their neighbours."""
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
        if len(elems) > 1:  # each rewrite reads an element with its neighbours: one alone has none
            self._year_suffix(elems)
            self._parties(elems)
            self._names_in_role_slots(elems)
            self._apposition(elems)
        return elems

    def classify(self, u: Unit) -> list[Elem]:
        """The elements of one word. Without names this article defined (`Vocabulary.local`) or a tagger span
        on the word, they follow from its text and morphemes alone, so they are remembered per word (positions
        relative to its start) in the gazetteer's memo."""
        if self.vocab.local or (self.hints and (u.start, u.end) in self.hints):
            return self._classify(u)
        s = u.start
        key = (u.core, *[(t.form, t.tag, t.start - s, t.end - s) for t in u.toks])
        memo = self.vocab.gz.memo
        shapes = memo.get(key)
        if shapes is None:
            elems = self._classify(u)
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[key] = tuple((e.kind, e.start - s, e.end - s, e.text, e.entry, e.proper, e.rule, e.ner) for e in elems)
            return elems
        return [
            Elem(kind, s + a, s + b, text, u, entry, proper, rule, ner)
            for kind, a, b, text, entry, proper, rule, ner in shapes
        ]

    def _classify(self, u: Unit) -> list[Elem]:
        core, toks = u.core, u.toks
        if len(toks) == 1 and core in TITLE_MODIFIERS:
            return [Elem("MOD", u.start, u.end, core, u)]
        entry = self.vocab.lookup(core, nnp=all(t == "NNP" for t in u.core_tags))
        if entry is not None:
            return [Elem("ENT", u.start, u.end, core, u, entry)]
        if self.vocab.is_title(core):
            return [Elem("TITLE", u.start, u.end, core, u)]
        # Suffix before fused titles: `한국미래전략연구원` is an institute, not `한국미래전략` + 연구원 (researcher).
        entry = self.vocab.suffix_entity(core, toks)
        if entry is not None:
            return [Elem("ENT", u.start, u.end, core, u, entry, rule=True)]
        fused = self._fused_title(u)
        if fused:
            return fused
        if self.vocab.name_shaped(u):
            return [Elem("NAME", u.start, u.end, core, u)]
        if (len(core) == 1 and core in SURNAMES) or core in COMPOUND_SURNAMES:
            return [Elem("SURNAME", u.start, u.end, core, u)]
        hint = self.hints.get((u.start, u.end)) if self.hints else None
        if hint == "PER" and not not_a_name(core, self.vocab.gz):
            return [Elem("NAME", u.start, u.end, core, u)]
        if hint in ("ORG", "LOC"):
            return [Elem("ENT", u.start, u.end, core, u, Entry(core, hint), rule=True, ner=True)]
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
                known = self.vocab.lookup(head, nnp=nnp)
                entry = known or self.vocab.suffix_entity(head, toks[:j])
                if entry is not None and self.vocab.is_title(head[-1] + "장"):
                    return [
                        Elem("ENT", u.start, ts, head, u, entry, rule=known is None),
                        Elem("TITLE", ts - 1, u.end, head[-1] + "장", u),
                    ]
                continue
            if not self.vocab.is_title(title):
                continue
            # `서울`+`시장` → 서울시 + 시장; `금융`+`위원장` → 금융위 + 위원장; `성동`+`구청장` → 성동구 + 구청장.
            # Known names before suffix rules, longer before shorter: `서울`+`시장` → 서울시; `성동구`+`청장` →
            # 성동구 + 구청장 rather than an unknown `성동구청` + 청장.
            for use_rules in (False, True):
                for k in range(len(title) - 1, 0, -1):
                    cand = head + title[:k]
                    entry = self.vocab.suffix_entity(cand, toks[:j]) if use_rules else self.vocab.lookup(cand, nnp=nnp)
                    if entry is not None:
                        ent = Elem("ENT", u.start, ts + k, cand, u, entry, rule=use_rules)
                        return [ent, Elem("TITLE", ts, u.end, title, u)]
                entry = self.vocab.suffix_entity(head, toks[:j]) if use_rules else self.vocab.lookup(head, nnp=nnp)
                if entry is not None:
                    ent = Elem("ENT", u.start, ts, head, u, entry, rule=use_rules)
                    if self.vocab.is_title(head[-1] + title):  # 경기도+지사 → 도지사, 성동구+청장 → 구청장
                        return [ent, Elem("TITLE", ts - 1, u.end, head[-1] + title, u)]
                    return [ent, Elem("TITLE", ts, u.end, title, u)]
            person_like = head[0] in SURNAMES or head[:2] in COMPOUND_SURNAMES
            if j == 1 and toks[0].tag == "NNP" and is_hangul(head) and 2 <= len(head) <= 4 and person_like:
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
            if not self.vocab.is_title(title):
                continue
            head = core[:p]
            for k in range(len(title) - 1, -1, -1):
                entry = self.vocab.gz.lookup(head + title[:k], nnp=True)
                if entry is not None:
                    return [
                        Elem("ENT", u.start, u.start + p + k, head + title[:k], u, entry),
                        Elem("TITLE", u.start + p, u.end, title, u),
                    ]
        return None

    def _multi_unit_gaz(self, ch: list[Unit], i: int) -> tuple[int, list[Elem]] | None:
        """A gazetteer name over several words (`LG AI 연구원`), possibly fused with a title (`…연구원장`)."""
        if not ch[i].open_end or i + 2 > len(ch):
            return None
        if not self.vocab.local and self.text[ch[i].end : ch[i + 1].start].isspace():
            # Every key looked up below starts with this word's key (a space follows it, and neither NFC nor the
            # lower case joins across a space, but a final sigma), and the gazetteer keeps every prefix of its
            # keys: most words start none.
            first = norm_key(ch[i].core)
            if first not in self.vocab.gz.key_prefixes and "ς" not in first:
                return None
        best = None
        text = self.text
        for j in range(i + 2, min(len(ch), i + 4) + 1):
            start, end = ch[i].start, ch[j - 1].end
            if all(len(u.core) == 1 for u in ch[i:j]):
                # Words of one syllable each are no name spelt with spaces: `한 전 대표` is a surname and `전`
                # (former) before a title, not `한전` (KEPCO).
                continue
            entry = self.vocab.lookup(text[start:end], nnp=all(t == "NNP" for u in ch[i:j] for t in u.core_tags))
            if entry is not None:
                best = (j, [Elem("ENT", start, end, text[start:end], ch[i], entry)])
            elif text[end - 1] == "장" and self.vocab.is_title(text[end - 2 : end]):
                entry = self.vocab.lookup(text[start : end - 1])
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
            if e.kind == "ENT" and e.ent.type == "EVENT" and prev.kind == "NOUN" and _EVENT_PREFIX.match(prev.text):
                surface = self.text[prev.start : e.end]
                entry = Entry(f"{prev.text} {e.ent.name}", "EVENT")
                elems[n] = Elem("ENT", prev.start, e.end, surface, e.unit, entry, rule=e.rule)
                elems[n - 1] = Elem("NOUN", prev.start, prev.start, "", prev.unit)
        for n in range(len(elems) - 1):
            e, nxt = elems[n], elems[n + 1]
            if e.kind == "ENT" and e.ent.type == "EVENT" and nxt.kind == "NOUN" and _YEAR.match(nxt.text):
                surface = self.text[e.start : nxt.end]
                entry = Entry(f"{e.ent.name} {nxt.text}", "EVENT")
                elems[n] = Elem("ENT", e.start, nxt.end, surface, e.unit, entry, rule=e.rule)
                elems[n + 1] = Elem("NOUN", nxt.end, nxt.end, "", nxt.unit)

    def _names_in_role_slots(self, elems: list[Elem]) -> None:
        """`장서/NNG 후/NNG 한국게임산업협회 회장`: a three-syllable word starting with a surname, between nothing and
        an organization followed by a title (or between an organization and a title), is a person even when
        Kiwi read it as common nouns."""
        n = len(elems)
        for k, e in enumerate(elems):
            if e.kind != "NOUN" or len(e.text) != 3 or not is_hangul(e.text) or e.text[0] not in SURNAMES:
                continue
            if not set(e.unit.core_tags) <= {"NNG", "NNP", "XSN", "NNB"} or not_a_name(e.text, self.vocab.gz):
                continue
            if self.vocab.gz.lookup(e.unit.toks[0].form, nnp=True) is not None:
                continue
            after_org = k + 1 < n and elems[k + 1].kind == "ENT" and elems[k + 1].ent.type in ("ORG", "LOC")
            before_org = k >= 1 and elems[k - 1].kind == "ENT" and elems[k - 1].ent.type in ("ORG", "LOC")
            if (after_org and title_ahead(elems, k + 2)) or (before_org and k + 1 < n and elems[k + 1].kind == "TITLE"):
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

    @staticmethod
    def _apposition(elems: list[Elem]) -> None:
        """`스타트업 누리랩스`, `그룹 세븐라이트`: a kind-of-organization noun before an unknown proper noun."""
        for n in range(len(elems) - 1):
            cue, e = elems[n], elems[n + 1]
            if cue.kind == "NOUN" and e.kind == "NOUN" and e.proper and cue.text.endswith(tuple(ORG_APPOSITION)):
                if n + 2 < len(elems) and elems[n + 2].kind in ("TITLE", "NAME"):
                    continue  # `…플랫폼 누리 대표`: the role rules decide
                elems[n + 1] = Elem("ENT", e.start, e.end, e.text, e.unit, Entry(e.text, "ORG"), rule=True)
