"""People and their roles in a phrase's elements: name, title, affiliation, in either Korean order.

`최수연 네이버 대표`, `과기정통부 이종호 장관`, `네이버 대표 최수연`, `배우 서하린`, `국민의힘의 박소율 의원` (the
affiliation in the genitive before the phrase), `크리스 하워드 감독` (a foreign name). Each role also gives the
person mention (with its title) and the affiliation mention. Short mentions (`최 대표`, `하워드 감독`) are
collected per phrase and resolved at the end of the article to a person with that surname.
"""

from __future__ import annotations

from .found import P_GAZ, P_ROLE, P_RULE, Found, Role
from .gazetteer import Entry, norm_key
from .lexicon import COMPOUND_SURNAMES, SPORTS_TITLES, SURNAMES, WEAK_TITLES
from .phrases import Elem, title_ahead, title_like
from .units import Unit
from .vocabulary import Vocabulary, is_hangul


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
    ) -> None:
        self.text = text
        self.units = units
        self.vocab = vocab
        self.found = found
        self.new_names = new_names  # names learnt from this article -> type (shared with the other rules)
        self.teams = teams  # first word -> club, for `누리전자 감독` (learnt before the phrases are read)
        self.shorts: list[tuple[int, int, str, str, int]] = []  # start, end, surname, title, sent

    def _person_at(self, elems: list[Elem], i: int) -> int:
        """End index of a person name starting at elems[i] (0 if none): a Korean name or a foreign one."""
        # Foreign names: two to four proper words before a title, an affiliation or a qualifier (`크리스 하워드
        # 감독`, `신시아 루미스 미국 상원의원`, `J D 밴스 미국 부통령`), the first one maybe read as a name alone.
        j = i
        while j < len(elems) and j - i < 4 and elems[j].kind in ("NOUN", "NAME") and self._name_part(elems[j]):
            j += 1
        if j - i >= 2 and j < len(elems) and elems[j].kind in ("TITLE", "MOD", "ENT"):
            return j
        return i + 1 if elems[i].kind == "NAME" else 0

    def _name_part(self, e: Elem) -> bool:
        """A word of a foreign name: a proper Hangul noun no organisation suffix explains (`루미스`, not
        `누리전자`), or a Latin initial (`J`)."""
        if e.text.isascii():
            return e.text.isalpha() and e.text.isupper() and len(e.text) <= 2
        u = e.unit
        if not (is_hangul(e.text) and all(t == "NNP" for t in u.core_tags)) or e.text in self.vocab.gz.stopwords:
            return False
        return e.kind == "NAME" or self.vocab.suffix_entity(u.core, u.toks) is None

    def read(self, elems: list[Elem], used: set[int]) -> None:
        """Find the roles of one phrase; the indexes of the elements they take go to ``used``."""
        n = len(elems)
        i = 0
        while i < n:
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
            while j < n and elems[j].kind == "MOD":
                parts.append(elems[j])
                j += 1
            if j < n and elems[j].kind == "ENT" and elems[j].ent.type in ("ORG", "LOC"):
                aff = elems[j]
                j += 1
            elif j + 1 < n and elems[j].kind == "NOUN" and elems[j].proper and title_ahead(elems, j + 1):
                aff = elems[j]  # an organization the gazetteer does not know (`누리랩스 대표`)
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
            title = " ".join(e.text for e in parts + titles if e.text) or None
            if aff is not None and title and title.split()[-1] in SPORTS_TITLES:
                team = self.teams.get(norm_key(aff.text)) or self.vocab.gz.teams.get(norm_key(aff.text))
                if team is not None:
                    aff.entry = team  # `LG 감독` → LG 트윈스
            role_end = max(e.end for e in titles) if titles else person_end
            for x in range(i, k):
                used.add(x)
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
            if not self._in_byline(role_start, max(role_end, person_end)):
                self.found.roles.append(Role(person, title, aff_ent, role_start, max(role_end, person_end)))
            i = k if k > i else i + 1

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
            self.shorts.append((e.start, elems[k - 1].end, e.text, titles[-1].text, e.unit.sent))

    def resolve_shorts(self) -> None:
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
            self.found.add(start, end, Entry(chosen.name, "PER"), sent, P_ROLE, title)

    @staticmethod
    def _surname_of(name: str, head: str) -> bool:
        if " " in name:
            return name.split()[-1] == head  # `크리스 하워드` → `하워드 감독`
        if len(head) == 2:
            return name.startswith(head) and head in COMPOUND_SURNAMES
        return len(head) == 1 and name.startswith(head) and name[:2] not in COMPOUND_SURNAMES
