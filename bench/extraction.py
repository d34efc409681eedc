"""Extraction quality and speed: our extractor vs trafilatura on the public corpora in /work/shared/corpus.

    python -m bench.extraction [--corpus ../shared/corpus] [--limit N] [--repeat N] [--out docs/benchmarks-extraction.md]

For every set (`<set>/<page_id>/page.html.gz` + `expected.txt`): mean token F1 (multiset of whitespace tokens
after NFKC) and character-bigram F1 (whitespace removed) per set, and pages/s of each extractor in the same
run. Both extractors get the same decoding (our `decode_html`), which is timed as part of the call; each
is warmed up on one page first; single process; the extractors take turns page by page, so load from other
processes hits all of them alike. selectolax parse-alone pages/s (`LexborHTMLParser(bytes).body.text()`,
default options: parsing plus the page's text, the least any extractor does) is measured on the same pages in
the same run, and our speed is given as a ratio to it.

`ko_real` (real Korean news pages) is also scored per outlet (the page's publisher, else its site), and the
bundled sample (`data/sample`, articles against their truth) is measured the same way. A missing corpus or
set is skipped with the reason printed.
The corpus is read, never copied: nothing of it lands in the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import platform
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from news_assets.extract import NotAnArticle, decode_html, extract_article

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"


SAMPLE = REPO_ROOT / "data" / "sample"
PER_OUTLET_SETS = ("ko_real",)


@dataclass(slots=True)
class Page:
    page_id: str
    html: bytes
    expected: str
    outlet: str = ""


@dataclass(slots=True)
class Scores:
    token_f1: list[float]
    bigram_f1: list[float]
    seconds: float

    def mean(self, values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0


def _f1(pred: Counter, gold: Counter) -> float:
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    overlap = sum((pred & gold).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(pred.values())
    recall = overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def tokens(text: str) -> Counter:
    return Counter(unicodedata.normalize("NFKC", text).split())


def bigrams(text: str) -> Counter:
    chars = "".join(unicodedata.normalize("NFKC", text).split())
    return Counter(chars[i : i + 2] for i in range(len(chars) - 1))


def token_f1(pred: str, gold: str) -> float:
    return _f1(tokens(pred), tokens(gold))


def bigram_f1(pred: str, gold: str) -> float:
    return _f1(bigrams(pred), bigrams(gold))


def load_set(folder: Path, limit: int | None) -> list[Page]:
    pages = []
    for page_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        html_path, expected_path = page_dir / "page.html.gz", page_dir / "expected.txt"
        if not html_path.exists() or not expected_path.exists():
            continue
        pages.append(
            Page(
                page_dir.name,
                gzip.decompress(html_path.read_bytes()),
                expected_path.read_text("utf-8"),
                _outlet(page_dir),
            )
        )
        if limit and len(pages) >= limit:
            break
    return pages


def _outlet(page_dir: Path) -> str:
    """The page's outlet: the publisher its metadata names, else its site, else the case name's prefix."""
    meta_path = page_dir / "meta.json"
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
    if meta.get("publisher"):
        return str(meta["publisher"])
    host = urlsplit(meta.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    return page_dir.name.split("_")[0]


def load_sample(limit: int | None) -> list[Page]:
    """The bundled sample's article pages with their true bodies (data/sample/_truth)."""
    pages: list[Page] = []
    for truth in sorted((SAMPLE / "_truth").glob("*.jsonl")) if SAMPLE.is_dir() else []:
        for line in truth.read_text("utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if not row or row.get("kind") not in ("article", "duplicate_exact", "duplicate_near"):
                continue
            path = SAMPLE / truth.stem / row["file"]
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            pages.append(Page(f"{truth.stem}/{row['file']}", data, row["body"], row.get("outlet") or ""))
            if limit and len(pages) >= limit:
                return pages
    return pages


def ours(html: bytes) -> str:
    try:
        return extract_article(html).body
    except NotAnArticle:
        return ""


def trafilatura_extract(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(decode_html(html).text) or ""


def parse_alone(html: bytes) -> str:
    body = LexborHTMLParser(html).body
    return body.text() if body is not None else ""


def run(
    pages: list[Page], extractors: dict[str, Callable[[bytes], str]], repeat: int = 1
) -> dict[str, tuple[Scores, list[str]]]:
    """Each extractor on every page, interleaved page by page so that a busy machine slows all alike. With
    `repeat` > 1 every page is timed that many times per extractor and its fastest time counts (load from
    other processes on a shared machine only ever adds time), and each round turns the order of the
    extractors by one: the one that runs right after another on the same page finds the page (and shared
    code) in the CPU caches, the one after trafilatura finds them flushed."""
    for fn in extractors.values():
        fn(pages[0].html)  # warm-up: imports, regex compilation, caches
    outputs: dict[str, list[str]] = {name: [] for name in extractors}
    fastest = {name: [float("inf")] * len(pages) for name in extractors}
    names = list(extractors)
    for round_ in range(max(1, repeat)):
        turn = round_ % len(names)
        order = names[turn:] + names[:turn]
        for i, page in enumerate(pages):
            for name in order:
                fn = extractors[name]
                start = time.perf_counter()
                out = fn(page.html)
                fastest[name][i] = min(fastest[name][i], time.perf_counter() - start)
                if round_ == 0:
                    outputs[name].append(out)
    elapsed = {name: sum(times) for name, times in fastest.items()}
    results = {}
    for name in extractors:
        outs = outputs[name]
        if name == "parse":
            results[name] = (Scores([], [], elapsed[name]), outs)
            continue
        tok = [token_f1(o, p.expected) for o, p in zip(outs, pages, strict=True)]
        big = [bigram_f1(o, p.expected) for o, p in zip(outs, pages, strict=True)]
        results[name] = (Scores(tok, big, elapsed[name]), outs)
    return results


def _per_outlet(name: str, pages: list[Page], results: dict) -> list[str]:
    mine = results["ours"][0]
    theirs = results["trafilatura"][0] if "trafilatura" in results else None
    by_outlet: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        by_outlet.setdefault(page.outlet or name, []).append(i)
    out = []
    for outlet, idx in sorted(by_outlet.items()):

        def mean(values: list[float], idx: list[int] = idx) -> str:
            return f"{sum(values[i] for i in idx) / len(idx):.3f}" if values else "–"

        t_tok = mean(theirs.token_f1) if theirs else "–"
        t_big = mean(theirs.bigram_f1) if theirs else "–"
        out.append(f"| {outlet} | {len(idx)} | {mean(mine.token_f1)} | {t_tok} | {mean(mine.bigram_f1)} | {t_big} |")
        print(out[-1], flush=True)
    return out


def _comparable_title(title: str) -> str:
    """A title for comparison: NFKC, quote marks and spaces ignored (a recorded title may drop the page's quote
    marks around a heading quote)."""
    text = unicodedata.normalize("NFKC", title)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\"'“”‘’")


def metadata_rows(folder: Path) -> tuple[list[str], str]:
    """Per real page: decoded charset, title against the title its metadata records (where it records one),
    publication time (KST) and authors as extracted; and a summary line."""
    rows = ["| page | declared charset | decoded as | title | published (KST) | authors |", "|---|---|---|---|---|---|"]
    titled = titles_right = timed = authored = euc_kr = euc_kr_decoded = 0
    for page_dir in sorted(p for p in folder.iterdir() if (p / "page.html.gz").exists()):
        meta_path = page_dir / "meta.json"
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        try:
            article = extract_article(gzip.decompress((page_dir / "page.html.gz").read_bytes()), meta.get("url"))
        except NotAnArticle as rejected:
            rows.append(f"| {page_dir.name} | {meta.get('declared_charset')} | rejected: {rejected} | | | |")
            continue
        recorded = meta.get("title")
        if recorded:
            titled += 1
            right = _comparable_title(recorded) == _comparable_title(article.title)
            titles_right += right
            title_cell = "right" if right else f"**differs**: {article.title[:40]}"
        else:
            title_cell = f"(none recorded) {article.title[:40]}"
        if str(meta.get("bytes_are_euc_kr")) == "True":
            euc_kr += 1
            euc_kr_decoded += article.detected_charset.lower() in ("euc-kr", "cp949", "uhc", "windows-949")
        timed += article.published_at is not None
        authored += bool(article.authors)
        published = article.published_at.isoformat(timespec="minutes") if article.published_at else "–"
        rows.append(
            f"| {page_dir.name} | {meta.get('declared_charset')} | {article.detected_charset} | {title_cell} "
            f"| {published} | {', '.join(article.authors) or '–'} |"
        )
    pages = len(rows) - 2
    summary = (
        f"Titles match the recorded title on {titles_right} of {titled} pages that record one (quote marks and "
        f"spaces ignored); a publication time on {timed} of {pages}; authors on {authored} of {pages}; "
        f"{euc_kr_decoded} of {euc_kr} pages whose bytes are EUC-KR decoded as EUC-KR/CP949. Times and authors "
        "have no recorded truth here: the table shows them for a reader to check."
    )
    return rows, summary


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    parser.add_argument("--out", type=Path, default=None, help="also write the markdown report here")
    parser.add_argument("--sets", nargs="*", default=None, help="only these sets")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of ours per set")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura (quick iterations)")
    parser.add_argument("--no-sample", action="store_true", help="skip the bundled sample (data/sample)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="time every page N times, fastest counts (steadier on a busy machine)"
    )
    args = parser.parse_args(argv)

    corpus: Path = args.corpus
    if not corpus.is_dir():
        print(f"skipped: corpus not found at {corpus}")
        return 0
    sets = sorted(p.name for p in corpus.iterdir() if p.is_dir())
    if args.sets:
        sets = [s for s in sets if s in args.sets]
    if not sets:
        print(f"skipped: no page sets in {corpus}")
        return 0

    header = (
        "| set | pages | token F1 ours | token F1 trafilatura | bigram F1 ours | bigram F1 trafilatura "
        "| pages/s ours | pages/s trafilatura | speed ratio | parse-alone pages/s | ours / parse-alone |"
    )
    rows = [header, "|" + "---|" * 11]
    outlet_rows: list[str] = []
    skipped: list[str] = []
    if "ko_real" not in sets and (not args.sets or "ko_real" in args.sets):
        skipped.append(f"ko_real: not found at {corpus / 'ko_real'}")
    names = [*sets, "sample"] if not args.no_sample else sets
    for name in names:
        pages = load_sample(args.limit) if name == "sample" else load_set(corpus / name, args.limit)
        if not pages:
            skipped.append(f"{name}: no pages")
            continue
        extractors = {"ours": ours, "parse": parse_alone}
        if not args.no_trafilatura:
            extractors["trafilatura"] = trafilatura_extract
        results = run(pages, extractors, args.repeat)
        mine, outputs = results["ours"]
        parse = results["parse"][0]
        theirs = results["trafilatura"][0] if "trafilatura" in results else Scores([], [], 0.0)
        n = len(pages)
        ours_rate = n / mine.seconds if mine.seconds else 0.0
        their_rate = n / theirs.seconds if theirs.seconds else 0.0
        parse_rate = n / parse.seconds if parse.seconds else 0.0
        ratio = f"{ours_rate / their_rate:.1f}×" if their_rate else "–"
        t_tok = f"{theirs.mean(theirs.token_f1):.3f}" if theirs.token_f1 else "–"
        t_big = f"{theirs.mean(theirs.bigram_f1):.3f}" if theirs.bigram_f1 else "–"
        t_rate = f"{their_rate:.0f}" if their_rate else "–"
        rows.append(
            f"| {name} | {n} | {mine.mean(mine.token_f1):.3f} | {t_tok} | {mine.mean(mine.bigram_f1):.3f} "
            f"| {t_big} | {ours_rate:.0f} | {t_rate} | {ratio} | {parse_rate:.0f} "
            f"| {ours_rate / parse_rate:.0%} |"
        )
        if name in PER_OUTLET_SETS:
            outlet_rows.extend(_per_outlet(name, pages, results))
        if args.worst:
            ranked = sorted(zip(mine.token_f1, pages, outputs, strict=True), key=lambda x: x[0])
            for f1, page, out in ranked[: args.worst]:
                print(f"  {name}/{page.page_id}: token F1 {f1:.3f}, {len(out)} chars, expected {len(page.expected)}")
        print(rows[-1], flush=True)

    meta_rows: list[str] = []
    meta_summary = ""
    if "ko_real" in sets:
        meta_rows, meta_summary = metadata_rows(corpus / "ko_real")
        print(meta_summary, flush=True)

    stamp = dt.date.today().isoformat()
    versions = (
        f"python {platform.python_version()}, selectolax {_version('selectolax')}, "
        f"trafilatura {_version('trafilatura')}; {stamp}; single process on {platform.machine()}"
    )
    report = "\n".join(
        [
            "# Extraction benchmark",
            "",
            f"Corpus: `{corpus}` (public pages, measured only; nothing copied into the repository).",
            f"Versions: {versions}.",
            "",
            "Token F1: multiset of whitespace tokens after NFKC, per page, mean per set. Bigram F1: character "
            "bigrams with whitespace removed. Pages/s time the extraction call only (our `decode_html` "
            "included for both extractors), after one warm-up call"
            + (
                f"; every page timed {args.repeat} times, its fastest time counts (the extractors' order turns "
                "by one each round)"
                if args.repeat > 1
                else ""
            )
            + ". A page our extractor rejects counts as empty output.",
            "",
            *rows,
            "",
            "`ours / parse-alone`: our pages/s over selectolax's parse + `body.text()` pages/s on the same pages "
            "in the same run (1.0 would be extraction as cheap as reading the page's text). `sample` is the "
            "bundled generated corpus (articles only, against their truth).",
            "",
            *(
                [
                    "## Real Korean pages per outlet (ko_real)",
                    "",
                    "| outlet | pages | token F1 ours | token F1 trafilatura | bigram F1 ours "
                    "| bigram F1 trafilatura |",
                    "|---|---|---|---|---|---|",
                    *outlet_rows,
                    "",
                ]
                if outlet_rows
                else []
            ),
            *(
                [
                    "## Real Korean pages: charset, title, time and authors (ko_real)",
                    "",
                    meta_summary,
                    "",
                    *meta_rows,
                    "",
                ]
                if meta_rows
                else []
            ),
            *([f"Skipped: {'; '.join(skipped)}.", ""] if skipped else []),
        ]
    )
    print()
    print(report)
    if args.out:
        out = args.out if args.out.is_absolute() else Path.cwd() / args.out
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
