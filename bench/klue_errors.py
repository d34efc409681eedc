"""Where the whole analysis loses against the learned tagger alone on KLUE NER news, by kind of error.

    python -m bench.klue_errors [--examples 8] [--folds 5]

Cross-validated exactly as the KLUE part of ``bench.entities`` (the same fold models, cached in bench/out/ner-cv/):
every news sentence is tagged by a model that never saw its document. For each gold PER/ORG/LOC entity that the
tagger alone gets right and the merged analysis does not, the kind of loss (dropped, typed differently, a span
longer, shorter or crossing); for each merged prediction that is wrong and not the tagger's, what it overlaps.
Prints counts and a few examples (short surfaces) for a developer; writes nothing. Needs ../shared/ner.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict

from bench.entities import CV_CACHE, NER_TYPES, SHARED, klue_cross_validation

Span = tuple[int, int, str]


def _kind_of_loss(gold: Span, merged: set[Span]) -> str:
    overlapping = sorted(m for m in merged if m[0] < gold[1] and gold[0] < m[1])
    if not overlapping:
        return "dropped"
    other = overlapping[0]
    if other[:2] == gold[:2]:
        return f"typed {other[2]}"
    if other[0] <= gold[0] and other[1] >= gold[1]:
        return "merged span longer"
    if other[0] >= gold[0] and other[1] <= gold[1]:
        return "merged span shorter"
    return "crossing"


def cross_validated(folds: int) -> list[tuple[str, set[Span], set[Span], set[Span]]]:
    """(text, gold, tagger alone, merged analysis) per KLUE news sentence, each tagged by its fold's model."""
    from news_assets.nlp.analysis import analyze_tokens
    from news_assets.nlp.entities import MergePolicy
    from news_assets.nlp.ner.tagger import NerTagger

    cv = klue_cross_validation(SHARED, folds)
    out = []
    for k in range(folds):
        tagger = NerTagger(cv.bundle(cv.fold_crfs[k]), gz=cv.gz)
        for i, ex in enumerate(cv.news):
            if cv.fold[i] != k:
                continue
            tokens = cv.kiwi.tokenize(ex.text)
            alone = {(s.start, s.end, s.type) for s in tagger.tag(ex.text, tokens)}
            analysis = analyze_tokens(ex.text, tokens, cv.gz, tagger, MergePolicy())
            merged = {(m.start, m.end, m.type) for m in analysis.mentions if m.type in NER_TYPES}
            gold = {(e[0], e[1], e[2]) for e in (_as_triple(x) for x in ex.entities) if e[2] in NER_TYPES}
            out.append((ex.text, gold, alone, merged))
    return out


def _as_triple(entity) -> tuple[int, int, str]:
    if isinstance(entity, dict):
        return entity["start"], entity["end"], entity["type"]
    start, end, kind = entity[:3]
    return start, end, kind


def _f1(rows, which: int) -> str:
    tp = sum(len(r[1] & r[which]) for r in rows)
    pred = sum(len(r[which]) for r in rows)
    gold = sum(len(r[1]) for r in rows)
    p, r = tp / pred if pred else 0.0, tp / gold if gold else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    if not (SHARED / "klue_ner_dev.jsonl").is_file():
        print(f"bench.klue_errors: skipped — the KLUE NER data is not at {SHARED}", file=sys.stderr)
        return 0
    print(f"fold models: {CV_CACHE}", file=sys.stderr)
    rows = cross_validated(args.folds)
    print(f"{len(rows)} KLUE news sentences; tagger alone {_f1(rows, 2)}; merged analysis {_f1(rows, 3)}")
    counts: Counter = Counter()
    examples: dict[tuple, list[str]] = defaultdict(list)
    for text, gold, alone, merged in rows:
        for entity in gold & alone - merged:
            key = ("lost", entity[2], _kind_of_loss(entity, merged))
            counts[key] += 1
            shown = [f"{text[m[0] : m[1]]}/{m[2]}" for m in sorted(merged) if m[0] < entity[1] and entity[0] < m[1]]
            examples[key].append(f"{text[entity[0] : entity[1]]} → {', '.join(shown) or '∅'}")
        for wrong in merged - gold - alone:
            overlaps = [g for g in sorted(gold) if g[0] < wrong[1] and wrong[0] < g[1]]
            key = ("added", wrong[2], "overlaps gold" if overlaps else "no gold entity")
            counts[key] += 1
            shown = [f"{text[g[0] : g[1]]}/{g[2]}" for g in overlaps]
            examples[key].append(f"{text[wrong[0] : wrong[1]]} (gold: {', '.join(shown) or '∅'})")
    print("\nGold entities the tagger alone gets and the merged analysis loses; wrong merged spans not the tagger's:")
    for key, n in counts.most_common():
        print(f"{n:5d}  {' / '.join(key)}: {'; '.join(examples[key][: args.examples])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
