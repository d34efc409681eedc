"""CC-NEWS scan throughput: the streaming scanner against fastwarc iterating the same generated WARC.gz.

    python -m bench.ccnews --size-mb 300 --korean-share 0.03

Writes (once; reused while its size and seed match) a WARC.gz of news-shaped pages, one gzip member per record as
Common Crawl writes them: request + response pairs, `--korean-share` of the pages Korean (UTF-8 and EUC-KR), the
rest English, Spanish, Japanese and Chinese. Then times, on one core (CPU seconds of this process), best of
`--repeat`:

* fastwarc, iterating every record (headers parsed, bodies skipped) — the floor of any scan;
* fastwarc, iterating and reading every response body;
* `CcNewsScanner.scan` over the local file (counts, language, kept pages);
* optionally (`--http`) the scanner over HTTP from a loopback server (the server's CPU is not counted).

Prints a markdown table of MB/s (compressed file bytes per CPU second) and the ratio to fastwarc (`--out` also
writes it as a report; `make bench` runs it on a 1 GB file into docs/benchmarks-ccnews.md).
"""

from __future__ import annotations

import argparse
import gzip
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from bench.days import CACHE
from news_assets.sources.ccnews import CcNewsScanner
from tests.ccnews_warcs import corpus


def generate(path: Path, size_mb: int, korean_share: float, seed: int) -> Path:
    marker = path.with_suffix(".params")
    params = f"{size_mb} {korean_share} {seed}"
    if path.is_file() and marker.is_file() and marker.read_text() == params:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    target = size_mb * 1_000_000
    with tmp.open("wb") as out:
        # About 3.3 bytes of WARC per byte of gzip for these pages; stop at the compressed size asked for.
        for record in corpus(int(target * 3.3), korean_share, seed):
            out.write(gzip.compress(record, compresslevel=6))
            if out.tell() >= target:
                break
    os.replace(tmp, path)
    marker.write_text(params)
    return path


def cpu(run) -> tuple[float, float, object]:
    wall, used = time.perf_counter(), time.process_time()
    result = run()
    return time.process_time() - used, time.perf_counter() - wall, result


def fastwarc_iterate(path: Path) -> int:
    n = 0
    with path.open("rb") as handle:
        for _ in ArchiveIterator(handle, record_types=WarcRecordType.any_type):
            n += 1
    return n


def fastwarc_read(path: Path) -> int:
    n = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle, record_types=WarcRecordType.any_type):
            if record.record_type == WarcRecordType.response:
                record.reader.read()
            n += 1
    return n


def scan(file: str) -> tuple[int, int, bool]:
    scanner = CcNewsScanner(allow_private=True, progress_every=10_000)
    last = None
    try:
        for item in scanner.scan(file):
            last = item.checkpoint
    finally:
        scanner.close()
    assert last is not None and last.done
    return last.counts.records, last.counts.kept, last.counts.adds_up


def serve(folder: Path) -> tuple[subprocess.Popen, int]:
    """A static file server on loopback in a process of its own, so that its CPU is not counted with the scan's
    (a server thread in this process would be)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(f"the loopback file server did not start on port {port}") from None
            time.sleep(0.1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=300, help="compressed size of the generated WARC.gz")
    parser.add_argument("--korean-share", type=float, default=0.03)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--http", action="store_true", help="also scan over HTTP from a loopback server")
    parser.add_argument("--file", type=Path, default=None, help="where the WARC.gz goes (default bench/out/)")
    parser.add_argument("--out", type=Path, default=None, help="also write the markdown report here")
    args = parser.parse_args(argv)

    # Next to the generated days (NEWS_ASSETS_BENCH_DAYS moves both, as the smoke test does).
    path = args.file or CACHE.parent / f"ccnews-bench-{args.size_mb}mb.warc.gz"
    started = time.perf_counter()
    generate(path, args.size_mb, args.korean_share, args.seed)
    size = path.stat().st_size
    print(f"file: {path} ({size / 1e6:.0f} MB, ready in {time.perf_counter() - started:.0f} s)\n")

    runs = {
        "fastwarc: iterate records": lambda: fastwarc_iterate(path),
        "fastwarc: iterate + read bodies": lambda: fastwarc_read(path),
        "ccnews scanner (local file)": lambda: scan(str(path)),
    }
    server = None
    if args.http:
        server, port = serve(path.parent)
        url = f"http://127.0.0.1:{port}/{path.name}"
        runs["ccnews scanner (HTTP, loopback)"] = lambda: scan(url)
    results: dict[str, tuple[float, float, object]] = {}
    for name, run in runs.items():
        results[name] = min((cpu(run) for _ in range(args.repeat)), key=lambda r: r[0])
    if server is not None:
        server.terminate()
        server.wait(timeout=30)

    floor = results["fastwarc: iterate records"][0]
    reading = results["fastwarc: iterate + read bodies"][0]
    lines = [
        "| run | CPU s | wall s | MB/s per core | vs fastwarc iterate | vs fastwarc read | result |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, (used, wall, result) in results.items():
        rate = size / 1e6 / used
        lines.append(
            f"| {name} | {used:.2f} | {wall:.2f} | {rate:.0f} | {floor / used:.2f}× | {reading / used:.2f}× | {result} |"
        )
    note = "result: records for fastwarc; (records, kept Korean pages, counts add up) for the scanner."
    print("\n".join(lines))
    print(f"\n{note}")
    if args.out:
        report = [
            "# CC-NEWS scan throughput",
            "",
            f"`python -m bench.ccnews --size-mb {args.size_mb} --korean-share {args.korean_share} --repeat "
            f"{args.repeat}{' --http' if args.http else ''}`: a generated WARC.gz of {size / 1e6:.0f} MB "
            f"({args.korean_share:.0%} of the pages Korean, UTF-8 and EUC-KR; the rest English, Spanish, Japanese "
            "and Chinese), one gzip member per record as Common Crawl writes them. CPU seconds of this process, "
            f"best of {args.repeat}; MB/s are compressed file bytes per CPU second. The scanner decodes every "
            "response, decides its language from the Hangul share of the decoded text and keeps the Korean pages; "
            "fastwarc iterating the same file is the floor of any scan (the issue's goal: the scanner at ≥ 0.7× "
            "of it).",
            "",
            *lines,
            "",
            note,
            "",
        ]
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(report), encoding="utf-8")


if __name__ == "__main__":
    main()
