"""Which articles of a day tell the same story.

Three tests, in order: the same canonical URL, the same normalised body (content hash), and a near-duplicate
body: a wire story re-published by another outlet with a changed headline, an added byline or a sentence
dropped. Near-duplicates are found with MinHash/LSH (datasketch) over word 3-shingles and confirmed with
the exact Jaccard similarity of the shingle sets, which must reach `NEAR_DUPLICATE_JACCARD`.

Why 0.8: on the bundled sample's wire stories, copies edited by other outlets (a sentence dropped or
reworded, a byline added) measure 0.83-0.97, while independent articles of the same day, even on the same
event with the same figures, measure at most 0.73 (tests/test_dedup.py holds both sides on the sample). Word shingles, not characters: a Korean word
carries its particles, so a reworded sentence changes a few shingles and a different story changes most.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class StoryKey:
    """What dedup needs to know of one article."""

    article_id: str
    canonical_url: str
    content_hash: str
    body: str


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


def _signature(story_shingles: set[bytes], template: MinHash) -> MinHash:
    from datasketch import MinHash

    # Sharing the template's permutations skips regenerating NUM_PERM random pairs for every article.
    signature = MinHash(
        num_perm=NUM_PERM, hashfunc=_stable_hash, permutations=template.permutations, scheme=template.scheme
    )
    signature.update_batch(story_shingles)
    return signature


def find_duplicates(stories: Sequence[StoryKey]) -> dict[str, str]:
    """article_id → article_id of the original, for every article that repeats an earlier one.

    `stories` must be in priority order (the first copy of a story is its original); only originals are
    candidates, so chains collapse onto the first copy.
    """
    # Imported here: datasketch pulls in scipy (about 5 s), which the extraction workers and the code
    # location's start-up should not pay for.
    from datasketch import MinHash, MinHashLSH

    duplicate_of: dict[str, str] = {}
    seen_urls: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    template = MinHash(num_perm=NUM_PERM)
    shingle_sets: dict[str, set[bytes]] = {}
    signatures: dict[str, MinHash] = {}
    for story in stories:
        original = seen_urls.get(story.canonical_url) or seen_hashes.get(story.content_hash)
        story_shingles = shingles(story.body) if original is None else set()
        signature = None
        if original is None and len(story_shingles) >= MIN_SHINGLES:
            signature = _signature(story_shingles, template)
            candidates = [c for c in lsh.query(signature) if signature.jaccard(signatures[c]) >= ESTIMATE_FLOOR]
            original = _closest(story_shingles, candidates, shingle_sets)
        if original is not None:
            duplicate_of[story.article_id] = original
            seen_urls.setdefault(story.canonical_url, original)
            seen_hashes.setdefault(story.content_hash, original)
            continue
        seen_urls.setdefault(story.canonical_url, story.article_id)
        seen_hashes.setdefault(story.content_hash, story.article_id)
        if signature is not None:
            lsh.insert(story.article_id, signature)
            shingle_sets[story.article_id] = story_shingles
            signatures[story.article_id] = signature
    return duplicate_of


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
