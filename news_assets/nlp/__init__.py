"""Who and what is in Korean news text: entities, person roles, quotes and keywords on kiwipiepy.

This package does not import Dagster; the assets in ``news_assets.defs`` call :func:`analyze_many`.
"""

from __future__ import annotations

from .analysis import analyze, analyze_many
from .gazetteer import Gazetteer, default_gazetteer, load_gazetteer
from .ids import entity_id
from .model import Analysis, Keyword, Mention, PersonRole, Quote


def extract_entities(text: str) -> list[Mention]:
    """The entity mentions of ``text`` (what :func:`analyze` gives as ``mentions``)."""
    return list(analyze(text).mentions)


__all__ = [
    "Analysis",
    "Gazetteer",
    "Keyword",
    "Mention",
    "PersonRole",
    "Quote",
    "analyze",
    "analyze_many",
    "default_gazetteer",
    "entity_id",
    "extract_entities",
    "load_gazetteer",
]
