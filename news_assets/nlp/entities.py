"""Named-entity mentions and person roles from Kiwi tokens, the gazetteer and Korean phrase patterns.

Evidence, strongest first: gazetteer names (also across words: `LG AI연구원`, `CES 2024`); a person name next
to a title word in either Korean order (`최수연 네이버 대표`, `과기정통부 이종호 장관`), which also gives the
role; quoted names classified by the noun before or after them (`언어모델 ‘허니비’`); organization, place and
event suffixes on proper nouns (`…연구원`, `…구`, `…영화제`); a parenthetical short form linked to the long
form before it (`과학기술정보통신부(과기정통부)`). A person found once is found everywhere in the article, and
`surname + title` (`최 대표`) resolves to the person with that surname.

Fused titles (`LG AI연구원장`, `서울시장`, `공정거래위원장`): the entity is the longest prefix that is a name
(`LG AI연구원`, `서울시`, `공정거래위`) and the title is the title word in full (`원장`, `시장`, `위원장`).

The rules are split by job: `vocabulary` (is this word a name, a title, a party, a venue …), `phrases` (a
chunk's words as typed elements), `roles` (person, title and affiliation in those elements; short mentions),
`quoted_names` (names between quotation marks), `found` (the result types). This module runs them over an
article, learns the names the article defines for itself, spreads what it learnt, and resolves overlaps.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from .found import P_GAZ, P_LONE, P_NER, P_NER_SPREAD, P_PAREN, P_QUOTED, P_ROLE, P_RULE, P_SPREAD, Ent, Found, Role
from .gazetteer import Entry, Gazetteer, norm_key
from .lexicon import COMPOUND_SURNAMES, SPORTS_CONTEXT, TEAM_NICK_ENDINGS
from .phrases import Elem, PhraseReader
from .quoted_names import QuotedNames
from .roles import RoleReader
from .units import Unit, chunks
from .vocabulary import Vocabulary, is_hangul


@dataclass(frozen=True, slots=True)
class MergePolicy:
    """How the learned tagger's spans join the rules' mentions (chosen by cross-validation, bench/entities.py).

    - ``extend``: a tagger span that covers rule mentions of its type, all inside it, and is longer replaces
      them (`<미국 워싱턴DC>` for the rules' `미국` + `워싱턴DC`), unless one of them is a role's person or a
      quoted name; with ``retype``, also an ORG span that goes on after them (`<서울 송파경찰서>`,
      `<일본 정부>` for the rules' `서울`, `일본`);
    - ``spread``: the tagger's surface is found elsewhere in the article where no rule found anything;
    - ``vote``: a surface the tagger typed differently across the article gets its most frequent type;
    - ``join_places``: places written one after another are one place, and places before an organization are
      part of it (`join_place_chains`), whoever found the parts.
    """

    extend: bool = True
    retype: bool = True
    spread: bool = True
    vote: bool = True
    join_places: bool = True


DEFAULT_POLICY = MergePolicy()

# How sure the tagger must be that a word the rules typed by its suffix alone is a person (`ner.Span.p`).
PER_OVER_SUFFIX_MIN_P = 0.9


class Hint:
    """A span of the learned tagger: ``start``, ``end``, ``type`` (PER/ORG/LOC), ``p`` its confidence."""

    __slots__ = ("end", "p", "start", "type")

    def __init__(self, start: int, end: int, type: str, p: float = 1.0) -> None:
        self.start, self.end, self.type, self.p = start, end, type, p


def _is_space_gap(gap: str) -> bool:
    return bool(gap) and not gap.strip() and "\n" not in gap


class Extractor:
    """Entity rules for one article; `run()` fills `found`."""

    def __init__(
        self,
        text: str,
        units: list[Unit],
        gz: Gazetteer,
        hints: Sequence[Hint] = (),
        policy: MergePolicy = DEFAULT_POLICY,
        people: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.text = text
        self.units = units
        self.gz = gz
        self.vocab = Vocabulary(gz)
        self.hints = hints
        self.policy = policy
        self.found = Found()
        self.new_names: dict[str, str] = {}  # names learnt from this article -> type
        self.alias_names: dict[str, str] = {}  # short form learnt from a parenthesis -> canonical name
        self.lone: list[Elem] = []  # name-shaped words with no title: people only if nothing else claims them
        self.teams: dict[str, Entry] = {}  # first word -> club, for `누리전자 감독`
        self.paren_names: dict[str, Entry] = {}  # short form in a parenthesis -> the long form's entity
        self.phrases = PhraseReader(text, self.vocab, {(h.start, h.end): h.type for h in hints})
        self.roles = RoleReader(
            text, units, self.vocab, self.found, self.new_names, self.teams, self.phrases.hints, people
        )

    def run(self) -> Found:
        all_chunks = chunks(self.units)
        self._learn_teams(all_chunks)
        self._learn_parentheses()
        all_chunks = self._join_asides(all_chunks)
        for ch in all_chunks:
            self._chunk(ch)
        QuotedNames(self.text, self.units, self.gz, self.found, self.new_names).add_all()
        self._parentheses()
        self._tagger_spans()
        for e in self.lone:
            self.found.add(e.start, e.end, Entry(e.text, "PER"), e.unit.sent, P_LONE)
        self._spread()
        self._paren_names_everywhere()
        self.roles.resolve_shorts()
        return self.found

    # ---- names the article defines for itself --------------------------------------------------------
    def _learn_teams(self, all_chunks: list[list[Unit]]) -> None:
        """In a sports report, `<organization> <nickname>` (`누리전자 썬더스`, `한결건설 해머스`) is a club, and the
        nickname alone (`썬더스는`) names it too; the organization's word before a sports title is the club."""
        words = {u.core for u in self.units}
        if len(words & SPORTS_CONTEXT) < 2:
            return
        for ch in all_chunks:
            for n, (a, b) in enumerate(pairwise(ch)):
                nick = b.core
                if n + 2 < len(ch) and self.vocab.is_title(ch[n + 2].core):
                    continue  # `노하람 썬더스 감독`: a coach and the club's nickname
                if not (is_hangul(nick) and len(nick) >= 3 and nick.endswith(TEAM_NICK_ENDINGS)):
                    continue
                if not set(b.core_tags) <= {"NNP", "NNG"} or "NNP" not in b.core_tags:
                    continue
                if self.gz.lookup(f"{a.core} {nick}", nnp=True) is not None:
                    continue  # a club the gazetteer knows (`LG 트윈스`)
                known = self.gz.lookup(a.core, nnp=all(t == "NNP" for t in a.core_tags))
                org = known if known is not None else self.vocab.suffix_entity(a.core, a.toks, relaxed=True)
                proper = any(t in ("NNP", "SL") for t in a.core_tags)
                if (org is None and not proper) or (org is not None and org.type != "ORG"):
                    continue
                entry = Entry(f"{a.core} {nick}", "ORG")
                self.vocab.local[norm_key(entry.name)] = entry
                self.vocab.local.setdefault(norm_key(nick), entry)
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
            if len(short.core) > 12 or short.core.isdigit() or norm_key(short.core) in self.vocab.local:
                continue  # `김성동(54)`: an age, not a short form
            nnp = all(t == "NNP" for t in long_u.core_tags)
            entry = self.vocab.lookup(long_u.core, nnp=nnp) or self.vocab.suffix_entity(long_u.core, long_u.toks)
            if entry is None or entry.type not in ("ORG", "LOC"):
                continue
            known = self.gz.lookup(short.core, nnp=True)
            if known is not None and known.type != entry.type:
                continue
            self.vocab.local[norm_key(short.core)] = Entry(entry.name, entry.type)

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
            entry = self.vocab.lookup(a.core, nnp=all(t == "NNP" for t in a.core_tags)) or self.vocab.suffix_entity(
                a.core, a.toks
            )
            nxt = all_chunks[kb]
            if entry is None or entry.type != "ORG":
                continue  # `서울(연합뉴스) 김철수 기자`: a dateline, not an affiliation
            if not (self.vocab.is_title(nxt[0].core) or len(nxt) > 1):
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

    # ---- one phrase -----------------------------------------------------------------------------------
    def _chunk(self, ch: list[Unit]) -> None:
        elems = self.phrases.read(ch)
        used: set[int] = set()
        self.roles.read(elems, used)
        for n, e in enumerate(elems):
            if n in used:
                continue
            if e.kind == "ENT":
                if e.ner:
                    continue  # added with the tagger's other spans (`_tagger_spans`)
                prio = P_RULE if e.rule else P_GAZ
                self.found.add(e.start, e.end, e.ent, e.unit.sent, prio)
                if prio == P_RULE:
                    self.new_names.setdefault(e.ent.name, e.ent.type)
            elif e.kind == "NAME" and self._followed_by_ssi(e):
                self.found.add(e.start, e.end, Entry(e.text, "PER"), e.unit.sent, P_ROLE)
                self.new_names[e.text] = "PER"
            elif e.kind == "NAME" and n == len(elems) - 1 and self._lone_name(e):
                self.lone.append(e)
        self.roles.short_candidates(elems)

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

    def _followed_by_ssi(self, e: Elem) -> bool:
        u = e.unit
        nxt = self.units[u.idx + 1] if u.idx + 1 < len(self.units) else None
        if u.tail and u.tail[0].form == "씨":
            return True
        return nxt is not None and u.open_end and nxt.core == "씨"

    # ---- the learned tagger's spans ------------------------------------------------------------------
    def _sent_at(self, pos: int) -> int:
        k = bisect_right(self._unit_starts, pos) - 1
        return self.units[max(k, 0)].sent

    def _tagger_spans(self) -> None:
        """The tagger's spans as mentions at ``P_NER`` (below every rule, above lone name-shaped words): a span
        the gazetteer knows gets its canonical name and type; the rest are their surface. See `MergePolicy`."""
        if not self.hints:
            return
        text = self.text
        self._unit_starts = [u.start for u in self.units]
        types: dict[str, Counter[str]] = {}
        rule_ents = sorted(self.found.ents, key=spans_key)
        rule_starts = [x.start for x in rule_ents]
        longest = max((x.end - x.start for x in rule_ents), default=0)
        surfaces = [text[h.start : h.end] for h in self.hints]
        for h, surface in zip(self.hints, surfaces, strict=True):
            types.setdefault(surface, Counter())[h.type] += 1
        # Once per surface, not once per span of it.
        voted = {surface: votes.most_common(1)[0][0] for surface, votes in types.items()}
        added: dict[str, Entry] = {}
        for h, surface in zip(self.hints, surfaces, strict=True):
            typ = voted[surface] if self.policy.vote else h.type
            entry = self.vocab.lookup(surface, nnp=True)
            entry = Entry(entry.name, entry.type) if entry is not None else Entry(surface, typ)
            prio = P_NER
            if self.policy.extend:
                near = rule_ents[bisect_left(rule_starts, h.start - longest) : bisect_left(rule_starts, h.end)]
                inside = [x for x in near if h.start < x.end]
                if self.policy.join_places and self._tiles(h, inside):
                    continue  # the rules found every word of it: they type it, `join_place_chains` joins it
                if (
                    len(inside) == 1
                    and (inside[0].start, inside[0].end) == (h.start, h.end)
                    and inside[0].priority == P_RULE
                    and inside[0].type != entry.type
                    and h.type == "PER"
                    and h.p >= PER_OVER_SUFFIX_MIN_P
                ):
                    # A name the rules typed by its last syllable (`김성동` as a `…동` neighbourhood, `지창구` as a
                    # `…구` district) that the tagger is sure is a person.
                    prio = P_RULE + 1
                elif (
                    inside
                    and all(h.start <= x.start and x.end <= h.end for x in inside)
                    and (
                        any(x.type == entry.type for x in inside)
                        or (self.policy.retype and h.end > max(x.end for x in inside) and entry.type == "ORG")
                    )
                    and all(x.priority < P_QUOTED and x.type in ("PER", "ORG", "LOC") for x in inside)
                    and h.end - h.start > max(x.end - x.start for x in inside)
                ):
                    prio = max(x.priority for x in inside) + 1
            self.found.add(h.start, h.end, entry, self._sent_at(h.start), prio)
            if len(surface) >= 2:
                added.setdefault(surface, entry)
        if self.policy.spread and added:
            for u in self.units:
                entry = added.get(u.core)
                if entry is not None:
                    self.found.add(u.start, u.end, entry, u.sent, P_NER_SPREAD)

    def _tiles(self, h: Hint, inside: list[Ent]) -> bool:
        """Two or more places and organizations the rules found, a space apart, make up the whole span."""
        if len(inside) < 2 or any(x.type not in ("LOC", "ORG") for x in inside):
            return False
        parts = sorted(inside, key=lambda x: x.start)
        if parts[0].start != h.start or parts[-1].end != h.end:
            return False
        return all(_is_space_gap(self.text[a.end : b.start]) for a, b in pairwise(parts))

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
            if short.end != c.start or len(short.core) > 12 or short.core.isdigit():
                continue  # `김성동(54)`: an age, not a short form
            long_ent = self._ent_ending_at(long_u.end)
            short_ent = self._ent_covering(short.start, short.end)
            if long_ent is not None:
                self.found.add(short.start, short.end, Entry(long_ent.name, long_ent.type), short.sent, P_PAREN)
                self.paren_names.setdefault(short.core, Entry(long_ent.name, long_ent.type))
                self.found.aliases[short.core] = long_ent.name
                self.new_names.setdefault(short.core, long_ent.type)
                self.alias_names[short.core] = long_ent.name
            elif short_ent is not None:
                self.found.add(long_u.start, long_u.end, Entry(short_ent.name, short_ent.type), long_u.sent, P_PAREN)
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
        # The tagger's spans and lone name-shaped words rank below the rules' spread: they do not stop it
        # (`‘허니비’` named a product earlier, so a later `허니비를` is the product, not a person).
        covered = [(x.start, x.end) for x in self.found.ents if x.priority not in (P_NER, P_NER_SPREAD, P_LONE)]
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
            self.found.add(u.start, u.start + len(name), Entry(canonical, typ), u.sent, P_SPREAD)


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


def link_short_names(ents: list[Ent]) -> None:
    """A surname alone (`박`, the `박씨` of KLUE) or a foreign family name alone (`하워드`) found by the tagger
    names the one person of the article with that surname or family name, if there is exactly one."""
    full = {x.name for x in ents if x.type == "PER" and len(x.name) >= 2}
    if not full:
        return
    for x in ents:
        x_name = x.name
        if x.type != "PER" or x.priority not in (P_NER, P_NER_SPREAD, P_LONE):
            continue
        if len(x_name) == 1 or (len(x_name) == 2 and x_name in COMPOUND_SURNAMES):
            cands = {n for n in full if n != x_name and " " not in n and n.startswith(x_name) and 2 <= len(n) <= 4}
        else:
            cands = {n for n in full if " " in n and n.rsplit(" ", 1)[-1] == x_name}
        if len(cands) == 1:
            x.name = next(iter(cands))


def name_placeholders(text: str, ents: list[Ent]) -> None:
    """`A씨`, `B씨`: a person news names by a Latin letter keeps `씨` in the name (``A씨``, what a reader of the
    speakers and the registry recognises; a person named `A` is no one). The mention's span stays the letter,
    KLUE's convention (`<A>씨`)."""
    for x in ents:
        surface = text[x.start : x.end]
        if x.type != "PER" or x.name != surface or not (len(surface) <= 2 and surface.isascii() and surface.isupper()):
            continue
        if surface.isalpha() and text[x.end : x.end + 1] == "씨":
            x.name = surface + "씨"


# A government or administration named after its leader (`김대중 정부`, `오바마 행정부`): one organisation, as
# KLUE writes it (`<오바마 행정부>`), not the leader.
_GOVERNMENT_WORDS = ("정부", "행정부", "정권", "내각")
_GOVERNMENT_AFTER = re.compile(r" (?:" + "|".join(_GOVERNMENT_WORDS) + r")(?![가-힣A-Za-z0-9])")


def leaders_governments(text: str, ents: list[Ent]) -> None:
    """A person's mention right before ` 정부`, ` 행정부` … becomes the organisation it names (`김대중 정부`)."""
    for x in ents:
        if x.type != "PER":
            continue
        m = _GOVERNMENT_AFTER.match(text, x.end)
        if m is None or any(y.start < m.end() and x.end < y.end for y in ents if y is not x):
            continue
        x.end = m.end()
        x.name = f"{x.name} {m.group().strip()}"
        x.type = "ORG"
        x.title = None


def join_place_chains(text: str, ents: list[Ent]) -> list[Ent]:
    """The span convention of KLUE and of the project's gold (data/gold/README.md): a run of places written one
    after another, a space apart, is one place (`<서울 서초구 내곡동>`, `<미국 샌프란시스코 체이스 센터>`), and places
    before an organization are part of its mention (`<서울 송파경찰서>`, `<용산 대통령실>`), which keeps the
    organization's name. ``ents`` are in text order, without overlaps; quoted names are never joined."""
    out: list[Ent] = []
    i, n = 0, len(ents)
    while i < n:
        j = i
        while (
            j + 1 < n
            and ents[j].type == "LOC"
            and ents[j + 1].type in ("LOC", "ORG")
            and ents[j + 1].sent == ents[j].sent
            and P_QUOTED not in (ents[j].priority, ents[j + 1].priority)
            and _is_space_gap(text[ents[j].end : ents[j + 1].start])
        ):
            j += 1
        if j == i:
            out.append(ents[i])
        else:
            first, last = ents[i], ents[j]
            name = last.name if last.type == "ORG" else " ".join(text[first.start : last.end].split())
            priority = max(x.priority for x in ents[i : j + 1])
            out.append(Ent(first.start, last.end, name, last.type, first.sent, priority))
        i = j + 1
    return out


def find_entities(
    text: str,
    units: list[Unit],
    gz: Gazetteer,
    hints: Sequence[Hint] = (),
    policy: MergePolicy = DEFAULT_POLICY,
    people: Sequence[tuple[int, int]] = (),
) -> Found:
    """``hints``: the tagger's spans kept as mentions (`analysis._hints`); ``people``: every person span of the
    tagger, however unsure, as (start, end): evidence where a foreign name starts and ends (`roles.RoleReader`)."""
    found = Extractor(text, units, gz, hints, policy, people).run()
    found.ents = resolve_overlaps(found.ents)
    if policy.join_places:
        found.ents = join_place_chains(text, found.ents)
    if hints:
        link_short_names(found.ents)
    name_placeholders(text, found.ents)
    leaders_governments(text, found.ents)
    kept = {(x.start, x.end, x.name) for x in found.ents}
    # A role whose person lost an overlap (e.g. to a gazetteer name) is not a role.
    found.roles = [r for r in found.roles if (r.person.start, r.person.end, r.person.name) in kept]
    return found


def spans_key(x: Ent) -> tuple[int, int]:
    return (x.start, x.end)


__all__ = ["DEFAULT_POLICY", "Ent", "Found", "Hint", "MergePolicy", "Role", "find_entities", "norm_key"]
