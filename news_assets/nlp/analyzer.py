"""The NLP stage's one object: a gazetteer and the one Kiwi that has its names as user words.

    analyzer = Analyzer.shared(extra_gazetteer_dirs)   # loaded once per process and configuration
    analyzer.analyze(body) -> Analysis
    analyzer.analyze_many(bodies) -> list[Analysis]    # Kiwi's batch API: its worker threads tokenize
                                                       # while the rules run on earlier articles

An `Analyzer` takes its configuration as arguments and reads no environment variable. The module-level
`analyze` / `analyze_many` are conveniences over `default_analyzer()`, which reads ``NEWS_ASSETS_GAZETTEER``
and ``NEWS_ASSETS_KIWI_WORKERS`` when it is called (never at import).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import ClassVar

from kiwipiepy import Kiwi

from .analysis import analyze_tokens
from .gazetteer import Gazetteer, env_paths, load_gazetteer
from .kiwi import cpu_workers, default_workers, new_kiwi
from .model import EMPTY, Analysis
from .ner.tagger import NerTagger

# Articles the NER tagger takes in one call from `Analyzer.analyze_many`. Kiwi's workers tokenize only a few
# articles ahead of the consumer: a large batch drains them, then leaves them idle while the rules run. On a quiet
# 2-core machine the whole analysis ran at 0.45x of Kiwi alone with 64 and 0.52-0.57x with 6-16 (the numpy steps'
# per-call cost shows below about 6).
TAGGED_TOGETHER = 12


class Analyzer:
    """The package gazetteer (`gazetteer.default_dir()`) plus ``extra_gazetteer_dirs`` (loaded after it, later
    rows win), and one Kiwi with those names registered. ``workers``: Kiwi's worker threads (default: the CPU
    count, at most 8). Loading takes seconds and half a gigabyte: use :meth:`shared` rather than a new one."""

    _shared: ClassVar[dict[tuple[str, ...], Analyzer]] = {}
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, extra_gazetteer_dirs: Sequence[str | Path] = (), workers: int | None = None, *, ner: bool = True
    ) -> None:
        self.extra_gazetteer_dirs: tuple[Path, ...] = tuple(Path(p) for p in extra_gazetteer_dirs)
        self.gazetteer: Gazetteer = load_gazetteer(self.extra_gazetteer_dirs)
        self.workers: int = workers or cpu_workers()
        self.kiwi: Kiwi = new_kiwi(self.gazetteer, self.workers)
        # The learned PER/ORG/LOC tagger over the shipped model (read once per process, its gazetteer features
        # from this analyzer's gazetteer) merged with the rules (`entities.MergePolicy`); ``ner=False``: the rules
        # alone (docs/benchmarks-entities.md has both).
        self.tagger: NerTagger | None = NerTagger(gz=self.gazetteer) if ner else None

    @classmethod
    def shared(cls, extra_gazetteer_dirs: Sequence[str | Path] = (), workers: int | None = None) -> Analyzer:
        """One Analyzer per distinct list of extra gazetteer folders in this process, loaded on first use;
        ``workers`` only matters for the call that loads it."""
        key = tuple(str(Path(p).resolve()) for p in extra_gazetteer_dirs)
        with cls._shared_lock:
            analyzer = cls._shared.get(key)
            if analyzer is None:
                analyzer = cls._shared[key] = cls(extra_gazetteer_dirs, workers)
        return analyzer

    def analyze(self, text: str) -> Analysis:
        """Entities, person roles, quotes and keywords of one article body."""
        if not text or not text.strip():
            return EMPTY
        return analyze_tokens(text, self.kiwi.tokenize(text), self.gazetteer, self.tagger)

    def analyze_many(self, texts: Iterable[str], *, workers: int | None = None) -> list[Analysis]:
        """:meth:`analyze` over many articles, tokenized by Kiwi's worker threads while the rules run on earlier
        ones; ``workers=1`` tokenizes one article at a time on this thread instead."""
        texts = list(texts)
        out: list[Analysis] = [EMPTY] * len(texts)
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        if not todo:
            return out
        kiwi, gz, tagger = self.kiwi, self.gazetteer, self.tagger
        if workers == 1:
            tokenized: Iterable[tuple[int, list]] = ((i, kiwi.tokenize(texts[i])) for i in todo)
        else:
            tokenized = zip(todo, kiwi.tokenize(texts[i] for i in todo), strict=True)
        for chunk in _batched(tokenized, TAGGED_TOGETHER):
            found = tagger.tag_many((texts[i], toks) for i, toks in chunk) if tagger else [None] * len(chunk)
            for (i, toks), spans in zip(chunk, found, strict=True):
                out[i] = analyze_tokens(texts[i], toks, gz, tagger, spans=spans)
        return out


def _batched(items: Iterable, n: int) -> Iterable[list]:
    """``itertools.batched`` (Python 3.12) as lists."""
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def default_analyzer(workers: int | None = None) -> Analyzer:
    """The shared Analyzer for the folders in ``NEWS_ASSETS_GAZETTEER``, with ``workers`` (else
    ``NEWS_ASSETS_KIWI_WORKERS``, else the CPU count) worker threads if this call loads it."""
    return Analyzer.shared(env_paths(), workers or default_workers())


def analyze(text: str) -> Analysis:
    """:meth:`Analyzer.analyze` on the default analyzer."""
    return default_analyzer().analyze(text)


def analyze_many(texts: Iterable[str], *, workers: int | None = None) -> list[Analysis]:
    """:meth:`Analyzer.analyze_many` on the default analyzer (``workers`` sizes Kiwi's worker threads when
    this call loads it; ``workers=1`` tokenizes on this thread)."""
    return default_analyzer(workers).analyze_many(texts, workers=workers)
