"""Rebuild the NER model shipped in news_assets/data/ner/ from the open KLUE data in ../shared/ner/.

    python scripts/train_ner.py [--shared ../shared/ner] [--out news_assets/data/ner/ner-crf.zip]
                                [--[no-]reviews] [--no-gold] [--c1 0.05] [--c2 0.05] [--iterations 200]

Inputs (sorted by id, so the order never depends on the files): the labelled KLUE NER dev sentences (news and, unless
``--no-reviews``, movie reviews), the project's own gold documents of split ``dev``
(data/gold/entities.jsonl; unless ``--no-gold``; the held-out documents are never trained on), and the unlabelled
KLUE train sentences, used only to learn the word clusters. Kiwi is the project's (gazetteer user words included),
with one worker; crfsuite's L-BFGS is single-threaded and deterministic, so the same inputs give the same model
bytes.

Writes one zip (crfsuite model + clusters + meta.json) and NOTICE next to it. Takes about 70 s on one core (peak memory about 1.2 GB, most of it Kiwi).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# The model must not depend on a user's extra gazetteer folders.
os.environ.pop("NEWS_ASSETS_GAZETTEER", None)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SHARED = ROOT.parent / "shared" / "ner"
DEFAULT_OUT = ROOT / "news_assets" / "data" / "ner" / "ner-crf.zip"
GOLD = ROOT / "data" / "gold" / "entities.jsonl"

NOTICE = """\
news_assets/data/ner/ner-crf.zip — Korean named-entity tagger (linear-chain CRF over Kiwi morphemes)

The model was trained on, and its feature weights and word clusters are derived from:

- KLUE NER v1.1 (dev set, with the tags renamed PS→PER, OG→ORG, LC→LOC and the character-level BIO tags turned
  into spans), from KLUE-benchmark/KLUE @ 3efd98708a40ff49251fddde35453f8fbb11f536
  (https://github.com/KLUE-benchmark/KLUE).
  © the KLUE authors (Park et al., 2021, "KLUE: Korean Language Understanding Evaluation", arXiv:2105.09680).
- The KLUE NER v1.1 train sentences as raw text (no labels), with the text fixes of the konne-prep project:
  korean-named-entity/konne-prep @ 19abdc9e9d70d83ae47b96ecc3d41231e4c38681
  (https://github.com/korean-named-entity/konne-prep), used to learn the word clusters.
- The news_assets project's own gold annotations (data/gold/entities.jsonl, split "dev").

Licence: the data above is under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), and so is this
model file, which is a work derived from it. Changes: the data was tokenized with kiwipiepy and turned into
morpheme-level BIO labels, features and word clusters; the model is the result of training crfsuite on them.
Rebuild: python scripts/train_ner.py
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="directory with the KLUE NER files")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model zip to write")
    ap.add_argument(
        "--reviews",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also train on the KLUE movie-review sentences (default: news_assets_training.ner.TRAIN_WITH_REVIEWS)",
    )
    ap.add_argument("--no-gold", action="store_true", help="leave out the project's gold (split dev)")
    ap.add_argument("--c1", type=float, default=None)
    ap.add_argument("--c2", type=float, default=None)
    ap.add_argument("--iterations", type=int, default=None)
    args = ap.parse_args(argv)

    dev = args.shared / "klue_ner_dev.jsonl"
    raw = args.shared / "klue_ner_train_unlabelled.tsv"
    missing = [p for p in (dev, raw) if not p.is_file()]
    if missing:
        print(
            f"train_ner: the KLUE NER data is not there ({', '.join(map(str, missing))}); "
            f"pass --shared DIR (a copy of ../shared/ner, see its README.md). Nothing was written.",
            file=sys.stderr,
        )
        return 2

    import news_assets_training.ner as T

    from news_assets.nlp.gazetteer import default_gazetteer
    from news_assets.nlp.kiwi import get_kiwi
    from news_assets.nlp.ner.features import FeatureExtractor
    from news_assets.nlp.ner.tagger import parse_clusters

    params = dict(T.DEFAULT_PARAMS)
    for key, val in (("c1", args.c1), ("c2", args.c2), ("max_iterations", args.iterations)):
        if val is not None:
            params[key] = val

    t0 = time.monotonic()
    kiwi = get_kiwi(1)
    gz = default_gazetteer()
    examples = T.load_klue(dev)
    with_reviews = T.TRAIN_WITH_REVIEWS if args.reviews is None else args.reviews
    if not with_reviews:
        examples = [e for e in examples if e.source == "wikitree"]
    if not args.no_gold and GOLD.is_file():
        examples += [e for e in T.load_project_gold(GOLD, gz.titles) if e.source == "gold-dev"]
    T.tokenize_examples(kiwi, examples)
    stats = T.AlignStats()
    for ex in examples:
        T.align(ex, T.TYPES, stats)
    print(
        f"{len(examples)} labelled texts; {stats.entities} entities, {stats.snapped} with a boundary inside a "
        f"morpheme ({stats.unreachable} not reachable exactly, {stats.lost} lost)"
    )

    unlabelled = T.load_unlabelled(raw)
    sents = [s for _, text in unlabelled for s in T.morphs_of(text, kiwi.tokenize(text))]
    print(f"tokenized in {time.monotonic() - t0:.0f}s; clustering {len(sents)} unlabelled sentences")
    clusters = T.build_clusters(sents)
    cl_text = T.clusters_tsv(clusters)
    fx = FeatureExtractor(gz, parse_clusters(cl_text))
    xs = [x for ex in examples for x in T.features_of(fx, ex)]
    ys = [y for ex in examples for y in ex.labels]
    print(f"clusters after {time.monotonic() - t0:.0f}s; training on {len(xs)} sentences with {params}")
    crf = T.train_crf(xs, ys, **params)
    meta = {
        "types": list(T.TYPES),
        "labels": "BIO over Kiwi morphemes",
        "params": params,
        "texts": len(examples),
        "reviews": with_reviews,
        "project_gold": not args.no_gold,
        "clusters": len(clusters),
    }
    bundle = T.write_bundle(crf, cl_text, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(bundle)
    (args.out.parent / "NOTICE").write_text(NOTICE, encoding="utf-8")
    print(f"wrote {args.out} ({len(bundle) / 1e6:.1f} MB) in {time.monotonic() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
