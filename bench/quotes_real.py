"""Who said what, on real news: quotes, speakers and roles against a real-text gold and the project's gold.

    python -m bench.quotes_real [--out docs/benchmarks-quotes.md] [--entities-doc docs/benchmarks-entities.md]
                                [--corpus ../shared/corpus/ko_real] [--errors] [--ner]

``--entities-doc`` writes the summary (quote P/R/F1, speaker accuracy, role F1 on both golds) into the marked
section of that file (``bench.entities`` writes the same section when it regenerates the file).

The real-text gold (``data/gold/ko_real/quotes.jsonl``, conventions in its README) holds offsets and labels only;
the texts are read from ``../shared/corpus/ko_real/<page>/expected.txt`` and must hash to the gold's sha256 (a
changed text is refused, not scored). Without ../shared that part is skipped with the reason and the project's gold
(``data/gold/entities.jsonl``, loaded by ``bench.entities``) is scored alone.

Quotes: a predicted quote matches a gold quote whose span overlaps it, one-to-one, the largest overlaps first;
P/R/F1 per zone (headings — the subtitle lines and crossheads the gold lists — apart from the body) and per kind
(``direct`` in quote marks, ``indirect`` reported speech). Until ``Quote`` carries a kind every predicted quote
counts as direct. Speaker accuracy on the matched quotes whose gold speaker is a named person: right when the
predicted speaker is the gold's fullest name (or, for a joint statement, one of its co-speakers), spaces ignored.
Roles: the distinct (person, title) and (person, title, affiliation) of each document, P/R/F1 over the documents;
titles compared without spaces and parenthesised glosses (``최고경영자(CEO)`` = ``최고경영자``), affiliations as
entities through the gazetteer (``bench.entities``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.entities import PRF, _canonical, load_gold
from news_assets.nlp.model import Quote

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "ko_real" / "quotes.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "ko_real"
# What the gold labels and ``Quote`` may one day carry: (attribute of Quote, field of the gold quote).
LATER_FIELDS = (("kind", "kind"), ("speaker_kind", "speaker_kind"), ("speaker_affiliation", "affiliation"))
_QUOTE_FIELDS = frozenset(Quote.__dataclass_fields__)


class GoldTextChanged(Exception):
    """The text under ../shared is not the one the gold's offsets were written against."""


@dataclass(slots=True)
class Doc:
    id: str
    text: str
    quotes: list[dict]
    roles: list[dict]
    headings: list[tuple[int, int]] = field(default_factory=list)


# ---- loading -------------------------------------------------------------------------------------------
def load_real(corpus: Path = CORPUS, gold: Path = GOLD) -> list[Doc]:
    docs = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        text = (corpus / d["id"] / "expected.txt").read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != d["sha256"]:
            raise GoldTextChanged(
                f"{corpus / d['id'] / 'expected.txt'} has changed since it was annotated (sha256 {digest[:12]}…, "
                f"gold {d['sha256'][:12]}…): its offsets no longer hold; re-annotate it with "
                "data/gold/ko_real/build.py (export, edit, build) before scoring."
            )
        docs.append(Doc(d["id"], text, d["quotes"], d["roles"], [tuple(h) for h in d["headings"]]))
    return docs


def project_docs() -> list[Doc]:
    """The project's gold in the same shape: every quote direct and in the body; a speaker is a person when the
    gold has a PER entity of that name, an organisation when it has an ORG one."""
    docs = []
    for d in load_gold("all"):
        types: dict[str, str] = {e["name"]: e["type"] for e in d["entities"]}
        quotes = []
        for q in d["quotes"]:
            kind = {"PER": "person", "ORG": "organisation"}.get(types.get(q["speaker"] or "", ""))
            quotes.append({**q, "kind": "direct", "speaker_kind": kind, "title": None, "affiliation": None})
        roles = [{**r, "form": "apposition"} for r in d["roles"]]
        docs.append(Doc(d["id"], d["text"], quotes, roles))
    return docs


# ---- matching ------------------------------------------------------------------------------------------
def match_spans(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of overlapping spans, the largest overlaps first."""
    cands = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                cands.append((-overlap, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def name_key(name: str | None) -> str:
    return "".join((name or "").split())


def title_key(title: str | None) -> str:
    return "".join(re.sub(r"\([^)]*\)", "", title or "").split())


def title_ok(gold: str, pred: str | None) -> bool:
    """The predicted title is the gold's, or one of the titles a `겸` joins (`공동창업자 겸 최고경영자(CEO)`)."""
    keys = {title_key(gold), *(title_key(part) for part in gold.split(" 겸 "))}
    return title_key(pred) in keys


def speaker_ok(gold: dict, pred: str | None) -> bool:
    names = [gold["speaker"], *gold.get("co_speakers", [])]
    return name_key(pred) in {name_key(n) for n in names if n}


def zone_of(span: tuple[int, int], headings: Sequence[tuple[int, int]]) -> str:
    return "headline" if any(hs <= span[0] and span[1] <= he for hs, he in headings) else "body"


# ---- scoring -------------------------------------------------------------------------------------------
QUOTE_ROWS = (
    ("all quotes", None, None),
    ("body, all kinds", "body", None),
    ("body, direct", "body", "direct"),
    ("body, indirect", "body", "indirect"),
    ("headings (subtitles, crossheads)", "headline", None),
)


@dataclass(slots=True)
class Ratio:
    ok: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.ok += ok
        self.n += 1

    def cell(self) -> str:
        return f"{self.ok}/{self.n} = {self.ok / self.n:.3f}" if self.n else "—"


@dataclass
class Scores:
    quotes: dict[str, PRF] = field(default_factory=lambda: {label: PRF() for label, _, _ in QUOTE_ROWS})
    speaker_person: Ratio = field(default_factory=Ratio)  # matched quotes of a named person
    speaker_person_all: Ratio = field(default_factory=Ratio)  # every quote of a named person, missed ones wrong
    speaker_person_headline: Ratio = field(default_factory=Ratio)
    speaker_org: Ratio = field(default_factory=Ratio)
    speaker_none: Ratio = field(default_factory=Ratio)  # anonymous/unattributed: no speaker is right
    speaker_title: Ratio = field(default_factory=Ratio)
    later: dict[str, Ratio | None] = field(default_factory=dict)
    roles_pt: PRF = field(default_factory=PRF)
    roles_pta: PRF = field(default_factory=PRF)
    roles_pt_apposition: PRF = field(default_factory=PRF)
    errors: dict[str, list[str]] = field(default_factory=dict)


def _pred_kind(q: object) -> str:
    return getattr(q, "kind", None) or "direct"


def score_quotes(doc: Doc, pred: Sequence, s: Scores) -> None:
    gold = doc.quotes
    pairs = match_spans([(g["start"], g["end"]) for g in gold], [(q.start, q.end) for q in pred])
    matched_g = {gi: pi for gi, pi in pairs}
    matched_p = {pi for _, pi in pairs}
    g_zone = [zone_of((g["start"], g["end"]), doc.headings) for g in gold]
    errs = s.errors.setdefault(doc.id, [])
    for label, zone, kind in QUOTE_ROWS:
        prf = s.quotes[label]

        def in_row(z: str, k: str, zone: str | None = zone, kind: str | None = kind) -> bool:
            return (zone is None or z == zone) and (kind is None or k == kind)

        tp = sum(1 for gi in matched_g if in_row(g_zone[gi], gold[gi]["kind"]))
        fn = sum(1 for gi, g in enumerate(gold) if gi not in matched_g and in_row(g_zone[gi], g["kind"]))
        fp = sum(
            1
            for pi, q in enumerate(pred)
            if pi not in matched_p and in_row(zone_of((q.start, q.end), doc.headings), _pred_kind(q))
        )
        prf.add(tp, fp, fn)
    for attr, key in LATER_FIELDS:
        if attr not in _QUOTE_FIELDS:
            s.later[attr] = None
            continue
        ratio = s.later.get(attr) or Ratio()
        s.later[attr] = ratio
        for gi, pi in pairs:
            want, got = gold[gi][key], getattr(pred[pi], attr)
            if key == "affiliation":
                want, got = _canonical(want), _canonical(got)
            ratio.add(want == got)
    for gi, g in enumerate(gold):
        q = pred[matched_g[gi]] if gi in matched_g else None
        snippet = doc.text[g["start"] : g["end"]][:40]
        if q is None:
            errs.append(f"  QUOTE- {g['kind'][:3]} {g_zone[gi][:4]} [{g['speaker']}] {snippet!r}")
        if g["speaker_kind"] == "person" and g["speaker"]:
            s.speaker_person_all.add(q is not None and speaker_ok(g, q.speaker))
            if q is not None:
                ok = speaker_ok(g, q.speaker)
                s.speaker_person.add(ok)
                if g_zone[gi] == "headline":
                    s.speaker_person_headline.add(ok)
                if not ok:
                    errs.append(f"  SPEAKER {g_zone[gi][:4]} gold {g['speaker']} got {q.speaker} {snippet!r}")
                if g["title"]:
                    s.speaker_title.add(title_ok(g["title"], q.speaker_title))
        elif q is not None and g["speaker_kind"] == "organisation" and g["speaker"]:
            ok = name_key(_canonical(q.speaker)) == name_key(_canonical(g["speaker"]))
            s.speaker_org.add(ok)
            if not ok:
                errs.append(f"  SPEAKER org {g_zone[gi][:4]} gold {g['speaker']} got {q.speaker} {snippet!r}")
        elif q is not None and not g["speaker"]:
            s.speaker_none.add(q.speaker is None)
            if q.speaker is not None:
                errs.append(f"  SPEAKER {g['speaker_kind']} gold none got {q.speaker} {snippet!r}")
    for pi, q in enumerate(pred):
        if pi not in matched_p:
            errs.append(f"  QUOTE+ [{q.speaker}] {doc.text[q.start : q.end][:40]!r}")


def _role_keys(roles: Iterable, with_affiliation: bool) -> set[tuple[str, ...]]:
    keys = set()
    for r in roles:
        person, title, aff = (
            (r["person"], r["title"], r["affiliation"])
            if isinstance(r, dict)
            else (
                r.person,
                r.title,
                r.affiliation,
            )
        )
        if not title:
            continue  # a person with only an affiliation is no person-title role
        key: tuple[str, ...] = (name_key(person), title_key(title))
        keys.add((*key, name_key(_canonical(aff))) if with_affiliation else key)
    return keys


def score_roles(doc: Doc, pred: Sequence, s: Scores) -> None:
    errs = s.errors.setdefault(doc.id, [])
    for prf, with_aff in ((s.roles_pt, False), (s.roles_pta, True)):
        g, p = _role_keys(doc.roles, with_aff), _role_keys(pred, with_aff)
        prf.add(len(g & p), len(p - g), len(g - p))
        if with_aff:
            errs += [f"  ROLE- {' | '.join(k)}" for k in sorted(g - p)]
            errs += [f"  ROLE+ {' | '.join(k)}" for k in sorted(p - g)]
    g_all = _role_keys(doc.roles, False)
    g_app = _role_keys([r for r in doc.roles if r.get("form", "apposition") == "apposition"], False)
    p = _role_keys(pred, False)
    s.roles_pt_apposition.add(len(g_app & p), len(p - g_all), len(g_app - p))


def evaluate(docs: Sequence[Doc], analyses: Sequence) -> Scores:
    s = Scores()
    for doc, a in zip(docs, analyses, strict=True):
        score_quotes(doc, list(a.quotes), s)
        score_roles(doc, list(a.person_roles), s)
    return s


# ---- report --------------------------------------------------------------------------------------------
def _analyze(texts: list[str], ner: bool) -> list:
    if not ner:
        from news_assets.nlp import analyze_many

        return analyze_many(texts)
    from news_assets.nlp.analyzer import default_analyzer
    from news_assets.nlp.ner.tagger import NerTagger

    an = default_analyzer()
    an.tagger = NerTagger(gz=an.gazetteer)
    try:
        return an.analyze_many(texts)
    finally:
        an.tagger = None


def _counts(docs: Sequence[Doc]) -> str:
    quotes = [q for d in docs for q in d.quotes]
    kinds = {k: sum(q["kind"] == k for q in quotes) for k in ("direct", "indirect")}
    heads = sum(zone_of((q["start"], q["end"]), d.headings) == "headline" for d in docs for q in d.quotes)
    spk = {k: sum(q["speaker_kind"] == k for q in quotes) for k in ("person", "organisation", "anonymous")}
    roles = sum(len(_role_keys(d.roles, False)) for d in docs)
    return (
        f"{len(docs)} documents, {len(quotes)} quotes ({kinds['direct']} direct, {kinds['indirect']} indirect; "
        f"{heads} in headings; speakers: {spk['person']} person, {spk['organisation']} organisation, "
        f"{spk['anonymous']} anonymous, {len(quotes) - sum(spk.values())} unattributed), {roles} distinct "
        "(person, title) roles"
    )


def section(title: str, docs: Sequence[Doc], s: Scores) -> list[str]:
    lines = [f"## {title}", "", _counts(docs) + ".", "", "| quotes | gold | P | R | F1 |", "|---|---:|---:|---:|---:|"]
    lines += [s.quotes[label].row(label) for label, _, _ in QUOTE_ROWS if s.quotes[label].tp + s.quotes[label].fn]
    lines += [
        "",
        "| speakers and titles | right / scored |",
        "|---|---|",
        f"| named person, matched quotes | {s.speaker_person.cell()} |",
        f"| named person, every gold quote (a missed quote counts wrong) | {s.speaker_person_all.cell()} |",
        f"| named person, matched quotes in headings | {s.speaker_person_headline.cell()} |",
        f"| organisation, matched quotes | {s.speaker_org.cell()} |",
        f"| anonymous or unattributed, matched quotes: no speaker given | {s.speaker_none.cell()} |",
        f"| speaker's title, matched named-person quotes with a gold title | {s.speaker_title.cell()} |",
    ]
    for attr, ratio in s.later.items():
        lines.append(f"| quote `{attr}` | {ratio.cell() if ratio else 'not produced yet'} |")
    lines += [
        "",
        "| roles (distinct per document) | gold | P | R | F1 |",
        "|---|---:|---:|---:|---:|",
        s.roles_pt.row("(person, title)"),
        s.roles_pta.row("(person, title, affiliation)"),
        s.roles_pt_apposition.row("(person, title), gold written next to the name only"),
        "",
    ]
    return lines


def report(real: tuple[list[Doc], Scores] | str, project: tuple[list[Doc], Scores], ner: bool) -> str:
    analysis = "`Analyzer(ner=True)`" if ner else "the shipped `analyze_many` (default analyzer)"
    lines = [
        "# Who said what: quotes, speakers and roles",
        "",
        f"Generated by `python -m bench.quotes_real`; {analysis}. Quotes match by overlapping span, one-to-one; a "
        "speaker is right when it is the gold's fullest name (spaces ignored); roles are the distinct "
        "(person, title[, affiliation]) of each document. The module's docstring has the exact rules, "
        "`data/gold/ko_real/README.md` the annotation conventions.",
        "",
    ]
    if isinstance(real, str):
        lines += ["## Real news (`../shared/corpus/ko_real`)", "", f"_skipped: {real}_", ""]
    else:
        lines += section("Real news (`../shared/corpus/ko_real`, gold `data/gold/ko_real/quotes.jsonl`)", *real)
    title = "The project's gold (`data/gold/entities.jsonl`, dev and held-out)"
    lines += section(title, *project)
    if ner:
        lines += ["The shipped tagger was trained on the project gold's dev documents.", ""]
    return "\n".join(lines)


SECTION_BEGIN = "<!-- bench.quotes_real summary: begin -->"
SECTION_END = "<!-- bench.quotes_real summary: end -->"


def _prf_cell(prf: PRF) -> str:
    return f"{prf.p:.3f} / {prf.r:.3f} / {prf.f:.3f} ({prf.tp + prf.fn})" if prf.tp + prf.fn else "—"


def summary_section(real: tuple[list[Doc], Scores] | str, project: tuple[list[Doc], Scores]) -> list[str]:
    """The summary for docs/benchmarks-entities.md: quote P/R/F1, speaker accuracy and role F1 on the real-news
    gold and the project's gold, between markers (``splice`` replaces it)."""
    cols: list[tuple[str, Scores | None]] = []
    if isinstance(real, str):
        real_head = f"real news: skipped ({real})"
        cols.append((real_head, None))
    else:
        cols.append((f"real news, `ko_real` ({len(real[0])} documents)", real[1]))
    cols.append((f"project gold, `entities.jsonl` ({len(project[0])} documents)", project[1]))
    rows: list[tuple[str, Callable[[Scores], str]]] = [
        ("quotes, all: P / R / F1 (gold)", lambda s: _prf_cell(s.quotes["all quotes"])),
        ("quotes in the body, direct", lambda s: _prf_cell(s.quotes["body, direct"])),
        ("quotes in the body, indirect (`kind` indirect)", lambda s: _prf_cell(s.quotes["body, indirect"])),
        ("quotes in headings", lambda s: _prf_cell(s.quotes["headings (subtitles, crossheads)"])),
        ("speaker accuracy, named person (matched quotes)", lambda s: s.speaker_person.cell()),
        ("speaker accuracy, named person (every gold quote)", lambda s: s.speaker_person_all.cell()),
        ("speaker accuracy, named person in headings", lambda s: s.speaker_person_headline.cell()),
        ("speaker accuracy, organisation", lambda s: s.speaker_org.cell()),
        ("anonymous or unattributed: no speaker given", lambda s: s.speaker_none.cell()),
        ("speaker's title (named person)", lambda s: s.speaker_title.cell()),
        ("roles (person, title): P / R / F1 (gold)", lambda s: _prf_cell(s.roles_pt)),
        ("roles (person, title, affiliation)", lambda s: _prf_cell(s.roles_pta)),
    ]
    lines = [
        SECTION_BEGIN,
        "## Who said what: quotes, speakers and roles",
        "",
        "Generated by `python -m bench.quotes_real` (also written here by `python -m bench.entities`); the shipped "
        "analysis. Quotes match by overlapping span, one-to-one; a speaker is right when it is the gold's fullest "
        "name; roles are the distinct (person, title[, affiliation]) of each document. All tables, the rules and "
        "the real-news gold's conventions: [benchmarks-quotes.md](benchmarks-quotes.md), "
        "`data/gold/ko_real/README.md`.",
        "",
        "| measure | " + " | ".join(c for c, _ in cols) + " |",
        "|---|" + "---:|" * len(cols),
    ]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(sc) if sc is not None else "—" for _, sc in cols) + " |")
    lines += ["", SECTION_END]
    return lines


def splice(doc: str, section: Sequence[str]) -> str:
    """``doc`` with its marked summary section replaced by ``section`` (inserted before the first `## ` heading
    when it has none)."""
    block = "\n".join(section)
    if SECTION_BEGIN in doc and SECTION_END in doc:
        head, rest = doc.split(SECTION_BEGIN, 1)
        tail = rest.split(SECTION_END, 1)[1]
        return head + block + tail
    k = doc.find("\n## ")
    if k < 0:
        return doc.rstrip("\n") + "\n\n" + block + "\n"
    return doc[: k + 1] + block + "\n\n" + doc[k + 1 :]


def score_both(
    corpus: Path = CORPUS, ner: bool = False
) -> tuple[tuple[list[Doc], Scores] | str, tuple[list[Doc], Scores]]:
    """(real news scores or why they were skipped, the project gold's scores)."""
    real: tuple[list[Doc], Scores] | str
    if not corpus.is_dir():
        real = f"the real-news texts are not at {corpus} (the gold holds offsets only)"
    else:
        try:
            docs = load_real(corpus)
        except GoldTextChanged as err:
            real = str(err)
        else:
            real = (docs, evaluate(docs, _analyze([d.text for d in docs], ner)))
    pdocs = project_docs()
    return real, (pdocs, evaluate(pdocs, _analyze([d.text for d in pdocs], ner)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--entities-doc", type=Path, help="write the summary section into this file")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the ko_real texts (../shared/corpus/ko_real)")
    ap.add_argument("--errors", action="store_true", help="print each document's misses to stderr")
    ap.add_argument("--ner", action="store_true", help="with the learned tagger merged in")
    args = ap.parse_args(argv)

    real: tuple[list[Doc], Scores] | str
    if not args.corpus.is_dir():
        real = f"the real-news texts are not at {args.corpus} (the gold holds offsets only)"
        print(f"bench.quotes_real: real-news part skipped — {real}.", file=sys.stderr)
    else:
        try:
            docs = load_real(args.corpus)
        except GoldTextChanged as err:
            print(f"bench.quotes_real: {err}", file=sys.stderr)
            return 1
        real = (docs, evaluate(docs, _analyze([d.text for d in docs], args.ner)))
    pdocs = project_docs()
    project = (pdocs, evaluate(pdocs, _analyze([d.text for d in pdocs], args.ner)))
    if args.errors and not isinstance(real, str):
        for doc_id, errs in real[1].errors.items():
            if errs:
                print(doc_id, *errs, sep="\n", file=sys.stderr)
    md = report(real, project, args.ner)
    if args.entities_doc:
        doc = args.entities_doc.read_text(encoding="utf-8") if args.entities_doc.exists() else ""
        args.entities_doc.write_text(splice(doc, summary_section(real, project)), encoding="utf-8")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(md + "\n", encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
