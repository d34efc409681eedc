"""Everything after Kiwi for one article: the entity, quote and keyword rules, then the frozen result types.

`analyzer.Analyzer` runs Kiwi and calls :func:`analyze_tokens`.
"""

from __future__ import annotations

from .entities import find_entities
from .gazetteer import Gazetteer, default_gazetteer
from .ids import entity_id
from .keywords import keywords
from .model import EMPTY, Analysis, Mention, PersonRole, Quote
from .quotes import find_quotes
from .units import build_units, tokens_of


def analyze_tokens(text: str, kiwi_tokens, gz: Gazetteer | None = None) -> Analysis:
    """Everything after Kiwi, for one article (``kiwi_tokens`` from ``Kiwi.tokenize(text)``)."""
    gz = gz or default_gazetteer()
    toks = tokens_of(kiwi_tokens)
    if not toks:
        return EMPTY
    units = build_units(text, toks)
    found = find_entities(text, units, gz)
    ents = found.ents
    mentions = tuple(
        Mention(x.start, x.end, text[x.start : x.end], x.name, x.type, entity_id(x.name, x.type), x.sent) for x in ents
    )
    roles = tuple(
        PersonRole(
            r.person.name,
            r.title,
            r.affiliation.name if r.affiliation else None,
            entity_id(r.person.name, "PER"),
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
            entity_id(q.speaker.name, q.speaker.type) if q.speaker else None,
            q.title,
            text[q.start : q.end],
            q.start,
            q.end,
        )
        for q in find_quotes(text, units, ents, titles)
    )
    kws = keywords(text, toks, ents, found.aliases, gz.stopwords, gz.titles)
    return Analysis(mentions, roles, quotes, kws)
