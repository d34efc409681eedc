"""Kiwi, the morphological analyser, with a gazetteer's names in its user dictionary.

Gazetteer names are registered as NNP user words so that names Kiwi would cut into common nouns
(`과학기술정보통신부`, `LG AI연구원`) come out as one token. Loading Kiwi takes seconds and half a gigabyte:
`analyzer.Analyzer.shared` keeps one per gazetteer configuration per process (a Dagster run's worker process
pays for it once). Kiwi tokenizes a batch on its own worker threads, `workers` of them.
"""

from __future__ import annotations

import os

from kiwipiepy import Kiwi

from .gazetteer import Gazetteer

WORKERS_ENV = "NEWS_ASSETS_KIWI_WORKERS"


def cpu_workers() -> int:
    """Kiwi's worker threads when nothing says otherwise: the CPU count, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))


def default_workers() -> int:
    """``NEWS_ASSETS_KIWI_WORKERS`` (read now, at run time), else :func:`cpu_workers`."""
    env = os.environ.get(WORKERS_ENV, "").strip()
    if env:
        return max(1, int(env))
    return cpu_workers()


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def register_gazetteer(kiwi: Kiwi, gz: Gazetteer) -> int:
    """Add gazetteer surfaces as user words; returns how many were added."""
    added = 0
    for surface in gz.strong_surfaces():
        # Latin-only names already come out as one SL token; one-syllable words would steal common morphemes.
        hangul = sum(map(_is_hangul, surface))
        if hangul < 2:
            continue
        if kiwi.add_user_word(surface, "NNP", 0.0):
            added += 1
    return added


def new_kiwi(gz: Gazetteer, workers: int) -> Kiwi:
    """A Kiwi with ``workers`` worker threads and the names of ``gz`` in its user dictionary."""
    kiwi = Kiwi(num_workers=workers)
    register_gazetteer(kiwi, gz)
    return kiwi


def get_kiwi(workers: int | None = None) -> Kiwi:
    """The Kiwi of the default analyzer (`analyzer.default_analyzer`); ``workers`` only matters for the call
    that loads it."""
    from .analyzer import default_analyzer  # the analyzer module builds on this one

    return default_analyzer(workers).kiwi
