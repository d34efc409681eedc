"""Word-level tests the entity rules ask of one written word: is it a name, a title, a party, a venue …

`Vocabulary` answers them for one article: the gazetteer plus the names the article defines for itself
(`누리전자 썬더스` … `썬더스는`, `한국교육과정평가원(평가원)` … `평가원 원장`), which are consulted first. The
closed word lists behind the answers are in `lexicon`.
"""

from __future__ import annotations

import re

from .gazetteer import Entry, Gazetteer, norm_key
from .lexicon import (
    COMPOUND_SURNAMES,
    EVENT_SUFFIX,
    LOC_NOT,
    LOC_SUFFIX_ADMIN,
    LOC_SUFFIX_VENUE,
    NOT_NAMES,
    ORG_NOT,
    ORG_SUFFIX_STRONG,
    ORG_SUFFIX_WEAK,
    PARTY_NOT_ENDINGS,
    SHORT_VENUE,
    SURNAMES,
    VENUE_NOT,
)
from .units import MODIFIER_PARTS, Unit

_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_ORDINAL_TITLE = re.compile(r"^제?\d+")


def suffix_room(core: str, suffixes: tuple[str, ...], room: int) -> bool:
    """Whether some suffix of ``suffixes`` that ``core`` ends with leaves ``room`` characters before it."""
    return any(core.endswith(suf) and len(core) - len(suf) >= room for suf in suffixes)


def is_hangul(s: str) -> bool:
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
        and is_hangul(core)
        and core[-2:] not in PARTY_NOT_ENDINGS
        and core[-3:] not in PARTY_NOT_ENDINGS
    )


class Vocabulary:
    """The word tests for one article: its own names (`local`) before the gazetteer's."""

    __slots__ = ("gz", "local")

    def __init__(self, gz: Gazetteer) -> None:
        self.gz = gz
        # Names this article defines before using them (`누리전자 썬더스` … `썬더스는`, `한국교육과정평가원(평가원)`
        # … `평가원 원장`): key -> entry, consulted before the gazetteer.
        self.local: dict[str, Entry] = {}

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
        if core.endswith(ORG_SUFFIX_STRONG) and suffix_room(core, ORG_SUFFIX_STRONG, 2):
            return Entry(core, "ORG")
        if relaxed and is_hangul(core) and core.endswith(ORG_SUFFIX_WEAK) and suffix_room(core, ORG_SUFFIX_WEAK, 2):
            return Entry(core, "ORG")
        # A proper noun in the word, or a word Kiwi cut after a glued modifier (`한결/MAG 건설`: unknown to it).
        if not any(t.tag in ("NNP", "SL") for t in toks) and toks[0].tag not in MODIFIER_PARTS:
            return None
        if core.endswith(ORG_SUFFIX_WEAK) and suffix_room(core, ORG_SUFFIX_WEAK, 2):
            return Entry(core, "ORG")
        if party_shaped(core):
            return Entry(core, "ORG")
        if not core.endswith(LOC_NOT) and core not in VENUE_NOT:
            if core.endswith(LOC_SUFFIX_VENUE) and suffix_room(core, LOC_SUFFIX_VENUE, 2):
                short_ok = len(toks) == 1 or (toks[-1].form == core[-1] and toks[-2].tag == "NNP")
                if core[-1] not in SHORT_VENUE or short_ok:
                    return Entry(core, "LOC")
            if (
                core.endswith(LOC_SUFFIX_ADMIN)
                and toks[0].tag == "NNP"
                and 3 <= len(core) <= 5
                and is_hangul(core)
                and suffix_room(core, LOC_SUFFIX_ADMIN, 2)
            ):
                return Entry(core, "LOC")
        if core.endswith(EVENT_SUFFIX) and suffix_room(core, EVENT_SUFFIX, 2):
            return Entry(core, "EVENT")
        return None

    def name_shaped(self, u: Unit) -> bool:
        """2–4 Hangul syllables starting with a surname, read by Kiwi as a proper noun (or as surname +
        common noun, `박/NNP 하늘/NNG`)."""
        core = u.core
        if not is_hangul(core) or not 2 <= len(core) <= 4 or not_a_name(core, self.gz):
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
