"""Everything after Kiwi for one article: the learned tagger and the entity, quote and keyword rules on the same
Kiwi tokens, then the frozen result types.

`analyzer.Analyzer` runs Kiwi and calls :func:`analyze_tokens`. The tagger's PER/ORG/LOC spans are hints for the
rules (a word it names can be a role's person or affiliation) and mentions where no rule found one
(`entities.MergePolicy`).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from .entities import DEFAULT_POLICY, Hint, MergePolicy, find_entities
from .gazetteer import Gazetteer, default_gazetteer
from .ids import entity_id
from .keywords import keywords
from .model import EMPTY, Analysis, Mention, PersonRole, Quote
from .quotes import find_quotes
from .units import build_units, tokens_of
from .vocabulary import not_a_name

if TYPE_CHECKING:
    from .ner import NerTagger


# A person that is one word Kiwi's dictionary knows (`마라탕/NNP`, `설경구/NNP`) needs this much confidence from the
# tagger (its lowest label marginal); chosen by cross-validation on KLUE news (bench/entities.py).
PER_KNOWN_WORD_MIN_P = 0.85


def _hints(text: str, kiwi_tokens: list, tagger: NerTagger, gz: Gazetteer) -> list[Hint]:
    """The tagger's spans the project's conventions allow (data/gold/README.md): not generic words (`정부`, the
    stopwords; KLUE labels generic institutions), not a word of `lexicon.NOT_NAMES` or a title; a person is not
    one common noun Kiwi knows (`쌀국수/NNG`), nor one proper noun it knows unless the tagger is sure of it
    (`PER_KNOWN_WORD_MIN_P`), nor one character that is not Hangul or Latin (`車`)."""
    out = []
    starts = [t.start for t in kiwi_tokens]
    for sp in tagger.tag(text, kiwi_tokens):
        surface = text[sp.start : sp.end]
        if surface in gz.titles or not_a_name(surface, gz):
            continue
        if sp.type != "PER" and surface in gz.stopwords:
            continue  # `정부`; not a surname alone that is also a stopword (`이`, `전`)
        if sp.type == "PER":
            if len(surface) == 1 and not ("가" <= surface <= "힣" or surface.isascii()):
                continue
            inside = kiwi_tokens[bisect_left(starts, sp.start) : bisect_left(starts, sp.end)]
            if (
                len(inside) == 1
                and not inside[0].oov
                and inside[0].tag in ("NNG", "NNP")
                and sp.p < PER_KNOWN_WORD_MIN_P
            ):
                continue
        out.append(Hint(sp.start, sp.end, sp.type))
    return out


def analyze_tokens(
    text: str,
    kiwi_tokens,
    gz: Gazetteer | None = None,
    tagger: NerTagger | None = None,
    policy: MergePolicy = DEFAULT_POLICY,
) -> Analysis:
    """Everything after Kiwi, for one article (``kiwi_tokens`` from ``Kiwi.tokenize(text)``); ``tagger``: the
    learned NER tagger run on the same tokens (None: the rules alone)."""
    gz = gz or default_gazetteer()
    if not isinstance(kiwi_tokens, list):
        kiwi_tokens = list(kiwi_tokens)
    toks = tokens_of(kiwi_tokens)
    if not toks:
        return EMPTY
    units = build_units(text, toks)
    hints = _hints(text, kiwi_tokens, tagger, gz) if tagger is not None else []
    found = find_entities(text, units, gz, hints, policy)
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
    titles: dict[str, str] = {}
    for r in found.roles:
        if r.title:
            titles.setdefault(r.person.name, r.title)
    quotes = tuple(
        Quote(
            q.speaker.name if q.speaker else None,
            eid(q.speaker.name, q.speaker.type) if q.speaker else None,
            q.title,
            text[q.start : q.end],
            q.start,
            q.end,
        )
        for q in find_quotes(text, units, ents, titles)
    )
    kws = keywords(text, toks, ents, found.aliases, gz.stopwords, gz.titles)
    return Analysis(mentions, roles, quotes, kws)
