"""The curated name lists (CSV) that the entity rules and Kiwi's user dictionary are built from.

Files in a gazetteer directory:

- ``*.csv`` with columns ``name,type,aliases,note`` — one entity per row; ``aliases`` separated by ``|``. A
  note containing ``team`` marks a sports team, so that ``LG 감독`` is the manager of ``LG 트윈스``.
- ``titles*.csv`` with columns ``title,note`` — words that mark the person next to them (장관, 대표, …).
- ``stopwords*.txt`` — one word per line, ``#`` comments; nouns never reported as keywords.

A surface written with a leading ``~`` (``수원시,LOC,~수원``) is *weak*: it is also a common word (`수원`
"water source", `예산` "budget", `경기` "game"), so it only counts where Kiwi reads it as a proper noun (NNP),
and it is not added to Kiwi's user dictionary.

The default directory is the package's own ``news_assets/data/gazetteer/``; ``NEWS_ASSETS_GAZETTEER`` adds directories
(separated by ``os.pathsep``) whose rows are loaded after it, so a user's file can add entities or re-map an
alias (the last row that defines a surface wins).
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePath


def default_dir() -> Traversable:
    """The gazetteer shipped inside the package (``news_assets/data/gazetteer``), wherever it is installed."""
    return resources.files("news_assets.data") / "gazetteer"


ENV_VAR = "NEWS_ASSETS_GAZETTEER"
ENTITY_TYPES = frozenset({"PER", "ORG", "LOC", "PRODUCT", "EVENT", "WORK"})


@lru_cache(maxsize=1 << 17)
def norm_key(surface: str) -> str:
    """Lookup key: spacing and Latin case vary in Korean news (`LG AI연구원`/`LG AI 연구원`, `Naver`). Cached: the
    rules and the tagger's features ask for the same words many times per article."""
    return "".join(unicodedata.normalize("NFC", surface).split()).lower()


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    type: str


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    surfaces: dict[str, Entry] = field(default_factory=dict)
    weak: set[str] = field(default_factory=set)
    # Sports news calls a team by its first word (`LG 감독`, `울산 감독`): first word -> team.
    teams: dict[str, Entry] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    max_key_len: int = 0
    # Every prefix of every key: a scan that extends a surface morpheme by morpheme stops when it leaves them.
    key_prefixes: set[str] = field(default_factory=set)
    # What the rules derived from these lists for a word (`phrases.PhraseReader.classify`): the same words come back
    # in every article. Emptied by `add`.
    memo: dict[tuple, tuple] = field(default_factory=dict, repr=False, compare=False)

    def lookup(self, surface: str, *, nnp: bool = False) -> Entry | None:
        """The entry for a surface; weak surfaces only when ``nnp`` (Kiwi tagged the word a proper noun)."""
        key = norm_key(surface)
        entry = self.entries.get(key)
        if entry is not None and not nnp and key in self.weak:
            return None
        return entry

    def strong_surfaces(self) -> list[str]:
        return [s for s in self.surfaces if norm_key(s) not in self.weak]

    def add(self, surface: str, entry: Entry) -> None:
        surface = unicodedata.normalize("NFC", surface.strip())
        weak = surface.startswith("~")
        surface = surface.lstrip("~").strip()
        if not surface:
            return
        key = norm_key(surface)
        self.memo.clear()
        self.entries[key] = entry
        self.surfaces[surface] = entry
        if weak:
            self.weak.add(key)
        else:
            self.weak.discard(key)
        self.max_key_len = max(self.max_key_len, len(key))
        self.key_prefixes.update(key[:k] for k in range(1, len(key) + 1))


def _csv_rows(path: Traversable) -> Iterable[dict[str, str]]:
    # csv wants the text with its line ends as they are: read it whole and hand the lines over.
    yield from csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))


def _read_into(gz: Gazetteer, path: Traversable, titles: set[str], stopwords: set[str]) -> None:
    stem = path.name.lower()
    suffix = PurePath(path.name).suffix.lower()
    if suffix == ".txt":
        if stem.startswith("stopwords"):
            for line in path.read_text(encoding="utf-8").splitlines():
                word = line.strip()
                if word and not word.startswith("#"):
                    stopwords.add(unicodedata.normalize("NFC", word))
        return
    if suffix != ".csv":
        return
    if stem.startswith("titles"):
        for row in _csv_rows(path):
            title = (row.get("title") or row.get("name") or "").strip()
            if title:
                titles.add(unicodedata.normalize("NFC", title))
        return
    for lineno, row in enumerate(_csv_rows(path), start=2):
        name = (row.get("name") or "").strip()
        type_ = (row.get("type") or "").strip().upper()
        if not name or not type_:
            continue
        if type_ not in ENTITY_TYPES:
            raise ValueError(f"{path}:{lineno}: unknown entity type {type_!r} (use one of {sorted(ENTITY_TYPES)})")
        entry = Entry(unicodedata.normalize("NFC", name.lstrip("~").strip()), type_)
        gz.add(name, entry)
        if "team" in (row.get("note") or "") and " " in entry.name:
            gz.teams[norm_key(entry.name.split()[0])] = entry
        for alias in (row.get("aliases") or "").split("|"):
            gz.add(alias, entry)


def _files(path: Traversable) -> list[Traversable]:
    if path.is_dir():
        found = (p for p in path.iterdir() if PurePath(p.name).suffix.lower() in (".csv", ".txt"))
        return sorted(found, key=lambda p: p.name)
    if path.is_file():
        return [path]
    raise FileNotFoundError(f"gazetteer file or folder not found: {path}")


def load_gazetteer(paths: Iterable[str | os.PathLike[str]] | None = None, *, include_default: bool = True) -> Gazetteer:
    """Load gazetteer files or directories; the default directory first unless ``include_default=False``."""
    sources: list[Traversable] = [default_dir()] if include_default else []
    sources += [Path(p) for p in paths or ()]
    gz = Gazetteer()
    titles: set[str] = set()
    stopwords: set[str] = set()
    for src in sources:
        for f in _files(src):
            _read_into(gz, f, titles, stopwords)
    gz.titles = frozenset(titles)
    gz.stopwords = frozenset(stopwords)
    return gz


def env_paths() -> list[str]:
    return [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: the package's own plus the directories in ``NEWS_ASSETS_GAZETTEER``."""
    return load_gazetteer(env_paths())
