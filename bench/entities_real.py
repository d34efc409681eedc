"""PER/ORG/LOC on real news from sources the tagger never trained on: the shipped analysis and the tagger alone.

    python -m bench.entities_real [--out docs/benchmarks-entities-real.md] [--errors]
                                  [--corpus ../shared/corpus/ko_real]

The gold (``data/gold/ko_real/entities.jsonl``, conventions in its README) marks every person, organisation and
place in the 15 distinct article texts of ``../shared/corpus/ko_real/<page>/expected.txt`` (Hankook Ilbo, MBN,
Naver news, Naver sports, entermedia; the cp949 re-encoded copy of the Naver page is the same text, scored once).
It holds offsets and labels only; a text whose sha256 differs from the gold's is refused (its offsets would be
wrong), and without ../shared the benchmark says so and writes nothing. The learned tagger is trained on KLUE NER
(wikitree news and movie reviews) only, so none of these outlets is in its training data; the rules were tuned on
some of these pages for quotes and roles (``data/gold/ko_real/quotes.jsonl``), not on this entity gold.

Two systems, same texts:

- **analysis** — the shipped whole analysis, ``news_assets.nlp.analyze_many`` (learned tagger merged with the
  rules and the gazetteer), its ``mentions``;
- **tagger alone** — ``news_assets.nlp.ner.NerTagger`` (shipped model) on Kiwi's tokens of the whole text, as
  ``bench/ner.py`` and ``bench/entities.py`` call it.

Scoring is the rule of ``../shared/ner/README.md`` (as ``bench/ner.py`` applies it to KLUE): a prediction is right
when its (start, end, type) equals a gold entity's, one-to-one; P/R/F1 per type and micro over PER+ORG+LOC.
Predicted types other than PER/ORG/LOC (PRODUCT, EVENT, WORK) are dropped before scoring, as for KLUE; the report
counts them. Overlap F1: same type and intersecting ranges, one-to-one, greedy by the length of the overlap.
Error kinds, per gold entity not matched exactly and per prediction not matched exactly: ``type`` (same span, other
type), ``boundary`` (same type, overlapping span), ``boundary+type``, ``missed`` (no prediction overlaps it),
``spurious`` (no gold entity overlaps it), ``covered`` / ``extra`` (it overlaps only entities of the other side
already paired: two gold entities under one prediction, or two predictions on one). ``--errors`` prints them per document (not written to the report).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.entities import PRF

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "ko_real" / "entities.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "ko_real"
OUT = ROOT / "docs" / "benchmarks-entities-real.md"
TYPES = ("PER", "ORG", "LOC")
SYSTEMS = ("analysis", "tagger alone")
OUTLETS = (
    ("fundus_HankookIlbo", "Hankook Ilbo"),
    ("fundus_MBN", "MBN"),
    ("naver_news", "Naver news"),
    ("naver_sports", "Naver sports"),
    ("scrapinghub", "entermedia"),
)
NOTE_MARK = "<!-- hand-written note: kept when the report is regenerated -->"

Ent = tuple[int, int, str]


@dataclass(slots=True)
class Doc:
    id: str
    outlet: str
    text: str
    entities: list[Ent]


def outlet_of(page: str) -> str:
    return next((name for prefix, name in OUTLETS if page.startswith(prefix)), page)


def load(corpus: Path, gold: Path = GOLD) -> tuple[list[Doc], list[str]]:
    """The gold documents with their texts, and the pages refused because their text changed."""
    docs, refused = [], []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        path = corpus / d["id"] / "expected.txt"
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != d["sha256"] or len(text) != d["chars"]:
            refused.append(
                f"{path}: sha256 {digest[:12]}… differs from the gold's {d['sha256'][:12]}…; its offsets no longer "
                "hold (re-annotate with data/gold/ko_real/build_entities.py export / build)"
            )
            continue
        ents = [(e["start"], e["end"], e["type"]) for e in d["entities"]]
        docs.append(Doc(d["id"], outlet_of(d["id"]), text, ents))
    return docs, refused


# ---- matching ------------------------------------------------------------------------------------------
def exact_pairs(gold: Sequence[Ent], pred: Sequence[Ent]) -> tuple[set[int], set[int]]:
    """Indices of the gold and predicted entities matched exactly, one-to-one."""
    left: dict[Ent, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        left[g].append(gi)
    hit_g, hit_p = set(), set()
    for pi, p in enumerate(pred):
        if left.get(p):
            hit_g.add(left[p].pop(0))
            hit_p.add(pi)
    return hit_g, hit_p


def overlap_pairs(gold: Sequence[Ent], pred: Sequence[Ent], same_type: bool = True) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) index pairs of intersecting ranges (of the same type unless told otherwise), greedy
    by the length of the overlap."""
    cands = sorted(
        (-(min(g[1], p[1]) - max(g[0], p[0])), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (g[2] == p[2] or not same_type) and g[0] < p[1] and p[0] < g[1]
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


class Score:
    """Exact and overlap P/R/F1 per type and micro, and the error kinds."""

    def __init__(self) -> None:
        self.exact = {t: PRF() for t in (*TYPES, "all")}
        self.overlap = {t: PRF() for t in (*TYPES, "all")}
        self.kinds: Counter[str] = Counter()

    def add(self, gold: Sequence[Ent], pred: Sequence[Ent]) -> list[tuple[str, Ent, Ent | None]]:
        """Score one document; returns its errors as (kind, entity, the other side's overlapping entity)."""
        hit_g, hit_p = exact_pairs(gold, pred)
        ov = overlap_pairs(gold, pred)
        for table, g_ok, p_ok in (
            (self.exact, hit_g, hit_p),
            (self.overlap, {g for g, _ in ov}, {p for _, p in ov}),
        ):
            for t in TYPES:
                tp = sum(1 for i in g_ok if gold[i][2] == t)
                n_pred = sum(1 for p in pred if p[2] == t)
                n_gold = sum(1 for g in gold if g[2] == t)
                table[t].add(tp, n_pred - tp, n_gold - tp)
            table["all"].add(len(g_ok), len(pred) - len(p_ok), len(gold) - len(g_ok))
        # Error kinds among what the exact rule leaves unmatched.
        rest_g = [i for i in range(len(gold)) if i not in hit_g]
        rest_p = [i for i in range(len(pred)) if i not in hit_p]
        any_ov = overlap_pairs([gold[i] for i in rest_g], [pred[i] for i in rest_p], same_type=False)
        partner_g = {rest_g[a]: rest_p[b] for a, b in any_ov}
        partner_p = {b: a for a, b in partner_g.items()}
        errors: list[tuple[str, Ent, Ent | None]] = []
        for gi in rest_g:
            if gi in partner_g:
                other: Ent | None = pred[partner_g[gi]]
                kind = _kind(gold[gi], pred[partner_g[gi]])
            else:
                other = _first_overlap(gold[gi], pred)
                kind = "missed" if other is None else "covered"
            self.kinds["FN " + kind] += 1
            errors.append(("FN " + kind, gold[gi], other))
        for pi in rest_p:
            if pi in partner_p:
                other = gold[partner_p[pi]]
                kind = _kind(gold[partner_p[pi]], pred[pi])
            else:
                other = _first_overlap(pred[pi], gold)
                kind = "spurious" if other is None else "extra"
            self.kinds["FP " + kind] += 1
            errors.append(("FP " + kind, pred[pi], other))
        return errors


def _first_overlap(ent: Ent, others: Sequence[Ent]) -> Ent | None:
    return next((o for o in others if o[0] < ent[1] and ent[0] < o[1]), None)


def _kind(g: Ent, p: Ent) -> str:
    same_span = (g[0], g[1]) == (p[0], p[1])
    if same_span:
        return "type"
    return "boundary" if g[2] == p[2] else "boundary+type"


# ---- running -------------------------------------------------------------------------------------------
def predict(docs: Sequence[Doc]) -> tuple[dict[str, list[list[Ent]]], Counter[str]]:
    """Per system, per document, the PER/ORG/LOC predictions; and the counts of the other predicted types."""
    from news_assets.nlp import analyze_many
    from news_assets.nlp.analyzer import default_analyzer
    from news_assets.nlp.ner.tagger import NerTagger

    texts = [d.text for d in docs]
    analyses = analyze_many(texts)
    an = default_analyzer()
    tagger = NerTagger(gz=an.gazetteer)
    dropped: Counter[str] = Counter()
    out: dict[str, list[list[Ent]]] = {s: [] for s in SYSTEMS}
    for text, a in zip(texts, analyses, strict=True):
        ents = []
        for m in a.mentions:
            if m.type in TYPES:
                ents.append((m.start, m.end, m.type))
            else:
                dropped["analysis " + m.type] += 1
        out["analysis"].append(ents)
        spans = tagger.tag(text, an.kiwi.tokenize(text))
        out["tagger alone"].append([(s.start, s.end, s.type) for s in spans if s.type in TYPES])
        dropped.update("tagger alone " + s.type for s in spans if s.type not in TYPES)
    return out, dropped


def _f(prf: PRF) -> str:
    return f"{prf.f:.3f}"


def report(
    docs: Sequence[Doc],
    scores: dict[str, Score],
    by_outlet: dict[str, dict[str, Score]],
    dropped: Counter[str],
    refused: Sequence[str],
) -> str:
    n_gold = Counter(e[2] for d in docs for e in d.entities)
    lines = [
        "# Entities on real news from outlets the tagger never trained on",
        "",
        "Generated by `python -m bench.entities_real` (its docstring has the method). Gold: "
        f"`data/gold/ko_real/entities.jsonl`, {len(docs)} article texts of `../shared/corpus/ko_real` "
        f"({', '.join(f'{o} {n}' for o, n in Counter(d.outlet for d in docs).items())}), "
        f"{sum(len(d.text) for d in docs):,} characters, {sum(n_gold.values())} entities (PER {n_gold['PER']}, "
        f"ORG {n_gold['ORG']}, LOC {n_gold['LOC']}), annotated by hand with KLUE's conventions (the decisions "
        "where KLUE is silent are in `data/gold/ko_real/README.md`). The learned tagger is trained on KLUE NER "
        "(wikitree news, movie reviews) only. Scoring: typed exact span, one-to-one, PER/ORG/LOC, the rule of "
        "`../shared/ner/README.md`; overlap F1: same type, intersecting ranges, one-to-one.",
        "",
        "**analysis** = the shipped `news_assets.nlp.analyze_many` (tagger merged with the rules and the "
        "gazetteer), its mentions; **tagger alone** = `NerTagger` (shipped model) on Kiwi's tokens.",
        "",
        "## All texts pooled",
        "",
        "| system | type | gold | predicted | P | R | exact F1 | overlap P | overlap R | overlap F1 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for system in SYSTEMS:
        s = scores[system]
        for t in (*TYPES, "all"):
            e, o = s.exact[t], s.overlap[t]
            name = "**micro**" if t == "all" else t
            f1 = f"**{e.f:.3f}**" if t == "all" else f"{e.f:.3f}"
            lines.append(
                f"| {system} | {name} | {e.tp + e.fn} | {e.tp + e.fp} | {e.p:.3f} | {e.r:.3f} | {f1} | "
                f"{o.p:.3f} | {o.r:.3f} | {o.f:.3f} |"
            )
    lines += [
        "",
        "## Per outlet (micro over PER+ORG+LOC)",
        "",
        "| outlet | texts | gold | analysis P | R | exact F1 | overlap F1 | tagger P | R | exact F1 | overlap F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    n_docs = Counter(d.outlet for d in docs)
    for name, per in by_outlet.items():
        sa, st = per["analysis"], per["tagger alone"]
        ea, et = sa.exact["all"], st.exact["all"]
        lines.append(
            f"| {name} | {n_docs[name]} | {ea.tp + ea.fn} | {ea.p:.3f} | {ea.r:.3f} | {ea.f:.3f} | "
            f"{_f(sa.overlap['all'])} | {et.p:.3f} | {et.r:.3f} | {et.f:.3f} | {_f(st.overlap['all'])} |"
        )
    kinds = [
        ("FN missed", "gold entity with no overlapping prediction"),
        ("FN boundary", "gold entity, a prediction of its type overlaps with other bounds"),
        ("FN type", "gold entity, same span predicted with another type"),
        ("FN boundary+type", "gold entity, overlapped by a prediction of another type and span"),
        ("FN covered", "gold entity overlapped only by predictions already paired (two golds, one prediction)"),
        ("FP spurious", "prediction overlapping no gold entity"),
        ("FP boundary", "prediction overlapping a gold entity of its type, other bounds"),
        ("FP type", "prediction on a gold span, other type"),
        ("FP boundary+type", "prediction overlapping a gold entity of another type and span"),
        ("FP extra", "prediction overlapping only gold entities already paired (one gold, two predictions)"),
    ]
    lines += [
        "",
        "## Error kinds (everything the exact rule leaves unmatched)",
        "",
        "| kind | what | analysis | tagger alone |",
        "|---|---|---:|---:|",
        *(f"| {k} | {what} | {scores['analysis'].kinds[k]} | {scores['tagger alone'].kinds[k]} |" for k, what in kinds),
        "",
        "Predictions of other types, dropped before scoring: "
        + (", ".join(f"{k} {n}" for k, n in sorted(dropped.items())) or "none")
        + ".",
    ]
    if refused:
        lines += ["", "Refused (text changed since it was annotated):", "", *(f"- {r}" for r in refused)]
    return "\n".join(lines) + "\n"


def print_errors(docs: Sequence[Doc], errors: dict[str, list[list[tuple[str, Ent, Ent | None]]]]) -> None:
    for i, d in enumerate(docs):
        print(f"\n= {d.id} ({d.outlet})")
        for system in SYSTEMS:
            print(f"  -- {system}")
            for kind, ent, other in sorted(errors[system][i], key=lambda x: x[1][0]):
                s, e, t = ent
                ctx = d.text[max(0, s - 8) : e + 8].replace("\n", " ")
                also = ""
                if other is not None:
                    also = f"  (vs {d.text[other[0] : other[1]]!r} {other[2]})"
                print(f"    {kind:17} {t} {d.text[s:e]!r}{also}   …{ctx}…")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help=f"write the report there (e.g. {OUT.relative_to(ROOT)})")
    ap.add_argument("--errors", action="store_true", help="print the misses and false positives per document")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(
            f"bench.entities_real: skipped — the real-news texts are not at {args.corpus}; nothing was scored"
            + (f" and {args.out} was not written." if args.out else "."),
            file=sys.stderr,
        )
        return 0
    docs, refused = load(args.corpus)
    for r in refused:
        print(f"bench.entities_real: refused {r}", file=sys.stderr)
    if not docs:
        print("bench.entities_real: no text left to score.", file=sys.stderr)
        return 1
    preds, dropped = predict(docs)
    scores = {s: Score() for s in SYSTEMS}
    by_outlet: dict[str, dict[str, Score]] = {}
    for name in dict.fromkeys(d.outlet for d in docs):
        by_outlet[name] = {s: Score() for s in SYSTEMS}
    errors: dict[str, list[list[tuple[str, Ent, Ent | None]]]] = {s: [] for s in SYSTEMS}
    for i, d in enumerate(docs):
        for system in SYSTEMS:
            errors[system].append(scores[system].add(d.entities, preds[system][i]))
            by_outlet[d.outlet][system].add(d.entities, preds[system][i])
    md = report(docs, scores, by_outlet, dropped, refused)
    print(md)
    if args.errors:
        print_errors(docs, errors)
    if args.out:
        note = ""
        if args.out.is_file():
            old = args.out.read_text(encoding="utf-8")
            if NOTE_MARK in old:
                note = old[old.index(NOTE_MARK) :]
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(md + ("\n" + note if note else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
