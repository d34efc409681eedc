"""The entity stage: one Kiwi pass per article, then the rules, then the frozen result types."""

from __future__ import annotations

from collections.abc import Iterable

from .entities import find_entities
from .gazetteer import Gazetteer, default_gazetteer
from .ids import entity_id
from .keywords import keywords
from .kiwi import get_kiwi
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


def analyze(text: str) -> Analysis:
    """Entities, person roles, quotes and keywords of one article body."""
    if not text or not text.strip():
        return EMPTY
    return analyze_tokens(text, get_kiwi().tokenize(text))


def analyze_many(texts: Iterable[str], *, workers: int | None = None) -> list[Analysis]:
    """`analyze` over many articles, tokenized by Kiwi's thread pool while the rules run on earlier ones.

    ``workers`` sizes Kiwi's pool when this call is the one that loads Kiwi (default: the CPU count, or
    ``NEWS_ASSETS_KIWI_WORKERS``); ``workers=1`` tokenizes one article at a time on this thread.
    """
    texts = list(texts)
    kiwi = get_kiwi(workers)
    out: list[Analysis] = [EMPTY] * len(texts)
    todo = [i for i, t in enumerate(texts) if t and t.strip()]
    if not todo:
        return out
    if workers == 1:
        for i in todo:
            out[i] = analyze_tokens(texts[i], kiwi.tokenize(texts[i]))
        return out
    batch = kiwi.tokenize(texts[i] for i in todo)
    for i, toks in zip(todo, batch, strict=True):
        out[i] = analyze_tokens(texts[i], toks)
    return out
