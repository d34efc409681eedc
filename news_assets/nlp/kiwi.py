"""The process-wide Kiwi analyser.

Loading Kiwi takes seconds and half a gigabyte, so there is one per process, created on first use (a Dagster
run's worker process pays for it once). Gazetteer names are registered as NNP user words so that names Kiwi
would cut into common nouns (`과학기술정보통신부`, `LG AI연구원`) come out as one token.
"""

from __future__ import annotations

import os
import threading

from kiwipiepy import Kiwi

from .gazetteer import Gazetteer, default_gazetteer

WORKERS_ENV = "NEWS_ASSETS_KIWI_WORKERS"
_lock = threading.Lock()
_kiwi: Kiwi | None = None


def default_workers() -> int:
    env = os.environ.get(WORKERS_ENV, "").strip()
    if env:
        return max(1, int(env))
    return max(1, min(os.cpu_count() or 1, 8))


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


def get_kiwi(workers: int | None = None) -> Kiwi:
    """The shared Kiwi; ``workers`` only matters for the call that creates it."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                kiwi = Kiwi(num_workers=workers or default_workers())
                register_gazetteer(kiwi, default_gazetteer())
                _kiwi = kiwi
    return _kiwi
