"""What the entity rules find in one article: mentions (`Ent`), person roles (`Role`), aliases (`Found`).

A mention's priority decides overlaps (`entities.resolve_overlaps`): the more specific evidence wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Entry

# Priorities decide overlaps: the more specific evidence wins. P_NER: a span of the learned tagger
# (`news_assets.nlp.ner`) that no rule found; P_NER_SPREAD: the same surface elsewhere in the article.
P_ROLE, P_QUOTED, P_GAZ, P_PAREN, P_RULE, P_SPREAD, P_NER, P_NER_SPREAD, P_LONE = 60, 55, 50, 45, 30, 25, 20, 15, 10


@dataclass(slots=True)
class Ent:
    start: int
    end: int
    name: str
    type: str
    sent: int
    priority: int
    title: str | None = None  # set on PER mentions that come with a title


@dataclass(slots=True)
class Role:
    person: Ent
    title: str | None
    affiliation: Ent | None
    start: int
    end: int


@dataclass(slots=True)
class Found:
    ents: list[Ent] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    # short form -> long form for this article (`AI` -> `인공지능`), used by keywords too
    aliases: dict[str, str] = field(default_factory=dict)

    def add(self, start: int, end: int, entry: Entry, sent: int, priority: int, title: str | None = None) -> Ent:
        """Record a mention of ``entry`` at ``start:end``."""
        ent = Ent(start, end, entry.name, entry.type, sent, priority, title)
        self.ents.append(ent)
        return ent
