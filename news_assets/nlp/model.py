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
    """Quoted speech; ``start``/``end`` span the quoted text without its quote marks."""

    speaker: str | None
    speaker_entity_id: str | None
    speaker_title: str | None
    quote: str
    start: int
    end: int


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
