"""Benchmark of the entity stage against the hand-written gold set in data/gold/entities.jsonl.

    python -m bench.entities [--out docs/benchmarks-entities.md] [--split dev|heldout|all] [--errors]

Quality: precision/recall/F1 per entity type with exact span matching (same start, end and type) and overlap
matching (same type, spans overlap; one-to-one), roles (same person, title without spaces, affiliation; spans
overlap; the affiliation compared as an entity, through the gazetteer's alias table, because the gold writes
places by their surface) and quotes (same quote span and same speaker). Speed: characters per second of the whole
``analyze_many`` stage and of kiwipiepy ``tokenize`` alone, on the same texts, same Kiwi worker threads, same run.

The same gold and speed again with the rules alone (``Analyzer(ner=False)``), and, when ../shared/ner is
there (else it says why it skips), the whole analysis on KLUE NER news by document-disjoint K-fold
cross-validation (each fold's tagger trained without the fold, cached in bench/out/ner-cv/; the word clusters are the
shipped model's, learnt from unlabelled text) and on the reviews, next to the rules alone and the tagger alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "entities.jsonl"
TYPES = ("PER", "ORG", "LOC", "PRODUCT", "EVENT", "WORK")
QUOTES_LINK = (
    "Quotes (direct and indirect), speakers and roles on real news pages and on this gold: the summary in "
    "[Who said what](#who-said-what-quotes-speakers-and-roles) below, every table in "
    "[benchmarks-quotes.md](benchmarks-quotes.md) (`python -m bench.quotes_real`)."
)


def load_gold(split: str) -> list[dict]:
    docs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [d for d in docs if split == "all" or d["split"] == split]


class PRF:
    __slots__ = ("fn", "fp", "tp")

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self, label: str) -> str:
        return f"| {label} | {self.tp + self.fn} | {self.p:.3f} | {self.r:.3f} | {self.f:.3f} |"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_entities(gold: list[dict], pred: list, mode: str) -> tuple[list, list, list]:
    """(matched pairs, false positives, false negatives); one-to-one, same type."""
    if mode == "exact":
        g_index = {(g["start"], g["end"], g["type"]): g for g in gold}
        pairs, fps = [], []
        seen = set()
        for m in pred:
            g = g_index.get((m.start, m.end, m.type))
            if g is not None and id(g) not in seen:
                pairs.append((g, m))
                seen.add(id(g))
            else:
                fps.append(m)
        fns = [g for g in gold if id(g) not in seen]
        return pairs, fps, fns
    pairs, fps, used = [], [], set()
    for m in pred:
        hit = next(
            (
                g
                for g in gold
                if id(g) not in used and g["type"] == m.type and _overlap((g["start"], g["end"]), (m.start, m.end))
            ),
            None,
        )
        if hit is None:
            fps.append(m)
        else:
            used.add(id(hit))
            pairs.append((hit, m))
    return pairs, fps, [g for g in gold if id(g) not in used]


def _norm_title(t: str | None) -> str:
    return "".join((t or "").split())


def _canonical(name: str | None) -> str | None:
    """Gold writes some places by surface (`제주도`); compare affiliations as entities, via the alias table."""
    if name is None:
        return None
    from news_assets.nlp import default_gazetteer

    entry = default_gazetteer().lookup(name, nnp=True)
    return entry.name if entry else name


def match_roles(gold: list[dict], pred: list) -> tuple[int, list, list]:
    used: set[int] = set()
    tp, fps = 0, []
    for r in pred:
        hit = next(
            (
                g
                for g in gold
                if id(g) not in used
                and g["person"] == r.person
                and _norm_title(g["title"]) == _norm_title(r.title)
                and _canonical(g["affiliation"]) == _canonical(r.affiliation)
                and _overlap((g["start"], g["end"]), (r.start, r.end))
            ),
            None,
        )
        if hit is None:
            fps.append(r)
        else:
            used.add(id(hit))
            tp += 1
    return tp, fps, [g for g in gold if id(g) not in used]


def match_quotes(gold: list[dict], pred: list) -> tuple[int, int, list, list]:
    """(span matches, span+speaker matches, false positives, false negatives) — FP/FN for span+speaker."""
    by_span = {(g["start"], g["end"]): g for g in gold}
    spans = full = 0
    fps, hit_ids = [], set()
    for q in pred:
        g = by_span.get((q.start, q.end))
        if g is None:
            fps.append(q)
            continue
        spans += 1
        if g["speaker"] == q.speaker:
            full += 1
            hit_ids.add(id(g))
        else:
            fps.append(q)
    return spans, full, fps, [g for g in gold if id(g) not in hit_ids]


def evaluate(docs: list[dict], analyses: list) -> dict:
    ex = {t: PRF() for t in TYPES}
    ov = {t: PRF() for t in TYPES}
    ex_all, ov_all, untyped = PRF(), PRF(), PRF()
    names_ok = names_n = 0
    roles, roles_loose = PRF(), PRF()
    q_full, q_span = PRF(), PRF()
    errors: dict[str, list[str]] = defaultdict(list)
    for d, a in zip(docs, analyses, strict=True):
        gold = d["entities"]
        for mode, table, total in (("exact", ex, ex_all), ("overlap", ov, ov_all)):
            pairs, fps, fns = match_entities(gold, list(a.mentions), mode)
            for t in TYPES:
                tp = sum(1 for g, _ in pairs if g["type"] == t)
                fp = sum(1 for m in fps if m.type == t)
                fn = sum(1 for g in fns if g["type"] == t)
                table[t].add(tp, fp, fn)
            total.add(len(pairs), len(fps), len(fns))
            if mode == "exact":
                for g, m in pairs:
                    names_n += 1
                    names_ok += g["name"] == m.name
                    if g["name"] != m.name:
                        errors[d["id"]].append(f"  name  {m.surface!r}: {m.name!r} != gold {g['name']!r}")
                for m in fps:
                    errors[d["id"]].append(f"  FP    {m.type:7} {m.surface!r} ({m.name})")
                for g in fns:
                    errors[d["id"]].append(f"  FN    {g['type']:7} {g['surface']!r}")
        spans_g = {(g["start"], g["end"]) for g in gold}
        spans_p = {(m.start, m.end) for m in a.mentions}
        untyped.add(len(spans_g & spans_p), len(spans_p - spans_g), len(spans_g - spans_p))
        tp, fps, fns = match_roles(d["roles"], list(a.person_roles))
        roles.add(tp, len(fps), len(fns))
        for r in fps:
            errors[d["id"]].append(f"  ROLE+ {r.person} | {r.title} | {r.affiliation}")
        for g in fns:
            errors[d["id"]].append(f"  ROLE- {g['person']} | {g['title']} | {g['affiliation']}")
        loose_g = [(g["person"], _norm_title(g["title"])) for g in d["roles"]]
        loose_p = [(r.person, _norm_title(r.title)) for r in a.person_roles]
        lt = 0
        unmatched = list(loose_g)
        for x in loose_p:
            if x in unmatched:
                unmatched.remove(x)
                lt += 1
        roles_loose.add(lt, len(loose_p) - lt, len(loose_g) - lt)
        spans, full, fps, fns = match_quotes(d["quotes"], list(a.quotes))
        q_span.add(spans, len(a.quotes) - spans, len(d["quotes"]) - spans)
        q_full.add(full, len(a.quotes) - full, len(d["quotes"]) - full)
        for q in fps:
            errors[d["id"]].append(f"  QUOTE+ [{q.speaker}] {q.quote[:30]!r}")
        for g in fns:
            errors[d["id"]].append(f"  QUOTE- [{g['speaker']}] {g['quote'][:30]!r}")
    return {
        "exact": ex,
        "overlap": ov,
        "exact_all": ex_all,
        "overlap_all": ov_all,
        "untyped": untyped,
        "names": (names_ok, names_n),
        "roles": roles,
        "roles_loose": roles_loose,
        "q_full": q_full,
        "q_span": q_span,
        "errors": errors,
    }


def speed(texts: list[str], repeat: int, load: float) -> dict:
    short = _speed(texts * repeat)
    # Article bodies are longer than the gold texts: also time eight gold texts joined as one body.
    joined = ["\n\n".join(texts[i : i + 8]) for i in range(0, len(texts), 8)] * repeat
    long = _speed(joined)
    return {"short": short, "long": long, "load_s": load, "workers": short["workers"]}


def _speed(batch: list[str]) -> dict:
    from news_assets.nlp import analyze_many
    from news_assets.nlp.kiwi import get_kiwi

    kiwi = get_kiwi()
    chars = sum(map(len, batch))
    analyze_many(batch[:4])  # warm-up
    best_kiwi = best_all = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _toks in kiwi.tokenize(batch):
            pass
        best_kiwi = min(best_kiwi, time.perf_counter() - t)
        t = time.perf_counter()
        analyze_many(batch)
        best_all = min(best_all, time.perf_counter() - t)
    return {
        "chars": chars,
        "docs": len(batch),
        "workers": kiwi.num_workers,
        "kiwi_cps": chars / best_kiwi,
        "all_cps": chars / best_all,
    }


# ---- KLUE NER: the whole merged analysis, document-disjoint cross-validation -----------------------------
SHARED = ROOT.parent / "shared" / "ner"
CV_CACHE = ROOT / "bench" / "out" / "ner-cv"
NER_TYPES = ("PER", "ORG", "LOC")
KLUE_NOTE = [
    "Deliberate differences from KLUE's conventions, kept by the merge (they cost exact matches here): a country or",
    "city the gazetteer knows stays a place (KLUE often labels `북한`, `아르헨티나` ORG when they act or play);",
    "generic institutions (`정부`, the stopwords) are not entities (the gold guidelines). A `surname + title` short",
    "mention is the surname alone, as in KLUE (`<신> 총괄회장`), named by the article's full name. Where the tagger",
    "reads a multi-word place or",
    "a place + organization as one span it wins (`<미국 라스베이거스>`, `<서울 송파경찰서>`, KLUE's convention), while",
    "the project's gold writes `서울 영등포구` as two places: the gold's LOC figures above pay for that.",
    "",
]


def _cv_models(folds, news, reviews, fold, T, fx, feats, params, with_reviews) -> tuple[list[bytes], bytes]:
    """One model per fold (trained without that fold's documents) and one on all the news (for the reviews),
    trained as scripts/train_ner.py trains the shipped one; cached in bench/out/ner-cv by a key of their inputs."""
    import hashlib

    from news_assets.nlp.ner import features

    src = Path(features.__file__).read_bytes() + Path(T.__file__).read_bytes()
    key = hashlib.sha1(
        src + repr((folds, sorted(params.items()), with_reviews, len(news), len(reviews), fold)).encode()
    ).hexdigest()[:12]
    CV_CACHE.mkdir(parents=True, exist_ok=True)

    def train(name: str, exs) -> bytes:
        path = CV_CACHE / f"{key}-{name}.crf"
        if path.is_file():
            return path.read_bytes()
        t0 = time.monotonic()
        crf = T.train_crf([x for ex in exs for x in feats[id(ex)]], [y for ex in exs for y in ex.labels], **params)
        print(f"bench.entities: trained {name} in {time.monotonic() - t0:.0f}s", file=sys.stderr)
        path.write_bytes(crf)
        return crf

    models = [
        train(f"fold{k}", [e for i, e in enumerate(news) if fold[i] != k] + (reviews if with_reviews else []))
        for k in range(folds)
    ]
    return models, train("news", news)


@dataclass(slots=True)
class KlueCV:
    """KLUE NER news and reviews tokenized and aligned, their document-disjoint folds and one tagger model per fold
    (trained as scripts/train_ner.py trains the shipped one, cached in bench/out/ner-cv/), plus one on all the news."""

    kiwi: Any
    gz: Any
    news: list
    reviews: list
    fold: list[int]
    groups: int
    fold_crfs: list[bytes]
    news_crf: bytes
    cl_text: str

    def bundle(self, crf: bytes) -> bytes:
        """A model file the tagger loads: ``crf`` with the shipped model's word clusters."""
        import news_assets_training.ner as T

        return T.write_bundle(crf, self.cl_text, {"types": list(NER_TYPES)})


def klue_cross_validation(shared: Path, folds: int) -> KlueCV:
    """The cross-validation set-up shared by the KLUE part of this bench and ``bench.klue_errors``."""
    import news_assets_training.ner as T

    from bench.ner import assign_folds, document_groups
    from news_assets.nlp.analyzer import Analyzer
    from news_assets.nlp.ner.features import FeatureExtractor
    from news_assets.nlp.ner.tagger import parse_clusters, read_model_bundle, shipped_model

    analyzer = Analyzer(workers=1, ner=False)
    kiwi, gz = analyzer.kiwi, analyzer.gazetteer
    klue = T.load_klue(shared / "klue_ner_dev.jsonl")
    T.tokenize_examples(kiwi, klue)
    for ex in klue:
        T.align(ex, T.TYPES)
    news = [e for e in klue if e.source == "wikitree"]
    reviews = [e for e in klue if e.source == "nsmc"]
    # The word clusters of the shipped model (learnt from unlabelled text only, no labels).
    _, clusters, _ = read_model_bundle(shipped_model())
    cl_text = "".join(k + "\t" + "\t".join(v.split("=", 1)[1] for v in ids) + "\n" for k, ids in clusters.items())
    fx = FeatureExtractor(gz, parse_clusters(cl_text))
    feats = {id(ex): T.features_of(fx, ex) for ex in klue}
    groups = document_groups(news)
    fold = assign_folds(groups, len(news), folds)
    fold_crfs, news_crf = _cv_models(
        folds, news, reviews, fold, T, fx, feats, dict(T.DEFAULT_PARAMS), T.TRAIN_WITH_REVIEWS
    )
    return KlueCV(kiwi, gz, news, reviews, fold, len(groups), fold_crfs, news_crf, cl_text)


def klue_benchmark(args) -> dict | None:
    """Typed exact P/R/F1 per type of the whole analysis on KLUE news (K-fold CV, document-disjoint: the tagger
    of each fold never saw the fold's documents; the rules are not trained) and on the reviews (a tagger trained on
    all the news), next to the rules alone and the tagger alone; ``None`` when ../shared/ner is absent."""
    dev = args.shared / "klue_ner_dev.jsonl"
    raw = args.shared / "klue_ner_train_unlabelled.tsv"
    if not dev.is_file() or not raw.is_file():
        print(
            f"bench.entities: KLUE part skipped — the KLUE NER data is not at {args.shared} (needs "
            "klue_ner_dev.jsonl and klue_ner_train_unlabelled.tsv).",
            file=sys.stderr,
        )
        return None
    from bench.ner import Score
    from news_assets.nlp.analysis import analyze_tokens
    from news_assets.nlp.entities import MergePolicy
    from news_assets.nlp.ner.tagger import NerTagger

    t0 = time.monotonic()
    setup = klue_cross_validation(args.shared, args.folds)
    kiwi, gz, news, reviews, fold = setup.kiwi, setup.gz, setup.news, setup.reviews, setup.fold
    fold_crfs, news_crf, bundle = setup.fold_crfs, setup.news_crf, setup.bundle

    variants = {
        "merged (shipped policy)": ("merged", MergePolicy()),
        "merged, no extension": ("merged", MergePolicy(extend=False)),
        "merged, no spreading": ("merged", MergePolicy(spread=False)),
        "merged, no type vote": ("merged", MergePolicy(vote=False)),
        "rules + gazetteer alone": ("rules", MergePolicy()),
        "tagger alone": ("tagger", MergePolicy()),
    }

    def run(exs, tagger, scores: dict[str, Score]) -> None:
        for ex in exs:
            toks = kiwi.tokenize(ex.text)
            spans = tagger.tag(ex.text, toks)
            for label, (kind, policy) in variants.items():
                if kind == "tagger":
                    pred = [(s.start, s.end, s.type) for s in spans]
                else:
                    a = analyze_tokens(ex.text, toks, gz, tagger if kind == "merged" else None, policy)
                    pred = [(m.start, m.end, m.type) for m in a.mentions]
                scores[label].add(ex.entities, pred)

    cv = {label: Score() for label in variants}
    for k in range(args.folds):
        run([e for i, e in enumerate(news) if fold[i] == k], NerTagger(bundle(fold_crfs[k]), gz=gz), cv)
    ood = {label: Score() for label in variants}
    run(reviews, NerTagger(bundle(news_crf), gz=gz), ood)
    return {
        "cv": cv,
        "reviews": ood,
        "folds": args.folds,
        "groups": setup.groups,
        "news": len(news),
        "n_reviews": len(reviews),
        "secs": time.monotonic() - t0,
    }


def klue_report(res: dict) -> list[str]:
    lines = [
        "## KLUE NER news: the whole analysis, cross-validated",
        "",
        f"KLUE NER v1.1 dev (`../shared/ner`): {res['news']:,} news sentences (wikitree), scored by "
        f"{res['folds']}-fold cross-validation over {res['groups']:,} document groups (sentences sharing a rare "
        "entity stay in one fold; `bench/ner.py` explains the grouping): each fold's tagger was trained, as "
        "`scripts/train_ner.py` trains the shipped one, on the other folds' news and the reviews, never on the "
        "fold it tags; the rules and the gazetteer are not trained and run on everything. Typed exact match "
        "(start, end, type), one-to-one, PER/ORG/LOC only (PRODUCT/EVENT/WORK predictions dropped), the rule of "
        "`../shared/ner/README.md`.",
        "",
        "| set | analysis | type | gold | P | R | exact F1 | overlap F1 |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for set_label, key in (("KLUE news, CV", "cv"), ("KLUE reviews (tagger trained on news)", "reviews")):
        for label, score in res[key].items():
            shipped = label.startswith("merged (shipped")
            for row in score.rows(label):
                if not shipped and "PER+ORG+LOC" not in row:
                    continue
                lines.append(f"| {set_label} {row}")
    lines += ["", *KLUE_NOTE, f"KLUE part: {res['secs']:.0f} s (fold models cached in `bench/out/ner-cv/`).", ""]
    return lines


def rules_report(results: dict[str, dict], sp: dict | None) -> str:
    """The gold with the rules alone (``Analyzer(ner=False)``): entities per type, roles, quotes, speed."""
    lines = [
        "## The project's gold with the rules alone (`Analyzer(ner=False)`)",
        "",
        "The rules and the gazetteer without the learned tagger (it is on by default); `heldout` was not looked at "
        "while the rules were written.",
        "",
        "| split | type | gold | P | R | F1 |",
        "|---|---|---|---|---|---|",
    ]
    for split, res in results.items():
        for t in (*TYPES, "micro"):
            e = res["exact_all"] if t == "micro" else res["exact"][t]
            lines.append(f"| {split} | {t} | {e.tp + e.fn} | {e.p:.3f} | {e.r:.3f} | {e.f:.3f} |")
    lines += ["", "| split | relation | gold | P | R | F1 |", "|---|---|---|---|---|---|"]
    for split, res in results.items():
        lines.append(f"| {split} " + res["roles"].row("roles (person, title, affiliation)"))
        lines.append(f"| {split} " + res["q_full"].row("quotes (span and speaker)"))
    if sp:
        lines += [
            "",
            "| texts | kiwipiepy `tokenize` alone, chars/s | rules-only `analyze_many`, chars/s | ratio |",
            "|---|---|---|---|",
        ]
        for label, key in (("gold texts", "short"), ("8 gold texts per body", "long")):
            x = sp[key]
            lines.append(
                f"| {label} | {x['kiwi_cps']:,.0f} | {x['all_cps']:,.0f} | {x['all_cps'] / x['kiwi_cps']:.0%} |"
            )
    lines.append("")
    return "\n".join(lines)


def report(split_results: dict[str, dict], sp: dict | None, docs_all: list[dict]) -> str:
    lines = ["# Entity stage benchmark", ""]
    n_sent = sum(d["sentences"] for d in docs_all)
    lines.append(
        f"Gold: `data/gold/entities.jsonl`, {len(docs_all)} documents, {n_sent} sentences, "
        f"{sum(len(d['entities']) for d in docs_all)} entities, {sum(len(d['roles']) for d in docs_all)} roles, "
        f"{sum(len(d['quotes']) for d in docs_all)} quotes. `heldout` = every third document, not looked at "
        "while tuning the rules. Generated by `python -m bench.entities`."
    )
    lines += ["", QUOTES_LINK]
    lines.append("")
    for split, res in split_results.items():
        lines += [
            f"## {split}",
            "",
            "The shipped analysis (learned tagger and rules). The tagger was trained on the gold's `dev` documents "
            "too: `heldout` is the honest figure. Entities, exact span and type / overlapping span, same type:",
            "",
        ]
        lines += [
            "| type | gold | P | R | F1 | overlap P | overlap R | overlap F1 |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for t in (*TYPES, "micro"):
            e = res["exact_all"] if t == "micro" else res["exact"][t]
            o = res["overlap_all"] if t == "micro" else res["overlap"][t]
            lines.append(
                f"| {t} | {e.tp + e.fn} | {e.p:.3f} | {e.r:.3f} | {e.f:.3f} | {o.p:.3f} | {o.r:.3f} | {o.f:.3f} |"
            )
        ok, n = res["names"]
        u = res["untyped"]
        lines += [
            "",
            f"Untyped exact spans F1 {u.f:.3f}; canonical name right on {ok}/{n} exact matches.",
            "",
            "| relation | gold | P | R | F1 |",
            "|---|---|---|---|---|",
            res["roles"].row("roles (person, title, affiliation)"),
            res["roles_loose"].row("roles (person, title)"),
            res["q_full"].row("quotes (span and speaker)"),
            res["q_span"].row("quotes (span only)"),
            "",
        ]
    if sp:
        lines += [
            "## Speed",
            "",
            f"Same run, same Kiwi worker threads ({sp['workers']} threads), best of 5 (the machine is shared, so single runs vary), on {platform.machine()} with "
            f"{os.cpu_count()} CPUs. Kiwi load with the gazetteer: {sp['load_s']:.1f} s.",
            "",
            "| texts | docs | chars | kiwipiepy `tokenize` alone, chars/s | `analyze_many` (tagger and rules), chars/s | ratio |",
            "|---|---|---|---|---|---|",
        ]
        for label, key in (("gold texts", "short"), ("8 gold texts per body", "long")):
            x = sp[key]
            lines.append(
                f"| {label} | {x['docs']} | {x['chars']:,} | {x['kiwi_cps']:,.0f} | {x['all_cps']:,.0f} | "
                f"{x['all_cps'] / x['kiwi_cps']:.0%} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--split", choices=("all", "dev", "heldout"), default="all")
    ap.add_argument("--errors", action="store_true", help="print per-document errors (dev split only)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--repeat", type=int, default=12)
    ap.add_argument("--shared", type=Path, default=SHARED, help="KLUE NER data (../shared/ner)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-klue", action="store_true")
    args = ap.parse_args(argv)

    from news_assets.nlp import analyze_many
    from news_assets.nlp.kiwi import get_kiwi

    t0 = time.perf_counter()
    get_kiwi()
    load = time.perf_counter() - t0
    docs_all = load_gold("all")
    analyses = analyze_many(d["text"] for d in docs_all)
    by_id = dict(zip((d["id"] for d in docs_all), analyses, strict=True))
    splits = ("all", "dev", "heldout") if args.split == "all" else (args.split,)
    results = {}
    for split in splits:
        docs = [d for d in docs_all if split == "all" or d["split"] == split]
        results[split] = evaluate(docs, [by_id[d["id"]] for d in docs])
    if args.errors:
        dev = results.get("dev") or evaluate(
            [d for d in docs_all if d["split"] == "dev"], [by_id[d["id"]] for d in docs_all if d["split"] == "dev"]
        )
        for doc_id, errs in sorted(dev["errors"].items()):
            print(doc_id, file=sys.stderr)
            print("\n".join(errs), file=sys.stderr)
    sp = None if args.no_speed else speed([d["text"] for d in docs_all], args.repeat, load)
    # The same gold with the rules alone (Analyzer(ner=False)), on the default analyzer's Kiwi.
    from news_assets.nlp.analyzer import default_analyzer

    an = default_analyzer()
    tagger, an.tagger = an.tagger, None
    rules_all = an.analyze_many(d["text"] for d in docs_all)
    by_id_r = dict(zip((d["id"] for d in docs_all), rules_all, strict=True))
    rules = {}
    for split in splits:
        docs = [d for d in docs_all if split == "all" or d["split"] == split]
        rules[split] = evaluate(docs, [by_id_r[d["id"]] for d in docs])
    sp_r = None if args.no_speed else speed([d["text"] for d in docs_all], args.repeat, load)
    an.tagger = tagger
    klue = None if args.no_klue else klue_benchmark(args)
    md = report(results, sp, docs_all)
    md += "\n" + rules_report(rules, sp_r)
    if klue is not None:
        md += "\n" + "\n".join(klue_report(klue))
    from bench.quotes_real import score_both, splice, summary_section

    md = splice(md, summary_section(*score_both()))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(md + "\n", encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
