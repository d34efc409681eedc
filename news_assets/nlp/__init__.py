"""Who and what is in Korean news text: entities, person roles, quotes and keywords on kiwipiepy.

This package does not import Dagster; the assets in ``news_assets.defs`` call ``Analyzer.shared(...).analyze_many``
through ``news_assets.transform.nlp_tables.analyze_articles``.
"""

from __future__ import annotations

from .analyzer import Analyzer, analyze, analyze_many
from .gazetteer import Gazetteer, default_gazetteer, load_gazetteer
from .ids import entity_id
from .model import Analysis, Keyword, Mention, PersonRole, Quote


def extract_entities(text: str) -> list[Mention]:
    """The entity mentions of ``text`` (what :func:`analyze` gives as ``mentions``)."""
    return list(analyze(text).mentions)


__all__ = [
    "Analysis",
    "Analyzer",
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
