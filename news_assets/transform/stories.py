"""The day's stories: articles grouped into the events they report, followed across days.

Pure code over frames (no Dagster). A story is one event reported by one or more outlets; on a later day a
follow-up about the same event keeps its `story_id`.

**Within a day.** Each unique article (wire copies join their original's story, so a copy counts once) has two
tf-idf views, idf from the day: who (its entities, nlp.mentions names) and what (its keywords, nlp.keywords
nouns, less those that are names of its entities), each cut to its `VIEW_FEATURES` heaviest and scaled to unit
length on its own. Two articles are alike by the lesser of the two views' cosines (`similarity`): one event is
the same people and the same happening, while a company's results and its product launch share only the names,
and two companies' results share only the words. Stories are made in two stages:

1. one pass in publication order: an article joins the story whose members it is most alike on average (the
   mean over the members, at least `JOIN_LINK`), else founds one;
2. average-linkage merging: the two stories whose cross pairs of articles are most alike on average (at least
   `MERGE_LINK`) become one, again and again. This gives the parts of an event told from different angles,
   which the first articles of the day may have set apart, a second chance.

Both stages compare means, not a centroid's cosine: a story that took in one article bridging two events does
not drift towards the second, and one bridging article cannot chain two stories together. Candidates in both
stages come from blocking: an inverted index from each story's `BLOCK_FEATURES` heaviest features, through
features held by at most `MAX_BLOCK` stories, so an article is compared with a handful of stories, not with
every story of the day: the cost grows with the articles, not with their square. There are no per-outlet rules:
only content.

**Across days.** A story's row keeps its top entities and keywords; the day's stories are matched against the
rows of the `LOOKBACK_DAYS` days before (candidates by the same blocking over those sets, then the mean of the
Jaccard of the entity sets and of the keyword sets, at least `LINK_JACCARD`: a follow-up keeps the names while
its words move on). A matched story takes the earlier
story's id, `first_seen`, first outlet and time; two of the day's stories matching the same earlier story are
one story if they are at least `CONTINUATION_MERGE_LINK` alike. An unmatched story's id is a hash of its
earliest article's id.

**Deterministic ids.** Day D's stories are a function of D's articles and the stored stories of the window
before D, and nothing else: the order of the articles, of the candidates and of ties is fixed by ids. Computing
the days of a range in order therefore gives the same ids whatever order ranges are run in, as long as a day
is recomputed after the days before it change; `later_days_to_refresh` tells the asset which stored later days
to recompute (and it stops once a recomputed day comes out unchanged for a whole window), so a backfill in
reverse order ends with the same ids as one in order (tests/test_stories.py).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from news_assets.schemas import DAILY_STORIES, DAILY_STORY_ARTICLES, conform

LOOKBACK_DAYS = 7
VIEW_FEATURES = 48
# Stage 1: an article joins a story when its mean similarity with the story's members reaches this: high, so
# that an article bridging two events (similarity ~0.7 with each) cannot pull an article of the second event in.
JOIN_LINK = 0.5
# Stage 2: two stories are one when the mean similarity over their cross pairs of articles reaches this.
# Both chosen on the bundled sample (a range 0.10-0.15 scores alike), then checked on generated days.
MERGE_LINK = 0.12
# ... and when at least this share of each story's articles is that alike the other story on its own.
MERGE_SUPPORT = 0.5
# Candidates: stories sharing one of an article's (or a story's) BLOCK_FEATURES heaviest features, through
# features held by at most MAX_BLOCK stories.
BLOCK_FEATURES = 8
MAX_BLOCK = 64
# ... and of those, the CANDIDATES sharing the most of them.
CANDIDATES = 12
LINK_JACCARD = 0.15
# Two of the day's stories continuing the same earlier story are one story only if they are this alike (mean
# similarity of their articles): two games of the same league on one day both look like yesterday's game.
CONTINUATION_MERGE_LINK = 0.15
TOP_ENTITIES = 8
TOP_KEYWORDS = 8

_ENT = "e\x1f"
_KW = "k\x1f"

# The columns the stories read from upstream tables.
ARTICLE_COLUMNS = ("news_date", "article_id", "outlet", "title", "published_at", "duplicate_of")
MENTION_COLUMNS = ("news_date", "article_id", "name")
KEYWORD_COLUMNS = ("news_date", "article_id", "term", "count")


def story_id_for(article_id: str) -> str:
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:15]


@dataclass(slots=True)
class _Views:
    """One vector (or a sum of them) split into its entity and keyword features, each in its own dict."""

    ents: dict[str, float]
    kws: dict[str, float]

    @classmethod
    def of(cls, vector: dict[str, float]) -> _Views:
        views = cls({}, {})
        for f, w in vector.items():
            (views.ents if f.startswith(_ENT) else views.kws)[f] = w
        return views

    def add(self, other: _Views) -> None:
        for mine, theirs in ((self.ents, other.ents), (self.kws, other.kws)):
            for f, w in theirs.items():
                mine[f] = mine.get(f, 0.0) + w

    def keys(self) -> list[str]:
        """The BLOCK_FEATURES heaviest features of both views: what blocking indexes."""
        return _top({**self.ents, **self.kws}, BLOCK_FEATURES)


@dataclass(slots=True)
class _Story:
    """Members (positions in the day's order), their vectors and the sum of those."""

    members: list[int]
    vectors: list[_Views]
    total: _Views

    def linkage(self, vector: _Views) -> float:
        """`similarity` of `vector` with the members on average (each view is unit length, so: with the sum / n)."""
        return _alike(vector, self.total, len(self.members))

    def support(self, other: _Story) -> float:
        """The share of the members alike `other` on their own (mean similarity with its members ≥ MERGE_LINK)."""
        return sum(other.linkage(v) >= MERGE_LINK for v in self.vectors) / len(self.members)

    def absorb(self, other: _Story) -> None:
        self.members.extend(other.members)
        self.vectors.extend(other.vectors)
        self.total.add(other.total)


class _Blocks:
    """Inverted index feature → stories, over a few key features of each: the stories worth scoring for an
    article (or a story) are those sharing one of its key features. A feature held by more than MAX_BLOCK
    stories is too common to tell stories apart and is not used as a block, so the work per article stays
    bounded however large the day."""

    def __init__(self) -> None:
        self.stories: dict[str, set[int]] = defaultdict(set)

    def add(self, story: int, keys: Iterable[str]) -> None:
        for f in keys:
            self.stories[f].add(story)

    def candidates(self, keys: Iterable[str]) -> list[int]:
        """The stories sharing one of `keys` (through blocks of at most MAX_BLOCK stories): at most CANDIDATES,
        those sharing the most keys first (ties by index)."""
        shared: dict[int, int] = defaultdict(int)
        for f in keys:
            posting = self.stories.get(f)
            if posting and len(posting) <= MAX_BLOCK:
                for story in posting:
                    shared[story] += 1
        best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]
        return sorted(story for story, _ in best)


def _top(weights: dict[str, float], n: int) -> list[str]:
    return [f for f, _ in sorted(weights.items(), key=lambda fw: (-fw[1], fw[0]))[:n]]


def article_vectors(
    article_ids: Sequence[str], mentions: pl.DataFrame, keywords: pl.DataFrame
) -> dict[str, dict[str, float]]:
    """article_id → tf-idf weights of its entities (features `_ENT + name`) and of its keywords (`_KW + term`),
    each view cut to its VIEW_FEATURES heaviest and scaled to unit length on its own. A keyword that is also the
    name of an entity of the same article is left to the entity view: the keyword view says what happened, the
    entity view who it happened to."""
    wanted = pl.DataFrame({"article_id": list(article_ids)}, schema={"article_id": pl.String})
    mentions = mentions.join(wanted, on="article_id", how="semi")
    ents = (
        mentions.group_by("article_id", "name")
        .len("n")
        .select("article_id", (pl.lit(_ENT) + pl.col("name")).alias("feature"), pl.col("n").cast(pl.Float64))
    )
    names = mentions.select("article_id", pl.col("name").alias("term")).unique()
    kws = (
        keywords.join(wanted, on="article_id", how="semi")
        .join(names, on=["article_id", "term"], how="anti")
        .group_by("article_id", "term")
        .agg(pl.col("count").sum().alias("n"))
        .select("article_id", (pl.lit(_KW) + pl.col("term")).alias("feature"), pl.col("n").cast(pl.Float64))
    )
    n_docs = max(len(article_ids), 1)
    weighted = (
        pl.concat([ents, kws])
        .with_columns(
            pl.col("article_id").n_unique().over("feature").alias("df"),
            pl.col("feature").str.slice(0, len(_ENT)).alias("view"),
        )
        .with_columns(((1.0 + pl.col("n").log()) * ((n_docs + 1) / (pl.col("df") + 0.5)).log()).alias("w"))
        .filter(pl.col("w") > 0)
        .sort(["article_id", "view", "w", "feature"], descending=[False, False, True, False])
        .group_by("article_id", "view", maintain_order=True)
        .head(VIEW_FEATURES)
        .with_columns((pl.col("w") / (pl.col("w") ** 2).sum().over("article_id", "view").sqrt()).alias("w"))
    )
    vectors: dict[str, dict[str, float]] = {a: {} for a in article_ids}
    for article_id, feature, weight in weighted.select("article_id", "feature", "w").iter_rows():
        vectors[article_id][feature] = weight
    return vectors


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # summed in a fixed order: a set's order of strings changes from one process to the next, and so would the
    # last bits of the sum
    return sum(a[f] * b[f] for f in sorted(a.keys() & b.keys()))


def _alike(a: _Views, b: _Views, pairs: int = 1) -> float:
    if a.ents and b.ents:
        if a.kws and b.kws:
            return min(_dot(a.ents, b.ents), _dot(a.kws, b.kws)) / pairs
        return _dot(a.ents, b.ents) / pairs
    return _dot(a.kws, b.kws) / pairs


def similarity(a: dict[str, float], b: dict[str, float], pairs: int = 1) -> float:
    """How alike two articles (or sums of `pairs` article pairs' worth of vectors) are: the lesser of the mean
    cosine of their entity views and of their keyword views. One event is the same people and the same
    happening: the same company's results and its product launch share the names, two companies' results share
    the words, and neither is one story. When one side lacks a view, the other view alone."""
    return _alike(_Views.of(a), _Views.of(b), pairs)


def cluster_day(order: Sequence[str], vectors: dict[str, dict[str, float]]) -> list[list[str]]:
    """The day's articles grouped into stories, in two stages: a single pass that gathers close articles, then
    average-linkage merging of the stories it made. Each group in `order`'s order."""
    stories = _gather(order, vectors)
    merged = _merge_stories(stories)
    return [[order[i] for i in sorted(story.members)] for story in merged]


def _gather(order: Sequence[str], vectors: dict[str, dict[str, float]]) -> list[_Story]:
    """Single pass over `order`: each article joins the candidate story whose members it is closest to on average
    (at least JOIN_LINK), else founds one. The mean over members, unlike the cosine with their centroid, does
    not drift: a story that took in two neighbouring events is no closer to a third."""
    blocks = _Blocks()
    stories: list[_Story] = []
    for position, article_id in enumerate(order):
        vector = _Views.of(vectors.get(article_id) or {})
        keys = vector.keys()
        best: tuple[float, int] | None = None
        for index in blocks.candidates(keys):
            score = stories[index].linkage(vector)
            if score >= JOIN_LINK and (best is None or score > best[0]):
                best = (score, index)
        if best is None:
            index = len(stories)
            stories.append(_Story([position], [vector], _Views(dict(vector.ents), dict(vector.kws))))
        else:
            index = best[1]
            stories[index].absorb(_Story([position], [vector], vector))
        blocks.add(index, keys)
    return stories


def _merge_stories(stories: list[_Story]) -> list[_Story]:
    """Average-linkage agglomeration: repeatedly merge the two stories whose members are closest on average
    (the mean cosine over all cross pairs, at least MERGE_LINK), among the pairs that share a key feature of
    their summed vectors. The first stage's order decides what an article could join; this stage gives the
    parts of one event told from different angles a second chance, while the mean (not the single closest
    pair) keeps one bridging article from chaining two events together."""
    import heapq

    blocks = _Blocks()
    keys = [story.total.keys() for story in stories]
    for index in range(len(stories)):
        blocks.add(index, keys[index])
    neighbours: dict[int, set[int]] = defaultdict(set)
    for index in range(len(stories)):
        for other in blocks.candidates(keys[index]):
            if other != index:
                neighbours[index].add(other)
                neighbours[other].add(index)
    alive = [True] * len(stories)
    version = [0] * len(stories)

    def link(a: int, b: int) -> float:
        sa, sb = stories[a], stories[b]
        return _alike(sa.total, sb.total, len(sa.members) * len(sb.members))

    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        score = link(a, b)
        if score >= MERGE_LINK:
            heapq.heappush(heap, (-score, a, b, version[a], version[b]))

    for a in range(len(stories)):
        for b in sorted(neighbours[a]):
            if a < b:
                push(a, b)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or version[a] != va or version[b] != vb:
            continue
        if min(stories[a].support(stories[b]), stories[b].support(stories[a])) < MERGE_SUPPORT:
            continue  # alike through a few bridging articles only
        stories[a].absorb(stories[b])
        alive[b] = False
        version[a] += 1
        joined = (neighbours.pop(a, set()) | neighbours.pop(b, set())) - {a, b}
        neighbours[a] = {c for c in joined if alive[c]}
        for c in sorted(neighbours[a]):
            neighbours[c].discard(b)
            neighbours[c].add(a)
            push(a, c)
    return [story for index, story in enumerate(stories) if alive[index]]


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


def _set_similarity(a: set[str], b: set[str]) -> float:
    """How alike a story is to a stored one, which keeps its top entities and keywords but no weights: the mean
    of the Jaccard of the entity sets and of the keyword sets (one view alone when a side lacks the other). The
    mean, not the lesser as within a day: a follow-up is the same people with a development, so its words move
    on (the exam, then its answers, then the appeals) while the names stay."""
    ents_a, ents_b = {f for f in a if f.startswith(_ENT)}, {f for f in b if f.startswith(_ENT)}
    kws_a, kws_b = a - ents_a, b - ents_b
    views = [_jaccard(x, y) for x, y in ((ents_a, ents_b), (kws_a, kws_b)) if x and y]
    return sum(views) / len(views) if views else 0.0


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
    window = prior.filter((pl.col("news_date") < day) & (pl.col("news_date") >= _minus(day, LOOKBACK_DAYS)))
    rows = window.sort(["news_date", "story_id"], descending=[True, False]).to_dicts()
    if not rows:
        return links
    blocks = _Blocks()
    signatures = []
    for i, row in enumerate(rows):
        signature = _prior_signature(row["top_entities"], row["top_keywords"])
        signatures.append(signature)
        blocks.add(i, signature)
    for g, group in enumerate(groups):
        mine = group.signature
        best: tuple[float, int] | None = None
        for i in blocks.candidates(mine):
            score = _set_similarity(mine, signatures[i])
            # rows are newest day first: on a tie the most recent appearance wins
            if score >= LINK_JACCARD and (best is None or score > best[0]):
                best = (score, i)
        if best is not None:
            links[g] = rows[best[1]]
    return links


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
            pairs = len(taker.members) * len(group.members)
            if similarity(taker.centroid, group.centroid, pairs) < CONTINUATION_MERGE_LINK:
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
