"""The result types of the entity stage (what the Dagster assets store)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity; ``text[start:end] == surface``, ``name`` is the canonical name."""

    start: int
    end: int
    surface: str
    name: str
    type: str
    entity_id: str
    sentence_no: int


@dataclass(frozen=True, slots=True)
class PersonRole:
    """A person written with a title and/or affiliation; ``start``/``end`` span the whole phrase."""

    person: str
    title: str | None
    affiliation: str | None
    person_entity_id: str
    affiliation_entity_id: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted speech; ``start``/``end`` span the quoted text without its quote marks (``kind`` ``direct``) or the
    reported content without the verb of saying (``indirect``: `[… 바란다고] 밝혔다`). ``speaker_kind``: ``person``,
    ``organisation`` (``speaker`` is its name), ``anonymous`` (`한 관계자는`: no ``speaker``, maybe a title and an
    affiliation) or None (nobody is credited)."""

    speaker: str | None
    speaker_entity_id: str | None
    speaker_title: str | None
    quote: str
    start: int
    end: int
    kind: str = "direct"
    speaker_kind: str | None = None
    speaker_affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Keyword:
    term: str
    count: int


@dataclass(frozen=True, slots=True)
class Analysis:
    mentions: tuple[Mention, ...]
    person_roles: tuple[PersonRole, ...]
    quotes: tuple[Quote, ...]
    keywords: tuple[Keyword, ...]


EMPTY = Analysis((), (), (), ())
