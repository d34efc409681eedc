"""Training helpers shared by ``scripts/train_ner.py``, ``bench/ner.py`` and ``bench/entities.py`` (never imported by
the runtime tagger, ``news_assets.nlp.ner``).

- `load_klue` / `load_project_gold`: sentences with character spans;
- `align`: gold character spans → BIO labels over Kiwi morphemes (a gold boundary inside a morpheme is snapped:
  the morpheme is inside when at least half of it is, and the case is counted);
- `build_clusters`: word clusters of morphemes from unlabelled text (left/right neighbour counts → PPMI →
  truncated SVD → k-means at several sizes; deterministic seeds);
- `train_crf`: L-BFGS training with crfsuite, single-threaded, returning the model bytes;
- `write_bundle`: the zip that `NerTagger` reads, with fixed timestamps so that equal inputs give equal bytes.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from news_assets.nlp.ner.features import FeatureExtractor, Morph, morphs_of

TYPES = ("PER", "ORG", "LOC")
# Chosen by document-disjoint cross-validation on the KLUE news sentences (bench/ner.py).
DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 200}
# Whether the movie-review sentences join the news in training (measured on news CV, bench/ner.py).
TRAIN_WITH_REVIEWS = True


@dataclass
class Example:
    id: str
    source: str
    text: str
    entities: list[tuple[int, int, str]]
    sents: list[list[Morph]] = field(default_factory=list)
    labels: list[list[str]] = field(default_factory=list)


def load_klue(path: Path) -> list[Example]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            ents = [(e["start"], e["end"], e["type"]) for e in d["entities"]]
            out.append(Example(d["id"], d["source"], d["text"], ents))
    out.sort(key=lambda e: e.id)
    return out


def load_unlabelled(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                i, t = line.split("\t", 1)
                rows.append((i, t))
    rows.sort()
    return rows


def load_project_gold(path: Path, titles: frozenset[str]) -> list[Example]:
    """The project's gold documents (PER/ORG/LOC only, short `surname + title` mentions dropped: in KLUE the
    title is outside the name)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        ents = []
        for e in d["entities"]:
            if e["type"] not in TYPES:
                continue
            words = e["surface"].split()
            if e["type"] == "PER" and len(words) > 1 and words[-1] in titles:
                continue
            ents.append((e["start"], e["end"], e["type"]))
        out.append(Example(d["id"], "gold-" + d["split"], d["text"], ents))
    return out


@dataclass
class AlignStats:
    entities: int = 0
    snapped: int = 0  # a gold boundary fell inside a morpheme
    lost: int = 0  # no morpheme left inside the span
    unreachable: int = 0  # snapped spans whose decoded offsets cannot equal the gold ones


def align(ex: Example, types: Sequence[str], stats: AlignStats | None = None, *, scheme: str = "BIO") -> None:
    """Fill ``ex.labels`` (BIO or BILOU per morpheme of ``ex.sents``) from ``ex.entities`` of the given types."""
    flat = [(si, mi, m) for si, s in enumerate(ex.sents) for mi, m in enumerate(s)]
    labels = [["O"] * len(s) for s in ex.sents]
    for start, end, typ in sorted(ex.entities):
        if typ not in types:
            continue
        inside = []
        snapped = False
        for si, mi, m in flat:
            if m.end <= start or m.start >= end:
                continue
            if m.start >= start and m.end <= end:
                inside.append((si, mi))
                continue
            snapped = True
            overlap = min(m.end, end) - max(m.start, start)
            if overlap * 2 >= m.end - m.start:
                inside.append((si, mi))
        if stats is not None:
            stats.entities += 1
            stats.snapped += snapped
            if not inside:
                stats.lost += 1
            elif snapped:
                s0 = ex.sents[inside[0][0]][inside[0][1]].start
                e0 = max(ex.sents[si][mi].end for si, mi in inside)
                stats.unreachable += (s0, e0) != (start, end)
        if not inside:
            continue
        if any(labels[si][mi] != "O" for si, mi in inside):
            continue  # overlapping gold entities after snapping: keep the first
        last = len(inside) - 1
        for k, (si, mi) in enumerate(inside):
            if scheme == "BILOU":
                prefix = ("U-" if last == 0 else "B-") if k == 0 else "L-" if k == last else "I-"
            else:
                prefix = "B-" if k == 0 else "I-"
            labels[si][mi] = prefix + typ
    ex.labels = labels


def tokenize_examples(kiwi, examples: Iterable[Example]) -> None:
    for ex in examples:
        ex.sents = morphs_of(ex.text, kiwi.tokenize(ex.text)) if ex.text.strip() else []


def cluster_key(form: str, tag: str) -> str:
    return form.lower() + "/" + tag[:2]


def build_clusters(
    sentences: Iterable[Sequence[Morph]],
    *,
    sizes: Sequence[int] = (32, 128, 512),
    min_count: int = 3,
    contexts: int = 2000,
    dims: int = 64,
    seed: int = 0,
) -> dict[str, list[int]]:
    """{cluster key: [cluster id per size]} for the morphemes seen at least ``min_count`` times."""
    import numpy as np
    from scipy.cluster.vq import kmeans2
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    seqs = [[cluster_key(m.form, m.tag) for m in s] for s in sentences]
    counts = Counter(k for s in seqs for k in s)
    vocab = sorted((k for k, c in counts.items() if c >= min_count), key=lambda k: (-counts[k], k))
    index = {k: i for i, k in enumerate(vocab)}
    ctx_vocab = vocab[:contexts]
    ctx_index = {k: i for i, k in enumerate(ctx_vocab)}
    nctx = len(ctx_vocab) + 1  # + "rare"
    pairs: Counter[tuple[int, int]] = Counter()
    for s in seqs:
        padded = ["<s>", *s, "</s>"]
        for p in range(1, len(padded) - 1):
            w = index.get(padded[p])
            if w is None:
                continue
            left = ctx_index.get(padded[p - 1], nctx - 1) if padded[p - 1] != "<s>" else nctx - 1
            right = ctx_index.get(padded[p + 1], nctx - 1) if padded[p + 1] != "</s>" else nctx - 1
            pairs[(w, left)] += 1
            pairs[(w, nctx + right)] += 1
    keys = sorted(pairs)
    rows = np.array([k[0] for k in keys], dtype=np.int64)
    cols = np.array([k[1] for k in keys], dtype=np.int64)
    vals = np.array([pairs[k] for k in keys], dtype=np.float64)
    total = vals.sum()
    row_sum = np.bincount(rows, weights=vals, minlength=len(vocab))
    col_sum = np.bincount(cols, weights=vals, minlength=2 * nctx)
    pmi = np.log(vals * total / (row_sum[rows] * col_sum[cols]))
    keep = pmi > 0
    mat = coo_matrix((pmi[keep], (rows[keep], cols[keep])), shape=(len(vocab), 2 * nctx)).tocsr()
    rng = np.random.default_rng(seed)
    v0 = rng.standard_normal(min(mat.shape))
    u, s, _ = svds(mat, k=dims, v0=v0)
    order = np.argsort(-s)
    emb = u[:, order] * np.sqrt(s[order])
    # Fix each component's sign so the result does not depend on ARPACK's choice.
    signs = np.sign(emb[np.abs(emb).argmax(axis=0), range(emb.shape[1])])
    emb = emb * signs
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    ids = []
    for size in sizes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an empty cluster is fine here
            _, lab = kmeans2(emb, size, minit="points", seed=np.random.default_rng(seed + size), iter=20)
        ids.append(lab)
    return {k: [int(a[i]) for a in ids] for k, i in index.items()}


def clusters_tsv(clusters: dict[str, list[int]]) -> str:
    return "".join(k + "\t" + "\t".join(map(str, v)) + "\n" for k, v in sorted(clusters.items()))


def features_of(fx: FeatureExtractor, ex: Example) -> list[list[list[str]]]:
    return [fx.sentence_features(ex.text, s) for s in ex.sents]


def train_crf(
    xseqs: Sequence[list[list[str]]],
    yseqs: Sequence[list[str]],
    *,
    c1: float = 0.05,
    c2: float = 0.05,
    max_iterations: int = 200,
    min_freq: float = 1,
) -> bytes:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xseqs, yseqs, strict=True):
        if x:
            trainer.append(x, y)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": min_freq,
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "crf.model")
        trainer.train(path)
        return Path(path).read_bytes()


def write_bundle(crf: bytes, clusters_text: str, meta: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in (
            ("meta.json", json.dumps(meta, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8")),
            ("clusters.tsv", clusters_text.encode("utf-8")),
            ("crf.model", crf),
        ):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()
