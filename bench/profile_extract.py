"""Profile `extract_article` over the corpus (or the bundled sample pages).

    python -m bench.profile_extract [--corpus ../shared/corpus] [--sets S ...] [--sample] [--repeat N]
                                    [--top 30] [--sort tottime|cumtime] [--no-profile] [--stages]

Prints the time split (CPU time, so other jobs on the machine disturb it less: parse alone with default
and with our options, vs the whole extraction) and a cProfile listing. `--stages` instead times the steps of
`extract_article` (timers around the functions the pipeline calls, each page run `--repeat` times and its
fastest run counted; nested steps, `_credit` inside `score_paragraphs`, `classify` inside `assemble`, are
listed indented and are part of their parent's time).
Only measures: nothing of the corpus is written anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gzip
import pstats
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from news_assets.extract import NotAnArticle, extract_article
from news_assets.extract.pipeline import _PARSE_OPTIONS

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"


def corpus_pages(corpus: Path, sets: list[str] | None) -> list[bytes]:
    pages = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        if sets and folder.name not in sets:
            continue
        for page in sorted(folder.glob("*/page.html.gz")):
            pages.append(gzip.decompress(page.read_bytes()))
    return pages


def sample_pages() -> list[bytes]:
    root = REPO_ROOT / "data" / "sample"
    return [p.read_bytes() for p in sorted(root.rglob("*.html"))] + [
        gzip.decompress(p.read_bytes()) for p in sorted(root.rglob("*.html.gz"))
    ]


def run(pages: list[bytes]) -> None:
    for html in pages:
        with contextlib.suppress(NotAnArticle):
            extract_article(html)


# (module, function, parent step or ""): the pipeline's steps, and the parts of them worth seeing apart.
_STAGES = (
    ("pipeline", "LexborHTMLParser", ""),
    ("pipeline", "collect", ""),
    ("pipeline", "read_metadata", ""),
    ("pipeline", "clean_title", ""),
    ("pipeline", "score_paragraphs", ""),
    ("container", "_credit", "score_paragraphs"),
    ("pipeline", "pick_containers", ""),
    ("pipeline", "extract_blocks", ""),
    ("pipeline", "assemble", ""),
    ("boilerplate", "classify", "assemble"),
    ("assemble", "byline_line_authors", "assemble"),
    ("pipeline", "script_article", ""),
    ("pipeline", "string_to_blocks", ""),
    ("pipeline", "_reject_non_article", ""),
    ("pipeline", "visible_dates", ""),
    ("pipeline", "_section_from_breadcrumb", ""),
    ("pipeline", "_header_bylines", ""),
    ("pipeline", "decode_html", ""),
    ("pipeline", "load_json_ld", ""),
    ("pipeline", "hidden_names", ""),
    ("pipeline", "parse_date", ""),
    ("nesting", "too_deep", ""),
    ("pipeline", "declared_charset", ""),
    ("pipeline", "needs_decoding", ""),
    ("pipeline", "_cut_short", ""),
    ("pipeline", "Article", ""),
)


def stage_times(pages: list[bytes], repeat: int) -> None:
    """Wall time per step of `extract_article`, per page, from the fastest of `repeat` runs of each page."""
    import importlib

    current: dict[str, float] = {}
    patched = []
    for module_name, name, _ in _STAGES:
        module = importlib.import_module(f"news_assets.extract.{module_name}")
        original = getattr(module, name)

        def timed(*args, _original=original, _name=name, **kwargs):
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                current[_name] = current.get(_name, 0.0) + time.perf_counter() - start

        setattr(module, name, timed)
        patched.append((module, name, original))
    try:
        totals: dict[str, float] = {}
        whole = 0.0
        for html in pages:
            runs = []
            for _ in range(max(1, repeat)):
                current.clear()
                start = time.perf_counter()
                with contextlib.suppress(NotAnArticle):
                    extract_article(html)
                runs.append((time.perf_counter() - start, dict(current)))
            elapsed, steps = min(runs, key=lambda run: run[0])
            whole += elapsed
            for name, seconds in steps.items():
                totals[name] = totals.get(name, 0.0) + seconds
    finally:
        for module, name, original in patched:
            setattr(module, name, original)
    n = len(pages)
    print(f"extract_article {whole / n * 1e6:.0f} µs per page (fastest of {repeat}, stage timers included)")
    outside = whole - sum(totals.get(name, 0.0) for _, name, parent in _STAGES if not parent)
    for _, name, parent in _STAGES:
        if name in totals:
            print(f"  {'  ' if parent else ''}{name:28s} {totals[name] / n * 1e6:7.1f} µs")
    print(f"  {'(the rest of the pipeline)':28s} {outside / n * 1e6:7.1f} µs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sets", nargs="*")
    parser.add_argument("--sample", action="store_true", help="the bundled sample pages instead of the corpus")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--stages", action="store_true", help="time the pipeline's steps instead of profiling")
    args = parser.parse_args(argv)
    pages = sample_pages() if args.sample else corpus_pages(args.corpus, args.sets)
    print(f"{len(pages)} pages, {sum(map(len, pages)) / 1e6:.1f} MB")
    run(pages[:1])
    if args.stages:
        stage_times(pages, args.repeat)
        return 0
    t_parse = t_default = t_ours = 0.0
    for _ in range(args.repeat):
        for html in pages:
            t0 = time.process_time()
            LexborHTMLParser(html)
            t1 = time.process_time()
            LexborHTMLParser(html, options=_PARSE_OPTIONS)
            t2 = time.process_time()
            with contextlib.suppress(NotAnArticle):
                extract_article(html)
            t3 = time.process_time()
            t_default += t1 - t0
            t_parse += t2 - t1
            t_ours += t3 - t2
    print(
        f"parse (default options) {t_default:.3f}s, parse (ours) {t_parse:.3f}s, extract {t_ours:.3f}s: "
        f"ratio vs default parse {t_default / t_ours:.0%}, non-parse work {t_ours - t_parse:.3f}s "
        f"({(t_ours - t_parse) / t_ours:.0%})"
    )
    if args.no_profile:
        return 0
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.repeat):
        run(pages)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
