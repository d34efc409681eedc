"""Which articles tell the same story as an earlier one, within a day and across the days before it.

Three tests, in order: the same canonical URL, the same normalised body (content hash), and a near-duplicate
body: a wire story re-published by another outlet with a changed headline, an added byline or a sentence
dropped. Near-duplicates are found with MinHash/LSH (datasketch) over word 3-shingles and confirmed with
the exact Jaccard similarity of the shingle sets, which must reach `NEAR_DUPLICATE_JACCARD`.

Why 0.8: on the bundled sample's wire stories, copies edited by other outlets (a sentence dropped or
reworded, a byline added) measure 0.83-0.97, while independent articles of the same day, even on the same
event with the same figures, measure at most 0.73 (tests/test_dedup.py holds both sides on the sample). Word shingles, not characters: a Korean word
carries its particles, so a reworded sentence changes a few shingles and a different story changes most.

Across days (`Prior`): the articles of the `LOOKBACK_DAYS` days before are candidates too, from their stored
fingerprints (URL, content hash, MinHash signature) rather than their bodies; only the bodies of the few
candidates that pass the signature estimate are read, for the exact Jaccard. An earlier day always comes
first, so a day's links depend on the days before it and never on the days after
(news_assets/transform/copies.py keeps stored later days right when an earlier day is written after them).
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datasketch import MinHash

NEAR_DUPLICATE_JACCARD = 0.8
# LSH only proposes candidates; it is tuned well below the decision threshold because it misses a fair share
# of pairs just above its own threshold. The exact Jaccard then decides.
CANDIDATE_JACCARD = 0.5
NUM_PERM = 64
# LSH proposes every story of the day on the same topic; on a 10,000-page day the exact Jaccard over those
# candidates took 14 s (the top hot spot of the profile). A candidate whose MinHash estimate is this far below
# the decision threshold is dropped first: with 64 permutations the estimate's standard deviation is at most
# 0.0625, so 0.55 is four of them below 0.8, and a true near-duplicate is lost with a chance under 1 in 10^4.
ESTIMATE_FLOOR = 0.55
SHINGLE_WORDS = 3
# Bodies shorter than this many shingles are only matched exactly: a few shared phrases are not a story.
MIN_SHINGLES = 20
# How far back a copy is looked for: a wire story is re-run within days, not weeks, and the window bounds what
# a day reads (the signatures of 7 days) and how far a re-run of a day reaches into the stored later days.
LOOKBACK_DAYS = 7

_WORD = re.compile(r"\w+")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class StoryKey:
    """What dedup needs to know of one article."""

    article_id: str
    canonical_url: str
    content_hash: str
    body: str


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup keeps of an article of an earlier day: no body, a MinHash signature instead (None when the
    body is too short to be matched other than exactly). `root` is its stored `duplicate_of`, if any."""

    article_id: str
    canonical_url: str
    content_hash: str
    signature: Sequence[int] | None
    root: str | None = None


def content_hash(body: str) -> str:
    """Hash of the body with whitespace normalised, so reflowed copies of one text match."""
    return hashlib.sha1(" ".join(body.split()).encode("utf-8")).hexdigest()


def shingles(body: str) -> set[bytes]:
    words = _WORD.findall(body.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def _stable_hash(data: bytes) -> int:
    # Stable across processes (unlike hash()), and five times cheaper than datasketch's default SHA-1; MinHash
    # mixes the value again before permuting, so CRC-32's weak avalanche does not bias the signature.
    return zlib.crc32(data)


@functools.cache
def _template() -> MinHash:
    """Only its permutations are used, never updated."""
    from datasketch import MinHash

    # A fixed seed (datasketch's default, 1): signatures are stored, so they must be comparable across runs.
    return MinHash(num_perm=NUM_PERM, seed=1)


def _signature(story_shingles: set[bytes], template: MinHash) -> MinHash:
    from datasketch import MinHash

    # Sharing the template's permutations skips regenerating NUM_PERM random pairs for every article.
    signature = MinHash(
        num_perm=NUM_PERM, hashfunc=_stable_hash, permutations=template.permutations, scheme=template.scheme
    )
    signature.update_batch(story_shingles)
    return signature


def stored_signature(values: Sequence[int], template: MinHash | None = None) -> MinHash:
    """A signature back from its stored values (`Sketch.values`)."""
    from datasketch import MinHash

    template = template or _template()
    return MinHash(
        hashvalues=list(values), hashfunc=_stable_hash, permutations=template.permutations, scheme=template.scheme
    )


@dataclass
class Prior:
    """The articles of the days before, as candidates for the day's copies.

    Every earlier article is a candidate, the copies too: a link goes to the root (`Fingerprint.root`), so a
    story copied day after day points at its first copy, even when that one is older than the window.
    `load_bodies` reads the bodies of the candidates the signatures leave (a few per day, read once).
    """

    fingerprints: Iterable[Fingerprint]
    load_bodies: Callable[[list[str]], dict[str, str]]
    roots: dict[str, str] = field(init=False, default_factory=dict)
    urls: dict[str, str] = field(init=False, default_factory=dict)
    hashes: dict[str, str] = field(init=False, default_factory=dict)
    # The stored signatures as one matrix (a row per article) and LSH's bands over it, built with numpy rather
    # than datasketch's objects: a week of a large corpus is tens of thousands of rows, and its articles propose
    # hundreds of candidates each, which one comparison of rows estimates at once.
    _ids: list[str] = field(init=False, default_factory=list)
    _matrix: Any = field(init=False, default=None)
    _bands: list[dict[bytes, list[int]]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        import numpy as np

        values = []
        for fp in self.fingerprints:
            root = fp.root or fp.article_id
            self.roots[fp.article_id] = root
            self.urls.setdefault(fp.canonical_url, root)
            self.hashes.setdefault(fp.content_hash, root)
            if fp.signature is not None:
                self._ids.append(fp.article_id)
                values.append(fp.signature)
        self._matrix = np.array(values, dtype=np.uint32).reshape(len(values), NUM_PERM)
        for start, end in _band_ranges():
            band: dict[bytes, list[int]] = {}
            for row, key in enumerate(_band_keys(self._matrix[:, start:end])):
                band.setdefault(key, []).append(row)
            self._bands.append(band)

    def candidates(self, signature: MinHash) -> list[str]:
        """Earlier articles that share an LSH band with `signature` and whose MinHash estimate reaches
        ESTIMATE_FLOOR, in id order."""
        if not self._ids:
            return []
        values = signature.hashvalues.astype("uint32")
        rows = sorted(
            {
                row
                for band, (start, end) in zip(self._bands, _band_ranges(), strict=True)
                for row in band.get(values[start:end].tobytes(), ())
            }
        )
        if not rows:
            return []
        estimates = (self._matrix[rows] == values).mean(axis=1)
        return sorted(
            self._ids[row] for row, estimate in zip(rows, estimates, strict=True) if estimate >= ESTIMATE_FLOOR
        )


@functools.cache
def _band_ranges() -> list[tuple[int, int]]:
    """The bands datasketch's MinHashLSH picks for CANDIDATE_JACCARD (14 bands of 4 for 64 permutations)."""
    from datasketch import MinHashLSH

    return list(MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM).hashranges)


def _band_keys(band: Any) -> list[bytes]:
    contiguous = band.astype("uint32", copy=True)
    return [row.tobytes() for row in contiguous]


@dataclass(frozen=True, slots=True)
class Sketch:
    """An article's shingle set and MinHash signature (None below MIN_SHINGLES)."""

    shingles: set[bytes]
    signature: MinHash | None

    def values(self) -> list[int] | None:
        """The signature as stored (`Fingerprint.signature`)."""
        return None if self.signature is None else self.signature.hashvalues.tolist()


def sketch(stories: Sequence[StoryKey]) -> dict[str, Sketch]:
    """The sketch of every story: dedup needs the signatures of the copies too, to store them for the later days."""
    template = _template()
    sketches = {}
    for story in stories:
        story_shingles = shingles(story.body)
        signature = _signature(story_shingles, template) if len(story_shingles) >= MIN_SHINGLES else None
        sketches[story.article_id] = Sketch(story_shingles, signature)
    return sketches


def find_duplicates(
    stories: Sequence[StoryKey], prior: Prior | None = None, sketches: dict[str, Sketch] | None = None
) -> dict[str, str]:
    """article_id → article_id of the original, for every article that repeats an earlier one.

    `stories` must be in priority order (the first copy of a story is its original); only originals are
    candidates, so chains collapse onto the first copy. With `prior`, the articles of the days before come
    first: a copy of one of them points to its root. `sketches` (from `sketch`) saves computing them again.
    """
    # Imported here: datasketch pulls in scipy (about 5 s), which the extraction workers and the code
    # location's start-up should not pay for.
    from datasketch import MinHashLSH

    duplicate_of: dict[str, str] = {}
    seen_urls: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    template = _template()
    shingle_sets: dict[str, set[bytes]] = {}
    signatures: dict[str, MinHash] = {}

    def sketch_of(story: StoryKey) -> Sketch:
        if sketches is not None:
            return sketches[story.article_id]
        story_shingles = shingles(story.body)
        enough = len(story_shingles) >= MIN_SHINGLES
        return Sketch(story_shingles, _signature(story_shingles, template) if enough else None)

    earlier = _earlier_matches(stories, prior, sketch_of) if prior is not None else {}
    for story in stories:
        original = seen_urls.get(story.canonical_url) or seen_hashes.get(story.content_hash)
        if original is None and prior is not None:
            original = prior.urls.get(story.canonical_url) or prior.hashes.get(story.content_hash)
        signature = None
        if original is None:
            story_sketch = sketch_of(story)
            signature = story_sketch.signature
            if signature is not None:
                original = earlier.get(story.article_id)
                if original is None:
                    candidates = [c for c in lsh.query(signature) if signature.jaccard(signatures[c]) >= ESTIMATE_FLOOR]
                    original = _closest(story_sketch.shingles, candidates, shingle_sets)
        if original is not None:
            duplicate_of[story.article_id] = original
            seen_urls.setdefault(story.canonical_url, original)
            seen_hashes.setdefault(story.content_hash, original)
            continue
        seen_urls.setdefault(story.canonical_url, story.article_id)
        seen_hashes.setdefault(story.content_hash, story.article_id)
        if signature is not None:
            lsh.insert(story.article_id, signature)
            shingle_sets[story.article_id] = story_sketch.shingles
            signatures[story.article_id] = signature
    return duplicate_of


def _earlier_matches(
    stories: Sequence[StoryKey], prior: Prior, sketch_of: Callable[[StoryKey], Sketch]
) -> dict[str, str]:
    """article_id → root of its closest near-duplicate among the earlier days' articles. The earlier days do
    not change during the day, so every story is matched against them in one pass, and the candidates' bodies
    are read in one query."""
    proposed: dict[str, tuple[set[bytes], set[str], list[str]]] = {}
    for story in stories:
        if story.canonical_url in prior.urls or story.content_hash in prior.hashes:
            continue  # an exact copy of an earlier day's article
        story_sketch = sketch_of(story)
        if story_sketch.signature is None:
            continue
        candidates = prior.candidates(story_sketch.signature)
        if candidates:
            proposed[story.article_id] = (story_sketch.shingles, figures(story.body), candidates)
    if not proposed:
        return {}
    wanted = sorted({c for *_, candidates in proposed.values() for c in candidates})
    bodies = prior.load_bodies(wanted)
    prior_figures = {c: figures(body) for c, body in bodies.items()}
    kept = {
        article_id: [c for c in candidates if c in prior_figures and _nested(story_figures, prior_figures[c])]
        for article_id, (_, story_figures, candidates) in proposed.items()
    }
    # Shingled after the figures test, which is cheaper and leaves fewer bodies.
    prior_shingles = {c: shingles(bodies[c]) for c in sorted({c for cs in kept.values() for c in cs})}
    matches = {}
    for article_id, (story_shingles, _, _) in proposed.items():
        closest = _closest(story_shingles, kept[article_id], prior_shingles)
        if closest is not None:
            matches[article_id] = prior.roots[closest]
    return matches


def figures(body: str) -> set[str]:
    """The numbers of a body (counts, amounts, dates, scores)."""
    return set(_FIGURE.findall(body))


def _nested(a: set[str], b: set[str]) -> bool:
    # A copy keeps the figures of what it copies, less a dropped sentence's or plus an added one's; a story
    # whose figures changed (each side has one the other lacks) is a follow-up with new facts, not a copy.
    return a <= b or b <= a


def _closest(target: set[bytes], candidates: list[str], shingle_sets: dict[str, set[bytes]]) -> str | None:
    best, best_score = None, NEAR_DUPLICATE_JACCARD
    for candidate in sorted(candidates):
        other = shingle_sets[candidate]
        # Jaccard is at most the smaller set's share of the larger: skip the set operations when that loses.
        if min(len(target), len(other)) < best_score * max(len(target), len(other)):
            continue
        shared = len(target & other)
        score = shared / (len(target) + len(other) - shared)
        if score >= best_score:
            best, best_score = candidate, score
    return best
