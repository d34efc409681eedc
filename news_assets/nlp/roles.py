"""People and their roles in a phrase's elements: name, title, affiliation, in either Korean order.

`최수연 네이버 대표`, `과기정통부 이종호 장관`, `네이버 대표 최수연`, `배우 서하린`, `국민의힘의 박소율 의원` (the
affiliation in the genitive before the phrase), `크리스 하워드 감독` (a foreign name). Each role also gives the
person mention (with its title) and the affiliation mention. Short mentions (`최 대표`, `하워드 감독`) are
collected per phrase and resolved at the end of the article to a person with that surname.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .found import P_GAZ, P_ROLE, P_RULE, Ent, Found, Role
from .gazetteer import Entry, norm_key
from .lexicon import (
    COMPOUND_SURNAMES,
    NAME_SUFFIXES,
    OFFICE_ENDINGS,
    OFFICE_WORDS,
    ORG_POST_ENDINGS,
    ORG_POSTS,
    SPORTS_TITLES,
    SURNAMES,
    TITLE_ENDINGS,
    WEAK_TITLES,
)
from .phrases import Elem, title_ahead, title_like
from .units import Unit
from .vocabulary import Vocabulary, is_hangul

# Titles of local government: a word the suffix rules read as a place (`…도`, `…시`) is that place before them,
# not a person (`한병도 원내대표` is a person, `누리시 시장` a place).
PLACE_TITLES = frozenset({"지사", "도지사", "시장", "군수", "구청장", "청장", "교육감", "도의원", "시의원", "구의원"})
# Words joining two titles of one person (`대표 직무대행 겸 원내대표`, `공동창업자 겸 최고경영자`).
TITLE_JOINERS = frozenset({"겸"})
# Titles of the article's own writers: a byline with them is never a role (`_reporter_byline`).
# A broadcast anchor handing over to the reporter: `이름 기자가 보도합니다`, `이름 기자의 보도입니다`.
REPORTS = re.compile(r"(?:가|이|의)\s+(?:보도|취재|정리|연결|리포트|전해|전합니|알아|짚어|현장)")
REPORTER_TITLES = ("기자", "특파원", "앵커", "논설위원", "칼럼니스트", "기상캐스터", "통신원", "리포터", "편집위원")


class RoleReader:
    """Roles and short mentions for one article; mentions go to ``found``, learnt names to ``new_names``."""

    def __init__(
        self,
        text: str,
        units: list[Unit],
        vocab: Vocabulary,
        found: Found,
        new_names: dict[str, str],
        teams: dict[str, Entry],
        hints: dict[tuple[int, int], str] | None = None,
        people: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.text = text
        self.units = units
        self.vocab = vocab
        self.found = found
        self.new_names = new_names  # names learnt from this article -> type (shared with the other rules)
        self.teams = teams  # first word -> club, for `누리전자 감독` (learnt before the phrases are read)
        # start, end of the phrase, end of the surname, surname, title, sent
        self.shorts: list[tuple[int, int, int, str, str, int]] = []
        self.hints = hints or {}  # the learned tagger's spans by (start, end): where a foreign name ends
        # Every person span of the tagger, however unsure (`_hints` keeps only the sure ones as mentions), by start:
        # where a foreign name starts and where its words end (`_person_at`, `_foreign_end`).
        self.people: dict[int, int] = dict(people)
        self.cut_affiliation: Elem | None = None  # set by `_foreign_end`: the words it cut off the name

    def _person_at(self, elems: list[Elem], i: int) -> int:
        """End index of a person name starting at elems[i] (0 if none): a Korean name or a foreign one."""
        # Foreign names: two to four proper words before a title, an affiliation or a qualifier (`크리스 하워드
        # 감독`, `신시아 루미스 미국 상원의원`, `J D 밴스 미국 부통령`), the first one maybe read as a name alone;
        # also at the phrase's end when a gloss and a title follow (`코넬 보블리(스위스) 조사국장`).
        j = i
        while (
            j < len(elems)
            and j - i < 4
            and (
                (elems[j].kind in ("NOUN", "NAME") and self._name_part(elems[j]))
                or (j == i + 1 and self._family_syllable(elems, i))
            )
        ):
            j += 1
        if j - i >= 2 and self._listed_people(elems, i, j):
            return i + 1  # `정운찬 고건 이수성 전 국무총리`: Korean names listed with spaces, not one foreign name
        if j - i >= 2 and j < len(elems) and elems[j].kind in ("TITLE", "MOD", "ENT"):
            return self._foreign_end(elems, i, j)
        if (
            j - i == 2
            and j + 1 < len(elems)
            and elems[j].kind == "NOUN"
            and title_ahead(elems, j + 1)
            and (elems[j - 1].end in self._tagger_person_ends(elems[i].start) or self._family_syllable(elems, i))
        ):
            # `케인 도슨 블루마린 최고경영자`, `마이크 호 누리9 공동창업자`: two words the tagger names as a person (or
            # a given name it names and a family name of one syllable), then one word and a title: the word is the
            # organisation or part of the title, not part of the name.
            return j
        korean_last = elems[j - 1].kind == "NAME" and len(elems[j - 1].text) == 3 if j > i else False
        if j - i >= 2 and j == len(elems) and not korean_last and self._words_across(elems[-1].unit):
            return j  # not `원주 동부 강동희(47) 감독`: a Korean name ends it, the words before are its team
        if self._spaced_name(elems[i]) and i + 1 < len(elems) and elems[i + 1].kind in ("TITLE", "MOD", "ENT"):
            return i + 1  # `제이크 설리번/NNP`: Kiwi reads a foreign name as one proper noun with a space
        return i + 1 if elems[i].kind == "NAME" else 0

    def _listed_people(self, elems: list[Elem], i: int, j: int) -> bool:
        """Korean names listed with spaces (`정운찬 고건 이수성 전 국무총리`), not the words of one foreign name: the
        run's words are all name-shaped and the tagger starts a person at its last word, a Korean full name
        (a foreign name's words are not: `에릭 트럼프`, `마이크 호`)."""
        last = elems[j - 1]
        return (
            all(e.kind == "NAME" for e in elems[i:j])
            and len(last.text) == 3
            and last.start in self.people
            and self.people.get(elems[i].start, 0) <= last.start
        )

    def _family_syllable(self, elems: list[Elem], i: int) -> bool:
        """`마이크 호`, `케빈 오`: a one-syllable family name after a foreign given name, which Kiwi reads as a
        surname or a counter, is part of the name when the tagger names a person starting at the given name."""
        given = elems[i]
        if i + 1 >= len(elems) or given.start not in self.people:
            return False
        fam = elems[i + 1]
        if fam.kind not in ("SURNAME", "NOUN") or len(fam.text) != 1 or not is_hangul(fam.text):
            return False
        if fam.text not in SURNAMES or fam.text == "양" or self.text[given.end : fam.start] != " ":
            return False  # not `김하은 양`: a girl's honorific
        if not set(fam.unit.core_tags) <= {"NNP", "NNG", "NNB"}:
            return False  # not `김해숙 두 배우`: a numeral (`두/MM`), though `두` is a surname too
        return given.kind in ("NOUN", "NAME") and len(given.text) >= 2 and self._name_part(given)

    @staticmethod
    def _spaced_name(e: Elem) -> bool:
        words = e.text.split(" ")
        return e.kind == "NOUN" and 2 <= len(words) <= 4 and all(is_hangul(w) for w in words) and e.proper

    def _foreign_end(self, elems: list[Elem], i: int, j: int) -> int:
        """Where a foreign name of three or more words ends: before the words that are the affiliation (`맷 프루삭
        아메리칸 비트코인 CEO`) when the tagger names a person up to there (one span, or people one after another:
        its spans end between the words), the article writes those words without the name elsewhere (`아메리칸
        비트코인의 회장`), or the name runs into an organisation's post (`ORG_POSTS`: `케인 도슨 블루마린 CEO`, the
        last word the organisation)."""
        ends = self._tagger_person_ends(elems[i].start)
        for k in range(i + 2, j):
            rest = self.text[elems[k].start : elems[j - 1].end]
            cut = self.hints.get((elems[i].start, elems[k - 1].end)) == "PER" or elems[k - 1].end in ends
            if cut or (len(rest) >= 3 and self._written_elsewhere(rest, elems[k].start, elems[k - 1].text)):
                return self._cut(elems, k, j)
        last = elems[j - 1]
        if (
            j - i >= 3
            and j < len(elems)
            and self._org_post(elems[j])
            and last.kind == "NOUN"
            and is_hangul(last.text)
            and len(last.text) >= 3
            and last.text not in NAME_SUFFIXES
        ):
            return self._cut(elems, j - 1, j)
        return j

    def _cut(self, elems: list[Elem], k: int, j: int) -> int:
        """The words ``elems[k:j]`` cut off a foreign name as its organisation (`cut_affiliation`); returns ``k``."""
        rest = self.text[elems[k].start : elems[j - 1].end]
        self.cut_affiliation = Elem("ENT", elems[k].start, elems[j - 1].end, rest, elems[k].unit, rule=True)
        self.cut_affiliation.entry = Entry(rest, "ORG")
        return k

    def _tagger_person_ends(self, start: int) -> set[int]:
        """Ends of the tagger's person spans that start at ``start`` or follow it one space apart."""
        ends: set[int] = set()
        end = self.people.get(start)
        while end is not None:
            ends.add(end)
            end = self.people.get(end + 1) if self.text[end : end + 1] == " " else None
        return ends

    def _org_word(self, e: Elem, nxt: Elem) -> bool:
        """A word before a title that names an organisation: a proper noun, or a word with a number after its
        letters right before an organisation's post (`누리9 공동창업자`)."""
        if e.proper:
            return True
        t = e.text
        return self._org_post(nxt) and t[:1].isalpha() and t[-1:].isdigit() and not t.isdigit()

    @staticmethod
    def _org_post(e: Elem) -> bool:
        return e.kind == "TITLE" and (e.text in ORG_POSTS or e.text.endswith(ORG_POST_ENDINGS))

    def _written_elsewhere(self, words: str, pos: int, before: str) -> bool:
        """``words`` occur in the article other than at ``pos`` and not right after ``before`` (the name's end)."""
        at = self.text.find(words)
        while at >= 0:
            if at != pos and not self.text[:at].rstrip().endswith(before):
                return True
            at = self.text.find(words, at + 1)
        return False

    def _office(self, u: Unit) -> bool:
        """A word naming an office: a title, or a common noun ending like one (`조사국장`, `국가안보보좌관`)."""
        core = u.core
        if self.vocab.is_title(core) or core in OFFICE_WORDS or core.endswith(OFFICE_ENDINGS):
            return True
        shaped = len(core) >= 3 and is_hangul(core) and core.endswith(TITLE_ENDINGS)
        return shaped and self.vocab.suffix_entity(core, u.toks) is None

    def _words_across(self, last: Unit) -> list[Unit] | None:
        """The words after ``last``, the end of a phrase, up to an office, across a gloss in parentheses and a
        `·` (`인공지능(AI)·크립토 차르`, `보블리(스위스) 조사국장`, `김하진(54) 한빛전자 대표`); None when no mark is
        crossed or no office ends them."""
        text, words, depth = self.text, [], 0
        for u in self.units[last.idx + 1 : last.idx + 12]:
            if u.sent != last.sent or "\n" in u.pre_gap:
                return None
            if not u.toks:
                mark = text[u.start : u.start + 1]
                if mark == "(":
                    depth += 1
                elif mark == ")" and depth:
                    depth -= 1
                elif mark != "·" or depth:
                    return None
                continue
            if depth:
                continue  # the gloss: `(AI)`, `(스위스)`, `(54)`
            if u.idx == last.idx + 1:
                return None  # no mark crossed: the phrase reader saw these words
            words.append(u)
            if self._office(u):
                return words
            if not u.open_end or len(words) > 4:
                return None
        return None

    def _name_part(self, e: Elem) -> bool:
        """A word of a foreign name: a proper Hangul noun no organisation suffix explains (`루미스`, not
        `누리전자`), or a Latin initial (`J`)."""
        if e.text.isascii():
            return e.text.isalpha() and e.text.isupper() and len(e.text) <= 2
        u = e.unit
        if not (is_hangul(e.text) and all(t == "NNP" for t in u.core_tags)) or e.text in self.vocab.gz.stopwords:
            return False
        return e.kind == "NAME" or self.vocab.suffix_entity(u.core, u.toks) is None

    def _retype(self, elems: list[Elem]) -> None:
        """Offices titles.csv lacks as titles (`공동창업자`, `책임자`); a name the suffix rules took for a place
        (`한병도`) as a name before a person's title."""
        for n, e in enumerate(elems):
            if e.kind == "NOUN" and (e.text in OFFICE_WORDS or e.text.endswith(OFFICE_ENDINGS)):
                elems[n] = Elem("TITLE", e.start, e.end, e.text, e.unit)
            elif (
                e.kind == "ENT"
                and e.rule
                and e.ent.type == "LOC"
                and n + 1 < len(elems)
                and elems[n + 1].kind == "TITLE"
                and elems[n + 1].text not in PLACE_TITLES
                and self.vocab.name_shaped(e.unit)
                and len(e.text) == 3
            ):
                elems[n] = Elem("NAME", e.start, e.end, e.text, e.unit)

    def read(self, elems: list[Elem], used: set[int]) -> None:
        """Find the roles of one phrase; the indexes of the elements they take go to ``used``."""
        self._retype(elems)
        n = len(elems)
        i = 0
        while i < n:
            self.cut_affiliation = None
            end = self._person_at(elems, i) if elems[i].kind in ("NAME", "NOUN") else 0
            if not end:
                i += 1
                continue
            person_start, person_end = elems[i].start, elems[end - 1].end
            name = self.text[person_start:person_end]
            if name in self.vocab.gz.stopwords:
                i += 1  # `지난달 담양 군수`: a word of time before a title is no name
                continue
            if self._family_name_of_known(name):
                i += 1  # `하워드 감독` after `크리스 하워드`: a short mention, resolved later
                continue
            j = end
            parts: list[Elem] = []
            aff: Elem | None = None
            cut, self.cut_affiliation = self.cut_affiliation, None
            if cut is not None:
                aff = (
                    cut  # the words after a foreign name that are its organisation (`맷 프루삭 아메리칸 비트코인 CEO`)
                )
                while j < n and elems[j].end <= cut.end:
                    j += 1
            while j < n and elems[j].kind == "MOD":
                parts.append(elems[j])
                j += 1
            if j < n and elems[j].kind == "ENT" and elems[j].ent.type in ("ORG", "LOC"):
                aff = elems[j]
                j += 1
                if aff.ent.type == "LOC" and j < n and elems[j].kind == "ENT" and elems[j].ent.type == "ORG":
                    aff = elems[j]  # `미국 백악관`: the organisation, not the country before it
                    j += 1
            elif (
                j + 1 < n
                and elems[j].kind == "NOUN"
                and self._org_word(elems[j], elems[j + 1])
                and title_ahead(elems, j + 1)
            ):
                aff = elems[j]  # an organization the gazetteer does not know (`누리랩스 대표`, `누리9 공동창업자`)
                aff.entry, aff.rule = Entry(aff.text, "ORG"), True
                j += 1
            while j < n and elems[j].kind in ("NOUN", "MOD") and title_ahead(elems, j):
                parts.append(elems[j])
                j += 1
            if j < n and title_like(elems[j]) and (j + 1 == n or elems[j + 1].kind in ("TITLE", "MOD")):
                elems[j] = Elem("TITLE", elems[j].start, elems[j].end, elems[j].text, elems[j].unit)
            k = j
            while k < n and elems[k].kind in ("TITLE", "MOD"):
                k += 1
            titles = elems[j:k]
            role_start = person_start
            if not any(t.kind == "TITLE" for t in titles):
                across = self._across(elems, end, j, aff)
                if across is not None:
                    across_title, aff, role_end = across
                    for x in range(i, n):
                        used.add(x)
                    self._emit(elems, i, name, across_title, aff, role_start, role_end, used)
                    i = n
                    continue
                # Title before the name: `네이버 대표 최수연`, `배우 서하린`.
                if i >= 1 and elems[i - 1].kind == "TITLE" and (i - 1) not in used:
                    titles, parts, k = [elems[i - 1]], [], end
                    role_start = elems[i - 1].start
                    if i >= 2 and elems[i - 2].kind == "ENT" and (i - 2) not in used:
                        aff = elems[i - 2]
                        used.add(i - 2)
                        role_start = aff.start
                    elif i >= 2 and self._unknown_institution(elems[i - 2]) and (i - 2) not in used:
                        aff = elems[i - 2]  # `국가안보실 1차장 김하진`
                        aff.entry, aff.rule = Entry(aff.text, "ORG"), True
                        used.add(i - 2)
                        role_start = aff.start
                    used.add(i - 1)
                else:
                    i += 1
                    continue
            # Affiliation before the name: `과기정통부 이종호 장관`.
            if aff is None and i >= 1 and elems[i - 1].kind == "ENT" and (i - 1) not in used:
                if elems[i - 1].ent.type in ("ORG", "LOC"):
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
            if self._predicated_noun(parts, titles, aff):
                i += 1  # `장동혁 지도부 주장이지만`: the leadership's claim, not a captain
                continue
            title = " ".join(e.text for e in parts + titles if e.text) or None
            role_end = max(e.end for e in titles) if titles else person_end
            for x in range(i, k):
                used.add(x)
            person = self._emit(elems, i, name, title, aff, role_start, max(role_end, person_end), used)
            # A second title joined by `겸`: `대표 직무대행 겸 원내대표`.
            if k + 1 < n and elems[k].text in TITLE_JOINERS:
                m = k + 1
                while m < n and elems[m].kind in ("NOUN", "MOD") and title_ahead(elems, m):
                    m += 1
                last = m
                while last < n and elems[last].kind in ("TITLE", "MOD"):
                    last += 1
                if any(e.kind == "TITLE" for e in elems[m:last]):
                    second = " ".join(e.text for e in elems[k + 1 : last] if e.text)
                    affiliation = self.found.roles[-1].affiliation if self.found.roles else None
                    if not self._in_byline(role_start, elems[last - 1].end):
                        self.found.roles.append(Role(person, second, affiliation, role_start, elems[last - 1].end))
                    for x in range(k, last):
                        used.add(x)
                    k = last
            i = k if k > i else i + 1

    def _across(self, elems: list[Elem], end: int, j: int, aff: Elem | None) -> tuple[str, Elem | None, int] | None:
        """(title, affiliation, end) of a title that goes on past the phrase: `데이비드 삭스 미국 백악관
        인공지능(AI)·크립토 차르`, `코넬 보블리(스위스) 조사국장`, `김하진(54) 한빛전자 대표`."""
        if not all(e.kind in ("NOUN", "MOD") for e in elems[j:]) or (j == end and aff is not None):
            return None
        words = self._words_across(elems[-1].unit)
        if not words:
            return None
        if j < len(elems):
            return self.text[elems[j].start : words[-1].end], aff, words[-1].end
        first = words[0]
        if len(words) >= 2 and aff is None:
            known = self.vocab.lookup(first.core, nnp=all(t == "NNP" for t in first.core_tags))
            entry = known or self.vocab.suffix_entity(first.core, first.toks, relaxed=True)
            proper = any(t in ("NNP", "SL") for t in first.core_tags)
            if (entry is not None and entry.type in ("ORG", "LOC")) or (entry is None and proper):
                ent = entry or Entry(first.core, "ORG")
                aff = Elem("ENT", first.start, first.end, first.core, first, ent, rule=known is None)
                words = words[1:]
        return self.text[words[0].start : words[-1].end], aff, words[-1].end

    def _unknown_institution(self, e: Elem) -> bool:
        """A common noun before a title before a name that names the office's institution (`국가안보실`,
        `대통령비서실`): one made with an institution's suffix."""
        return e.kind == "NOUN" and len(e.text) >= 3 and e.text.endswith(("실", "처", "청", "원", "부", "본부", "센터"))

    @staticmethod
    def _predicated_noun(parts: list[Elem], titles: list[Elem], aff: Elem | None) -> bool:
        """An ordinary-noun title after common nouns and before a copula (`장동혁 지도부 주장이지만`)."""
        heads = [t for t in titles if t.kind == "TITLE"]
        if aff is not None or not heads or heads[-1].text not in WEAK_TITLES:
            return False
        common = any(p.kind == "NOUN" and not p.proper for p in parts)
        return common and "VCP" in heads[-1].unit.tail_tags

    def _emit(
        self,
        elems: list[Elem],
        i: int,
        name: str,
        title: str | None,
        aff: Elem | None,
        role_start: int,
        role_end: int,
        used: set[int],
    ) -> Ent:
        """Record the person, the affiliation and the role (not in a byline), and the names listed before the
        person with `·` that share the title (`이성윤·박규환 최고위원`)."""
        person_start = elems[i].start
        person_end = person_start + len(name)
        if aff is not None and title and title.split()[-1] in SPORTS_TITLES:
            team = self.teams.get(norm_key(aff.text)) or self.vocab.gz.teams.get(norm_key(aff.text))
            if team is not None:
                aff.entry = team  # `LG 감독` → LG 트윈스
        person = self.found.add(person_start, person_end, Entry(name, "PER"), elems[i].unit.sent, P_ROLE, title)
        self.new_names[name] = "PER"
        aff_ent = None
        if aff is not None:
            prio = P_RULE if aff.rule else P_GAZ
            aff_ent = self.found.add(aff.start, aff.end, aff.ent, aff.unit.sent, prio)
            if prio == P_RULE:
                self.new_names.setdefault(aff.ent.name, aff.ent.type)
            for x, e in enumerate(elems):
                if e is aff:
                    used.add(x)
        if self._in_byline(role_start, role_end) or self._reporter_byline(role_start, role_end, title):
            return person
        self.found.roles.append(Role(person, title, aff_ent, role_start, role_end))
        if i == 0 and title and role_start == person_start:
            for u in self._listed_before(elems[0].unit):
                listed = self.found.add(u.start, u.end, Entry(u.core, "PER"), u.sent, P_ROLE, title)
                self.new_names[u.core] = "PER"
                self.found.roles.append(Role(listed, title, aff_ent, u.start, role_end))
        return person

    def _listed_before(self, first: Unit) -> list[Unit]:
        """Korean names glued to ``first`` by `·` before it (`이성윤·박규환`), nearest first."""
        out: list[Unit] = []
        u = first
        while u.idx >= 2:
            mark, prev = self.units[u.idx - 1], self.units[u.idx - 2]
            if mark.toks or self.text[mark.start : mark.start + 1] != "·" or mark.start != prev.end:
                break
            if u.start != mark.start + 1 or not prev.toks or prev.sent != u.sent or not self.vocab.name_shaped(prev):
                break
            if len(prev.core) != 3:
                break
            out.append(prev)
            u = prev
        return out

    def _in_byline(self, start: int, end: int) -> bool:
        """A byline, never a role: the phrase inside square brackets (`[신윤재 기자]`, `[엔터미디어=소설가 박생강의
        옆구리tv]`) or on a short line with an e-mail address (`칼럼니스트 박생강 pillgoo9@…`)."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        opened = text.rfind("[", line_start, start)
        if opened >= 0 and text.rfind("]", opened, start) < 0 and text.find("]", end, line_end) >= 0:
            return True
        return "@" in text[line_start:line_end] and line_end - line_start <= 80

    def _reporter_byline(self, start: int, end: int, title: str | None) -> bool:
        """A reporter's byline outside brackets: `(서울=한빛뉴스) 이름 기자 =`, `사진=이름 기자`, `/이름 기자`, or a line
        that is the name and the title alone (`이름 특파원`, at the end of the article)."""
        if not title or not title.split()[-1].endswith(REPORTER_TITLES):
            return False
        text = self.text
        after = text[end : end + 3].lstrip(" \t")
        before = text[max(start - 3, 0) : start].rstrip(" \t")
        if after.startswith("=") or before.endswith(("=", "/", "▶", "■", "●")) or REPORTS.match(text, end):
            return True
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[line_start:start] + text[end:line_end]
        return not re.search(r"[가-힣]{2}", rest)

    def _family_name_of_known(self, name: str) -> bool:
        return any(x.type == "PER" and " " in x.name and x.name.rsplit(" ", 1)[-1] == name for x in self.found.ents)

    def _genitive_affiliation(self, first: Unit) -> Elem | None:
        """`국민의힘의 박소율 의원`: the organization in the genitive right before the phrase."""
        if first.idx == 0:
            return None
        prev = self.units[first.idx - 1]
        if not prev.toks or prev.particle != "의" or prev.sent != first.sent:
            return None
        known = self.vocab.lookup(prev.core, nnp=all(t == "NNP" for t in prev.core_tags))
        entry = known or self.vocab.suffix_entity(prev.core, prev.toks)
        if entry is None or entry.type not in ("ORG", "LOC"):
            return None
        return Elem("ENT", prev.start, prev.end, prev.core, prev, entry, rule=known is None)

    # ---- short mentions -----------------------------------------------------------------------------
    def short_candidates(self, elems: list[Elem]) -> None:
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
            if e.kind not in ("SURNAME", "MOD") and not is_hangul(e.text):
                continue
            self.shorts.append((e.start, elems[k - 1].end, e.end, e.text, titles[-1].text, e.unit.sent))

    def resolve_shorts(self) -> None:
        persons = [x for x in self.found.ents if x.type == "PER" and x.priority == P_ROLE]
        if not persons:
            return
        taken = [(x.start, x.end) for x in self.found.ents if x.priority >= P_GAZ]
        for start, end, head_end, head, title, sent in self.shorts:
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
            # The mention is the surname alone (`<신> 총괄회장`): a title is not part of a person's name (KLUE's
            # convention and the gold's); the name it stands for is the article's person.
            self.found.add(start, head_end, Entry(chosen.name, "PER"), sent, P_ROLE, title)

    @staticmethod
    def _surname_of(name: str, head: str) -> bool:
        if " " in name:
            return name.split()[-1] == head  # `크리스 하워드` → `하워드 감독`
        if len(head) == 2:
            return name.startswith(head) and head in COMPOUND_SURNAMES
        return len(head) == 1 and name.startswith(head) and name[:2] not in COMPOUND_SURNAMES
