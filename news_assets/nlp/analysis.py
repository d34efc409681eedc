"""Everything after Kiwi for one article: the learned tagger and the entity, quote and keyword rules on the same
Kiwi tokens, then the frozen result types.

`analyzer.Analyzer` runs Kiwi and calls :func:`analyze_tokens`. The tagger's PER/ORG/LOC spans are hints for the
rules (a word it names can be a role's person or affiliation) and mentions where no rule found one
(`entities.MergePolicy`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .entities import DEFAULT_POLICY, Hint, MergePolicy, find_entities
from .gazetteer import Gazetteer, default_gazetteer
from .ids import entity_id
from .keywords import keywords
from .model import EMPTY, Analysis, Mention, PersonRole, Quote
from .ner.features import SURNAMES
from .quotes import find_quotes
from .speakers import heading_lines
from .units import build_units, tokens_of
from .vocabulary import not_a_name

if TYPE_CHECKING:
    from .ner import NerTagger, Span


# How sure the tagger must be (its lowest label marginal, `ner.Span.p`) where the shape of a span does not speak for
# it; chosen by cross-validation on KLUE news (bench/entities.py):
# - a person that is one word Kiwi's dictionary knows (`마라탕/NNP`, `쌀국수/NNP`, `설경구/NNP`), title or not;
PER_KNOWN_WORD_MIN_P = 0.95
# - a person that is not shaped like a Korean name (a surname and one to three syllables) with no title or `씨`
#   after it (`똠얌꿍`, `결시율`; a foreign name: `트럼프`);
PER_UNSHAPED_MIN_P = 0.8
# - an organization or place made only of common nouns Kiwi knows (`금융당국`, `데이터센터`, `경찰`).
COMMON_NOUNS_MIN_P = 0.9


def person_shaped(surface: str) -> bool:
    """A Korean name: Hangul, two to four syllables, starting with a common surname (`ner.features.SURNAMES`);
    or a surname alone (the tagger's `박` of `박씨`, linked to the article's full name)."""
    if not (1 <= len(surface) <= 4 and all("가" <= c <= "힣" for c in surface)):
        return False
    return surface[:1] in SURNAMES or surface[:2] in SURNAMES


# Nouns that say the name after them is a group, not a person (`그룹 루미너스가`, `밴드 새벽별의`).
GROUP_NOUNS = frozenset(
    {"그룹", "걸그룹", "보이그룹", "밴드", "아이돌", "듀오", "트리오", "팀", "구단", "기업", "업체"}
)


def _after_group_noun(kiwi_tokens: list, k: int) -> bool:
    """The token before index ``k`` is a group noun written as its own word (`그룹 루미너스`)."""
    return k > 0 and kiwi_tokens[k - 1].form in GROUP_NOUNS and kiwi_tokens[k - 1].end < kiwi_tokens[k].start


def _titled(kiwi_tokens: list, k: int, gz: Gazetteer) -> bool:
    """A title or `씨` follows (the token at ``k``, right after the span, or after a space)."""
    return k < len(kiwi_tokens) and (kiwi_tokens[k].form in gz.titles or kiwi_tokens[k].form == "씨")


def _hints(text: str, kiwi_tokens: list, spans: Sequence[Span], gz: Gazetteer) -> list[Hint]:
    """The tagger's spans the project's conventions allow (data/gold/README.md): not generic words (`정부`, the
    stopwords, and a stopword with a one-syllable noun after it, `정부안`; KLUE labels generic institutions), not a
    word of `lexicon.NOT_NAMES` or a title, not a span with no letter (`25-19 17-25`); a person must look like one
    (`person_shaped`, a title or `씨` after it) or the tagger must be sure of it (`PER_UNSHAPED_MIN_P`), and one
    word Kiwi knows needs `PER_KNOWN_WORD_MIN_P` (`쌀국수/NNP`; a title after it does not help: `루미너스 리더`); an organization or place of common nouns only
    needs `COMMON_NOUNS_MIN_P`; a person is never one common noun Kiwi knows, nor one character that is not
    Hangul or Latin (`車`)."""
    out = []
    starts = [t.start for t in kiwi_tokens]
    for sp in spans:
        surface = text[sp.start : sp.end]
        if surface in gz.titles or not_a_name(surface, gz) or not any(c.isalpha() for c in surface):
            continue
        lo, hi = bisect_left(starts, sp.start), bisect_left(starts, sp.end)
        inside = kiwi_tokens[lo:hi]
        if sp.type != "PER":
            if surface in gz.stopwords:
                continue  # `정부`; not a surname alone that is also a stopword (`이`, `전`)
            if all(t.tag == "NNG" and not t.oov for t in inside):
                last = inside[-1].form if inside else ""
                if len(last) == 1 and text[sp.start : sp.end - 1] in gz.stopwords:
                    continue  # `정부/NNG 안/NNG`: a generic word and a noun suffix
                if sp.p < COMMON_NOUNS_MIN_P:
                    continue
        else:
            if len(surface) == 1 and not ("가" <= surface <= "힣" or surface.isascii()):
                continue
            if len(inside) == 1 and not inside[0].oov and inside[0].tag == "NNG":
                continue
            known = len(inside) == 1 and not inside[0].oov and inside[0].tag == "NNP"
            if known and sp.p < PER_KNOWN_WORD_MIN_P:
                continue
            if not person_shaped(surface) and sp.p < PER_UNSHAPED_MIN_P and not _titled(kiwi_tokens, hi, gz):
                continue
            if _after_group_noun(kiwi_tokens, lo):
                out.append(Hint(sp.start, sp.end, "ORG", sp.p))
                continue
        out.append(Hint(sp.start, sp.end, sp.type, sp.p))
    return out


def analyze_tokens(
    text: str,
    kiwi_tokens,
    gz: Gazetteer | None = None,
    tagger: NerTagger | None = None,
    policy: MergePolicy = DEFAULT_POLICY,
    spans: Sequence[Span] | None = None,
) -> Analysis:
    """Everything after Kiwi, for one article (``kiwi_tokens`` from ``Kiwi.tokenize(text)``); ``tagger``: the
    learned NER tagger run on the same tokens (None: the rules alone), or ``spans``: what it found there
    (`NerTagger.tag_many` tags many articles faster than one by one)."""
    gz = gz or default_gazetteer()
    if not isinstance(kiwi_tokens, list):
        kiwi_tokens = list(kiwi_tokens)
    toks = tokens_of(kiwi_tokens)
    if not toks:
        return EMPTY
    units = build_units(text, toks)
    if spans is None and tagger is not None:
        spans = tagger.tag(text, kiwi_tokens)
    hints = _hints(text, kiwi_tokens, spans, gz) if spans is not None else []
    tagger_people = [(sp.start, sp.end) for sp in spans or () if sp.type == "PER"]
    found = find_entities(text, units, gz, hints, policy, tagger_people)
    ents = found.ents
    # Namesakes: a person the article gives an affiliation has an id qualified by it (`ids.entity_id`).
    affiliation: dict[str, str] = {}
    for r in sorted(found.roles, key=lambda r: r.start):
        if r.affiliation is not None:
            affiliation.setdefault(r.person.name, r.affiliation.name)

    def eid(name: str, type_: str) -> str:
        return entity_id(name, type_, affiliation.get(name) if type_ == "PER" else None)

    mentions = tuple(
        Mention(x.start, x.end, text[x.start : x.end], x.name, x.type, eid(x.name, x.type), x.sent) for x in ents
    )
    roles = tuple(
        PersonRole(
            r.person.name,
            r.title,
            r.affiliation.name if r.affiliation else None,
            eid(r.person.name, "PER"),
            entity_id(r.affiliation.name, r.affiliation.type) if r.affiliation else None,
            r.start,
            r.end,
        )
        for r in found.roles
    )
    quotes = tuple(
        Quote(
            q.speaker.name if q.speaker else None,
            eid(q.speaker.name, q.speaker.type) if q.speaker and q.speaker.name and q.speaker.type else None,
            q.speaker.title if q.speaker else None,
            text[q.start : q.end],
            q.start,
            q.end,
            q.kind,
            q.speaker.kind if q.speaker else None,
            q.speaker.affiliation if q.speaker else None,
        )
        for q in find_quotes(text, units, ents, found.roles, gz, tagger_people, heading_lines(text))
    )
    kws = keywords(text, toks, ents, found.aliases, gz.stopwords, gz.titles)
    return Analysis(mentions, roles, quotes, kws)
