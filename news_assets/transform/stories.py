"""The day's stories: articles grouped into the events they report, followed across days.

Pure code over frames (no Dagster). A story is one event reported by one or more outlets; on a later day a
follow-up about the same event keeps its `story_id`.

**Within a day.** Each unique article (wire copies join their original's story, so a copy counts once) becomes
a tf-idf vector over its entities (nlp.mentions names) and keywords (nlp.keywords nouns), idf from the day, cut
to its `ARTICLE_FEATURES` heaviest features and L2-normalised. Articles are taken in publication order; each
joins the story whose centroid is closest by cosine, if that reaches `JOIN_COSINE`, else founds a new one.
Candidate stories come from MinHash/LSH (datasketch) over the stories' signatures (the top features of their
founding article, and of their centroid again each time a story doubles in size), so an article is compared
with a handful of centroids, not with every story of the day: the cost grows with the articles, not with
their square. There are no per-outlet rules: only content.

**Across days.** A story's row keeps its top entities and keywords; the day's stories are matched against the
rows of the `LOOKBACK_DAYS` days before (again LSH for candidates, then the Jaccard of the entity and keyword
sets, at least `LINK_JACCARD`). A matched story takes the earlier story's id, `first_seen`, first outlet and
time; two of the day's stories matching the same earlier story are one story. An unmatched story's id is a
hash of its earliest article's id.

**Deterministic ids.** Day D's stories are a function of D's articles and the stored stories of the window
before D, and nothing else: the order of the articles, of the candidates and of ties is fixed by ids. Computing
the days of a range in order therefore gives the same ids whatever order ranges are run in, as long as a day
is recomputed after the days before it change; `later_days_to_refresh` tells the asset which stored later days
to recompute (and it stops once a recomputed day comes out unchanged for a whole window), so a backfill in
reverse order ends with the same ids as one in order (tests/test_stories.py).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import polars as pl

from news_assets.schemas import DAILY_STORIES, DAILY_STORY_ARTICLES, conform

if TYPE_CHECKING:
    from datasketch import MinHash

LOOKBACK_DAYS = 7
ARTICLE_FEATURES = 24
SIGNATURE_FEATURES = 10
JOIN_COSINE = 0.30
LINK_JACCARD = 0.20
# Two of the day's stories continuing the same earlier story are one story only if they are this close to each
# other (centroid cosine): two games of the same league on one day both look like yesterday's game.
MERGE_COSINE = 0.15
CANDIDATE_JACCARD = 0.10
NUM_PERM = 64
TOP_ENTITIES = 8
TOP_KEYWORDS = 8
# Names tell events apart better than nouns: two games of a day share every volleyball noun but not the teams.
ENTITY_WEIGHT = 2.0

_ENT = "e\x1f"
_KW = "k\x1f"

# The columns the stories read from upstream tables.
ARTICLE_COLUMNS = ("news_date", "article_id", "outlet", "title", "published_at", "duplicate_of")
MENTION_COLUMNS = ("news_date", "article_id", "name")
KEYWORD_COLUMNS = ("news_date", "article_id", "term", "count")


def story_id_for(article_id: str) -> str:
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:15]


@dataclass(slots=True)
class _Story:
    members: list[str]
    centroid: dict[str, float]
    norm2: float
    founded_size: int = 1

    def cosine(self, vector: dict[str, float]) -> float:
        if self.norm2 <= 0:
            return 0.0
        dot = sum(w * self.centroid.get(f, 0.0) for f, w in vector.items())
        return dot / math.sqrt(self.norm2)

    def add(self, article_id: str, vector: dict[str, float]) -> None:
        dot = sum(w * self.centroid.get(f, 0.0) for f, w in vector.items())
        self.norm2 += 2 * dot + 1.0  # vectors are unit length
        for f, w in vector.items():
            self.centroid[f] = self.centroid.get(f, 0.0) + w
        self.members.append(article_id)


def _top(weights: dict[str, float], n: int) -> list[str]:
    return [f for f, _ in sorted(weights.items(), key=lambda fw: (-fw[1], fw[0]))[:n]]


def _minhash(tokens: Iterable[str], template: MinHash) -> MinHash:
    from datasketch import MinHash

    from news_assets.transform.dedup import _stable_hash

    signature = MinHash(
        num_perm=NUM_PERM, hashfunc=_stable_hash, permutations=template.permutations, scheme=template.scheme
    )
    signature.update_batch([t.encode("utf-8") for t in tokens])
    return signature


def article_vectors(
    article_ids: Sequence[str], mentions: pl.DataFrame, keywords: pl.DataFrame
) -> dict[str, dict[str, float]]:
    """article_id → unit tf-idf vector over its entities and keywords (its ARTICLE_FEATURES heaviest)."""
    wanted = pl.DataFrame({"article_id": list(article_ids)}, schema={"article_id": pl.String})
    ents = (
        mentions.join(wanted, on="article_id", how="semi")
        .group_by("article_id", "name")
        .len("n")
        .select(
            "article_id",
            (pl.lit(_ENT) + pl.col("name")).alias("feature"),
            pl.col("n").cast(pl.Float64),
            pl.lit(ENTITY_WEIGHT).alias("boost"),
        )
    )
    kws = (
        keywords.join(wanted, on="article_id", how="semi")
        .group_by("article_id", "term")
        .agg(pl.col("count").sum().alias("n"))
        .select(
            "article_id",
            (pl.lit(_KW) + pl.col("term")).alias("feature"),
            pl.col("n").cast(pl.Float64),
            pl.lit(1.0).alias("boost"),
        )
    )
    n_docs = max(len(article_ids), 1)
    features = pl.concat([ents, kws])
    weighted = (
        features.with_columns(pl.col("article_id").n_unique().over("feature").alias("df"))
        .with_columns(
            (pl.col("boost") * (1.0 + pl.col("n").log()) * ((n_docs + 1) / (pl.col("df") + 0.5)).log()).alias("w"),
        )
        .filter(pl.col("w") > 0)
        .sort(["article_id", "w", "feature"], descending=[False, True, False])
        .group_by("article_id", maintain_order=True)
        .head(ARTICLE_FEATURES)
        .with_columns((pl.col("w") / (pl.col("w") ** 2).sum().over("article_id").sqrt()).alias("w"))
    )
    vectors: dict[str, dict[str, float]] = {a: {} for a in article_ids}
    for article_id, feature, weight in weighted.select("article_id", "feature", "w").iter_rows():
        vectors[article_id][feature] = weight
    return vectors


def cluster_day(order: Sequence[str], vectors: dict[str, dict[str, float]]) -> list[list[str]]:
    """Single pass over `order`: each article joins the closest candidate story (cosine ≥ JOIN_COSINE) or founds one."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    template = MinHash(num_perm=NUM_PERM)
    stories: list[_Story] = []
    for article_id in order:
        vector = vectors.get(article_id) or {}
        signature = None
        best: tuple[float, int] | None = None
        if vector:
            signature = _minhash(_top(vector, SIGNATURE_FEATURES), template)
            candidates = sorted({int(key.split("#")[0]) for key in lsh.query(signature)})
            for index in candidates:
                score = stories[index].cosine(vector)
                if score >= JOIN_COSINE and (best is None or score > best[0]):
                    best = (score, index)
        if best is not None:
            story = stories[best[1]]
            story.add(article_id, vector)
            size = len(story.members)
            if size >= 2 * story.founded_size:  # the centroid drifted: index its signature again
                story.founded_size = size
                lsh.insert(f"{best[1]}#{size}", _minhash(_top(story.centroid, SIGNATURE_FEATURES), template))
            continue
        index = len(stories)
        stories.append(_Story([article_id], dict(vector), 1.0 if vector else 0.0))
        if signature is not None:
            lsh.insert(f"{index}#1", signature)
    return [s.members for s in stories]


@dataclass(slots=True)
class DayStory:
    """One story of one day before it gets its id."""

    members: list[str]  # unique articles, in publication order
    copies: list[str] = field(default_factory=list)  # wire copies and other duplicates
    entities: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    headline: str | None = None
    centroid: dict[str, float] = field(default_factory=dict)

    @property
    def signature(self) -> set[str]:
        return {_ENT + e for e in self.entities} | {_KW + k for k in self.keywords}


def _prior_signature(entities: Sequence[str] | None, keywords: Sequence[str] | None) -> set[str]:
    return {_ENT + e for e in entities or ()} | {_KW + k for k in keywords or ()}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def _sort_key(published: Any, article_id: str) -> tuple:
    return (published is None, published or datetime.min, article_id)


def stories_of_day(
    day: date,
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    keywords: pl.DataFrame,
    prior: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """daily.stories and daily.story_articles rows of `day`.

    `articles`, `mentions`, `keywords`: that day's rows (columns ARTICLE_COLUMNS, MENTION_COLUMNS,
    KEYWORD_COLUMNS). `prior`: daily.stories rows of the LOOKBACK_DAYS days before (other rows are ignored).
    """
    articles = articles.filter(pl.col("news_date") == day)
    mentions = mentions.filter(pl.col("news_date") == day)
    keywords = keywords.filter(pl.col("news_date") == day)
    info = {
        row["article_id"]: row
        for row in articles.select("article_id", "outlet", "title", "published_at", "duplicate_of").iter_rows(
            named=True
        )
    }
    unique = sorted(
        # A copy whose original is on an earlier day counts there, not again here (news_assets.transform.copies).
        (a for a, row in info.items() if row["duplicate_of"] is None),
        key=lambda a: _sort_key(info[a]["published_at"], a),
    )
    vectors = article_vectors(unique, mentions, keywords)
    groups = [DayStory(members) for members in cluster_day(unique, vectors)]
    story_of = {a: i for i, g in enumerate(groups) for a in g.members}
    for article_id in sorted(info):
        original = info[article_id]["duplicate_of"]
        if original is not None and original in story_of:
            groups[story_of[original]].copies.append(article_id)

    entity_articles = (
        mentions.group_by("article_id", "name").len("n").select("article_id", "name", "n").iter_rows()
        if mentions.height
        else iter(())
    )
    ents_by_article: dict[str, dict[str, int]] = defaultdict(dict)
    for article_id, name, n in entity_articles:
        ents_by_article[article_id][name] = n
    for group in groups:
        _describe(group, vectors, ents_by_article, info)

    links = _link(groups, prior, day)
    return _rows(day, groups, links, prior, info)


def _describe(
    group: DayStory,
    vectors: dict[str, dict[str, float]],
    ents_by_article: dict[str, dict[str, int]],
    info: dict[str, dict[str, Any]],
) -> None:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for article_id in group.members:
        for name, n in ents_by_article.get(article_id, {}).items():
            counts[name][0] += 1
            counts[name][1] += n
    group.entities = [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))][:TOP_ENTITIES]
    centroid: dict[str, float] = defaultdict(float)
    for article_id in group.members:
        for feature, weight in vectors.get(article_id, {}).items():
            if feature.startswith(_KW):
                centroid[feature[len(_KW) :]] += weight
    group.keywords = _top(centroid, TOP_KEYWORDS)
    # The headline: the title of the article closest to the story's centroid (ties: the earliest).
    total: dict[str, float] = defaultdict(float)
    for article_id in group.members:
        for feature, weight in vectors.get(article_id, {}).items():
            total[feature] += weight
    group.centroid = dict(total)
    best = max(
        group.members,
        key=lambda a: (
            sum(w * total[f] for f, w in vectors.get(a, {}).items()),
            -group.members.index(a),
        ),
    )
    group.headline = info[best]["title"]


def _link(groups: list[DayStory], prior: pl.DataFrame, day: date) -> list[dict[str, Any] | None]:
    """For each of the day's stories, the earlier story row it continues (or None)."""
    links: list[dict[str, Any] | None] = [None] * len(groups)
    if prior.is_empty() or not groups:
        return links
    from datasketch import MinHash, MinHashLSH

    window = prior.filter((pl.col("news_date") < day) & (pl.col("news_date") >= _minus(day, LOOKBACK_DAYS)))
    rows = window.sort(["news_date", "story_id"], descending=[True, False]).to_dicts()
    if not rows:
        return links
    template = MinHash(num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    signatures = []
    for i, row in enumerate(rows):
        signature = _prior_signature(row["top_entities"], row["top_keywords"])
        signatures.append(signature)
        if signature:
            lsh.insert(str(i), _minhash(sorted(signature), template))
    for g, group in enumerate(groups):
        mine = group.signature
        if not mine:
            continue
        best: tuple[float, int] | None = None
        for key in sorted(lsh.query(_minhash(sorted(mine), template)), key=int):
            i = int(key)
            score = _jaccard(mine, signatures[i])
            # rows are newest day first: on a tie the most recent appearance wins
            if score >= LINK_JACCARD and (best is None or score > best[0]):
                best = (score, i)
        if best is not None:
            links[g] = rows[best[1]]
    return links


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(f, 0.0) for f, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _minus(day: date, days: int) -> date:
    from datetime import timedelta

    return day - timedelta(days=days)


def _rows(
    day: date,
    groups: list[DayStory],
    links: list[dict[str, Any] | None],
    prior: pl.DataFrame,
    info: dict[str, dict[str, Any]],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    # Stories of the day that continue the same earlier story are one story when they are also close to each
    # other; the others continue nothing and get ids of their own.
    merged: dict[str, list[int]] = defaultdict(list)
    for g, group in enumerate(groups):
        link = links[g]
        if link is not None and link["story_id"] in merged:
            taker = groups[merged[link["story_id"]][0]]
            if _cosine(taker.centroid, group.centroid) < MERGE_COSINE:
                links[g] = link = None
        key = link["story_id"] if link is not None else story_id_for(group.members[0])
        merged[key].append(g)
    story_rows: list[dict[str, Any]] = []
    article_rows: list[dict[str, Any]] = []
    for story_id, indices in merged.items():
        parts = [groups[i] for i in indices]
        members = sorted((a for p in parts for a in p.members), key=lambda a: _sort_key(info[a]["published_at"], a))
        carried = members + [a for p in parts for a in p.copies]
        lead = max(parts, key=lambda p: (len(p.members), -indices[parts.index(p)]))
        link = next((links[i] for i in indices if links[i] is not None), None)
        first = min(carried, key=lambda a: _sort_key(info[a]["published_at"], a))
        first_outlet, first_published = info[first]["outlet"], info[first]["published_at"]
        first_seen, days_running = day, 1
        if link is not None:
            first_seen = link["first_seen"]
            days_running = int(link["days_running"]) + 1
            earlier = link["first_published_at"]
            if earlier is not None and (first_published is None or earlier <= first_published):
                first_outlet, first_published = link["first_outlet"], earlier
        entities = _merge_lists([p.entities for p in parts], TOP_ENTITIES)
        keywords = _merge_lists([p.keywords for p in parts], TOP_KEYWORDS)
        story_rows.append(
            {
                "news_date": day,
                "story_id": story_id,
                "headline": lead.headline,
                "articles": len(members),
                "outlets": len({info[a]["outlet"] for a in carried}),
                "first_outlet": first_outlet,
                "first_published_at": first_published,
                "top_entities": entities,
                "top_keywords": keywords,
                "first_seen": first_seen,
                "days_running": days_running,
            }
        )
        article_rows.extend({"news_date": day, "story_id": story_id, "article_id": a} for a in sorted(carried))
    stories = pl.DataFrame(story_rows, schema=DAILY_STORIES.polars_schema) if story_rows else DAILY_STORIES.empty()
    stories = stories.sort(["articles", "outlets", "story_id"], descending=[True, True, False])
    story_articles = (
        pl.DataFrame(article_rows, schema=DAILY_STORY_ARTICLES.polars_schema)
        if article_rows
        else DAILY_STORY_ARTICLES.empty()
    )
    return conform(stories, DAILY_STORIES), conform(story_articles.sort("story_id", "article_id"), DAILY_STORY_ARTICLES)


def _merge_lists(lists: list[list[str]], n: int) -> list[str]:
    out: list[str] = []
    for position in range(max((len(x) for x in lists), default=0)):
        for items in lists:
            if position < len(items) and items[position] not in out:
                out.append(items[position])
    return out[:n]


def stories_of_days(
    days: Sequence[date],
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    keywords: pl.DataFrame,
    prior: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The stories of several days, in date order, each day seeing the stories computed for the days before it."""
    known = prior.select(DAILY_STORIES.names) if prior.height else DAILY_STORIES.empty()
    all_stories, all_links = [], []
    for day in sorted(days):
        stories, links = stories_of_day(day, articles, mentions, keywords, known)
        known = pl.concat([known.filter(pl.col("news_date") != day), stories])
        all_stories.append(stories)
        all_links.append(links)
    if not all_stories:
        return DAILY_STORIES.empty(), DAILY_STORY_ARTICLES.empty()
    return pl.concat(all_stories), pl.concat(all_links)


def same_rows(a: pl.DataFrame, b: pl.DataFrame, keys: Sequence[str]) -> bool:
    """Whether two frames hold the same rows (in any order)."""
    if a.height != b.height:
        return False
    return a.sort(keys).equals(b.sort(keys).select(a.columns))
