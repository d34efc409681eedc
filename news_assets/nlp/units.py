"""Kiwi tokens regrouped into the pieces the rules work on.

A *unit* is one written word (eojeol): its nominal *core* (the name or noun, `네이버` in `네이버는`) and its
*tail* (particles and endings). A *chunk* is a run of units with nothing but spaces between them and no
particle before the last one — the Korean noun phrase in which names, titles and affiliations stand side by
side (`최수연 네이버 대표`, `과기정통부 이종호 장관`).
"""

from __future__ import annotations

from typing import NamedTuple

from .lexicon import SURNAMES

NOMINAL = frozenset({"NNG", "NNP", "NNB", "NR", "NP", "SL", "SN", "SH", "XPN", "XSN", "W_SERIAL"})
# Tags that may sit inside a name which Kiwi cut wrongly (`허성/NNP 욱/MAG`).
NAME_NOISE = frozenset({"MAG", "MAJ", "MM", "VV", "VA", "IC", "NP", "XR", "NNB", "JKS", "JKV", "JX", "EC", "EF"})
LONE_OK = frozenset({"MM", "NP", "MAG", "VV", "VA", "IC", "XR", "NNB", "MAJ"})
# Punctuation is a unit of its own so that `과학기술정보통신부(과기정통부)는` gives three cored words.
PUNCT = frozenset({"SSO", "SSC", "SF", "SP", "SE", "SS", "SO", "SW"})
# Tags of a modifier glued before a noun inside one written word (`바르/VA ᆫ/ETM`, `새/MM`, `한결/MAG`).
MODIFIER_PARTS = frozenset({"MM", "MAG", "VA", "VV", "VA-I", "VV-I", "VA-R", "VV-R", "XR", "XSA", "ETM"})
SUBJECT_PARTICLES = frozenset({"은", "는", "이", "가", "도", "께서", "께서는"})


class Tok(NamedTuple):
    form: str
    tag: str
    start: int
    end: int
    sent: int


class Unit:
    __slots__ = ("core", "core_tags", "end", "idx", "pre_gap", "sent", "start", "tail", "tail_tags", "toks")

    def __init__(self, toks: list[Tok], text: str, idx: int, pre_gap: str) -> None:
        self.idx = idx
        first = toks[0]
        self.sent = first.sent
        self.pre_gap = pre_gap
        size = len(toks)
        n = 1 if first.tag in NOMINAL else _glued_modifier(toks)
        while n < size and toks[n].tag in NOMINAL:
            n += 1
        if (
            n == 0
            and size == 1
            and _hangul_len(first.form) == 1
            and (first.tag in LONE_OK or (first.tag.startswith("J") and (pre_gap.isspace() or idx == 0)))
        ):
            # `전 장관`, `이 대표`: a one-syllable word is a modifier or a surname the phrase needs (also when
            # Kiwi reads it as a particle, `나/JC 대표는` at the start of a paragraph: a particle is never a word).
            n = 1
        if n == size:
            core, tail = toks, []
        else:
            core, tail = toks[:n], toks[n:]
        self.toks = core
        self.tail = tail
        self.tail_tags = tuple([t.tag for t in tail])
        if core:
            self.start, self.end = first.start, core[-1].end
            self.core_tags = tuple([t.tag for t in core])
        else:
            self.start = self.end = first.start
            self.core_tags = ()
        self.core = text[self.start : self.end]

    @property
    def particle(self) -> str:
        """The first particle after the core ('' if none)."""
        for t in self.tail:
            if t.tag.startswith("J"):
                return t.form
            if t.tag not in ("XSN",):
                return ""
        return ""

    @property
    def open_end(self) -> bool:
        """True when nothing follows the core inside the word, so the phrase may go on."""
        return not self.tail

    def __repr__(self) -> str:
        return f"Unit({self.core!r}, tail={[t.form for t in self.tail]})"


def _glued_modifier(toks: list[Tok]) -> int:
    """How many leading non-noun tokens belong to the core: a determiner, adverb or adnominal form glued to
    nouns in one written word is Kiwi cutting a word it does not know (`새/MM 물결당`, `한결/MAG 건설`,
    `바르/VA ᆫ/ETM 입시연구소`), so the whole word is the noun; normal prose puts a space there."""
    if not toks or toks[0].tag in NOMINAL:
        return 0
    for k in range(1, min(len(toks), 4)):
        prev, cur = toks[k - 1].tag, toks[k].tag
        if prev in ("MM", "MAG", "ETM") and cur in NOMINAL and cur != "SN":
            if all(t.tag in MODIFIER_PARTS for t in toks[:k]):
                return k
            return 0
    return 0


_new_tuple = tuple.__new__


def tokens_of(kiwi_tokens) -> list[Tok]:
    """Kiwi's tokens as `Tok`; a noun Kiwi does not know (``oov``) is a proper noun whatever tag it guessed:
    its NNG/NNP choice for unknown words follows the context, not the word (`변시우/NNG 의원`)."""
    # tuple.__new__ skips the Python-level __new__ NamedTuple generates: one call fewer per token.
    return [
        _new_tuple(Tok, (t.form, "NNP" if t.oov and t.tag == "NNG" else t.tag, t.start, t.end, t.sent_position))
        for t in kiwi_tokens
    ]


def _hangul_len(s: str) -> int:
    if len(s) == 1:  # most calls: a one-letter morpheme
        return 1 if "\uac00" <= s <= "\ud7a3" else 0
    return sum("\uac00" <= c <= "\ud7a3" for c in s)


def build_units(text: str, toks: list[Tok]) -> list[Unit]:
    units: list[Unit] = []
    cur: list[Tok] = []
    prev_end = 0
    gap = ""
    sent = -1
    punct = False  # the last token of ``cur`` is punctuation
    for t in toks:
        start = t.start
        if start < prev_end:  # zero-width or overlapping morphemes (copula, contracted endings)
            if cur:
                cur.append(t)
                punct = t.tag in PUNCT
            continue
        is_punct = t.tag in PUNCT
        if cur and (start > prev_end or t.sent != sent or is_punct or punct):
            units.append(Unit(cur, text, len(units), gap))
            cur = []
        if not cur:
            gap = text[prev_end:start]
            sent = t.sent
        cur.append(t)
        punct = is_punct
        prev_end = max(prev_end, t.end)
    if cur:
        units.append(Unit(cur, text, len(units), gap))
    for u in units:
        if len(u.toks) + len(u.tail) > 1:
            _repair_name(u, text)
    return units


def _repair_name(u: Unit, text: str) -> None:
    """Glue a name that Kiwi split into odd morphemes back into one NNP core (`허성/NNP 욱/MAG` → `허성욱`,
    `양/MM 창/NNG 원/NNG` → `양창원`)."""
    toks = u.toks + u.tail
    j = len(toks)
    while j > 1 and toks[j - 1].tag.startswith("J"):
        j -= 1
    if j < 2:
        return
    start, end = toks[0].start, toks[j - 1].end
    if not 2 <= end - start <= 4:
        return
    body = toks[:j]
    word = text[start:end]
    if _hangul_len(word) != len(word):
        return
    if u.toks and u.core_tags[0] == "NNP" and u.tail and j > len(u.toks):
        inner = toks[len(u.toks) : j]
        if any(t.tag not in NAME_NOISE for t in inner):
            return
    elif len(word) == 3 and len(body) == 3 and word[0] in SURNAMES:
        # Three one-syllable morphemes: Kiwi found no word here, which for a 3-syllable word is a name.
        if any(t.tag not in NAME_NOISE and t.tag not in ("NNG", "NNP", "NR", "XSN", "XPN") for t in body):
            return
    else:
        return
    merged = Tok(word, "NNP", start, end, u.sent)
    u.toks = [merged]
    u.tail = toks[j:]
    u.tail_tags = tuple(t.tag for t in u.tail)
    u.start, u.end, u.core = start, end, word
    u.core_tags = ("NNP",)


def chunks(units: list[Unit]) -> list[list[Unit]]:
    """Maximal runs of cored units separated only by spaces, each open-ended but the last."""
    out: list[list[Unit]] = []
    cur: list[Unit] = []
    for u in units:
        if not u.toks:
            if cur:
                out.append(cur)
                cur = []
            continue
        if cur and (not cur[-1].open_end or u.sent != cur[-1].sent or not _is_space(u.pre_gap)):
            out.append(cur)
            cur = []
        cur.append(u)
    if cur:
        out.append(cur)
    return out


def _is_space(gap: str) -> bool:
    return bool(gap) and not gap.strip() and "\n" not in gap
