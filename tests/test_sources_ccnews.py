"""The CC-NEWS scanner on WARC files the tests write, read from disk and over HTTP on loopback."""

import gzip
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpcore
import httpx
import pytest

from news_assets.sources import ccnews
from news_assets.sources.ccnews import CcNewsScanner, Checkpoint, ScanError, judge_language, read_listing
from news_assets.sources.http.addresses import SyncPinnedBackend
from tests.ccnews_warcs import CHINESE, ENGLISH, JAPANESE, KOREAN, html, mixed_records, write_members

DAY = date(2026, 11, 16)
OUTLETS = {"hanbit-economy.co.kr": "hanbit", "seoul-ilbo.kr": "seoul"}


class Files:
    def __init__(self, root: Path):
        self.root = root
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str | None]] = []
        # path -> bytes after which the first full download is cut off (the connection dropped)
        self.break_after: dict[str, int] = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        files: Files = self.server.files
        with files.lock:
            files.requests.append((self.path, self.headers.get("Range")))
        if self.path.startswith("/redirect-to-private/"):
            self.send_response(302)
            self.send_header("Location", f"http://10.0.0.9/{self.path.rsplit('/', 1)[1]}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path = files.root / self.path.lstrip("/")
        if not path.is_file():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = path.read_bytes()
        start = 0
        wanted = self.headers.get("Range")
        if wanted:
            start = int(wanted.removeprefix("bytes=").split("-", 1)[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        cut = files.break_after.pop(self.path, None) if not wanted else None
        if cut is not None:
            self.wfile.write(data[start:cut])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data[start:])


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):
        pass


@pytest.fixture
def served(tmp_path):
    files = Files(tmp_path)
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.files = files
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    files.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield files
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def scanner(**kwargs):
    values = dict(outlets=OUTLETS, max_bytes=100_000, allow_private=True, timeout_s=5.0, progress_every=3)
    values.update(kwargs)
    return CcNewsScanner(**values)


def mixed_file(tmp_path, name="mixed.warc.gz", copies=1):
    items = mixed_records() * copies
    path = write_members(tmp_path / name, [record for record, _ in items])
    return path, [expected for _, expected in items]


def outcome(page):
    return "kept" if page.read_error is None else f"rejected:{page.read_error.split(':', 1)[0]}"


def full_scan(source, file):
    items = list(source.scan(file))
    return [item.page for item in items if item.page is not None], items[-1].checkpoint


def test_every_record_is_kept_counted_or_rejected_and_the_counts_add_up(tmp_path):
    path, expected = mixed_file(tmp_path)
    pages, final = full_scan(scanner(), str(path))
    assert final.done and final.error is None
    counts = final.counts
    assert counts.adds_up and counts.records == len(expected)
    yielded = {p.url: outcome(p) for p in pages}
    for item in expected:
        if item is None:
            continue
        if item.outcome == "other":
            assert item.url not in yielded
        else:
            assert yielded[item.url] == item.outcome, item.url
    assert counts.kept == 4 and counts.other_language == 4
    assert counts.rejected == {"corrupt_record": 1, "not_html": 1, "revisit": 1, "too_large": 1}
    assert counts.not_page == {"metadata": 1, "request": 1, "response_non_web": 1, "warcinfo": 1}


def test_kept_pages_carry_bytes_day_outlet_and_location(tmp_path):
    path, _ = mixed_file(tmp_path)
    items = [item for item in scanner().scan(str(path)) if item.page is not None]
    by_url = {item.page.url: item for item in items}
    first = by_url["https://www.hanbit-economy.co.kr/news/1"]
    assert first.day == DAY and first.page.news_date == DAY and first.page.outlet == "hanbit"
    assert first.page.html.decode("utf-8").count("반도체") == 4 and first.page.http_status == 200
    assert first.page.source == "ccnews" and first.page.location.startswith(f"{path}#")
    late = by_url["https://m.seoul-ilbo.kr/a/9"]
    assert late.day == date(2026, 11, 17) and late.page.outlet == "seoul"
    assert "서울일보" in late.page.html.decode("cp949")
    assert "반도체" in by_url["https://www.hanbit-economy.co.kr/news/2"].page.html.decode()  # deflate undone
    assert by_url["https://www.hanbit-economy.co.kr/gone"].page.http_status == 404
    assert len({item.page.location for item in items}) == len(items)


def test_language_from_the_decoded_texts_hangul_share():
    assert judge_language(html("기사", KOREAN, 3).encode(), "text/html").korean
    assert judge_language(html("기사", KOREAN, 3, "euc-kr").encode("cp949"), "text/html; charset=euc-kr").korean
    # Undeclared EUC-KR is found by the extractor's decoding too.
    assert judge_language(f"<p>{KOREAN * 2}</p>".encode("cp949"), None).korean
    for text in (ENGLISH, JAPANESE, CHINESE):
        assert not judge_language(html("x", text, 3).encode(), "text/html").korean
    # A foreign page with a Korean language switcher is not Korean.
    switcher = html("News", JAPANESE, 5).replace("<nav>", "<nav>한국어 English").encode()
    assert not judge_language(switcher, "text/html").korean
    # Bytes that can start a Hangul syllable in UTF-8 (í, ê in Latin-1) send a page through the full decoding.
    latin1 = "<html><body><p>Según la organización, la economía crecerá.</p></body></html>".encode("latin-1")
    assert b"\xed" in latin1 and not judge_language(latin1, "text/html; charset=iso-8859-1").korean
    # EUC-KR Korean without any such byte is never valid UTF-8, so the UTF-8 shortcut cannot drop it.
    euc_kr = f"<p>{'가나다라' * 10}</p>".encode("cp949")
    assert not any(b in euc_kr for b in (b"\xea", b"\xeb", b"\xec", b"\xed"))
    assert judge_language(euc_kr, None).korean


def test_a_scan_over_http_killed_mid_file_resumes_without_loss_or_duplicates(tmp_path, served):
    path, _ = mixed_file(tmp_path, copies=5)
    url = f"{served.base}/{path.name}"
    whole, final = full_scan(scanner(), url)
    assert final.counts.adds_up and final.counts.kept == 20

    stored: list = []
    saved = None
    # Killed three times at different places: after the 3rd, the 11th and the 17th kept page.
    for stop_at in (3, 11, 17, None):
        checkpoint = Checkpoint.from_json(saved) if saved else None
        run = scanner().scan(url, checkpoint)
        for item in run:
            if item.page is not None:
                stored.append(item.page)
            saved = item.checkpoint.to_json()  # the caller stores the page, then the checkpoint
            if stop_at is not None and sum(p.read_error is None for p in stored) >= stop_at:
                run.close()  # the process dies here
                break
    resumed = Checkpoint.from_json(saved)
    assert resumed.done and resumed.counts == final.counts and resumed.counts.adds_up
    assert [p.location for p in stored] == [p.location for p in whole]
    assert [p.html for p in stored] == [p.html for p in whole]
    assert sum(1 for _, rng in served.requests if rng) == 3, "each resume asks for the rest of the file only"


def test_a_resumed_local_scan_and_a_plain_warc_resume_at_the_record(tmp_path):
    items = mixed_records() * 3
    plain = tmp_path / "plain.warc"
    plain.write_bytes(b"".join(record for record, _ in items))
    for file in (str(plain), str(mixed_file(tmp_path, copies=3)[0])):
        whole, final = full_scan(scanner(), file)
        first = scanner().scan(file)
        seen = []
        for item in first:
            if item.page is not None:
                seen.append(item.page.location)
            if len(seen) == 5:
                checkpoint = item.checkpoint
                first.close()
                break
        resumed = list(scanner().scan(file, checkpoint))
        seen += [item.page.location for item in resumed if item.page is not None]
        assert seen == [p.location for p in whole]
        assert resumed[-1].checkpoint.counts == final.counts


def test_a_download_that_breaks_is_resumed_with_a_range_request(tmp_path, served):
    path, _ = mixed_file(tmp_path, copies=3)
    served.break_after[f"/{path.name}"] = path.stat().st_size // 2
    pages, final = full_scan(scanner(), f"{served.base}/{path.name}")
    local, expected = full_scan(scanner(), str(path))
    assert final.done and final.error is None and final.counts == expected.counts
    assert [p.html for p in pages] == [p.html for p in local]
    assert [r for _, r in served.requests] == [None, f"bytes={path.stat().st_size // 2}-"]


def test_private_addresses_are_refused_unless_allowed(tmp_path, served):
    path, _ = mixed_file(tmp_path)
    with pytest.raises(ScanError, match=r"blocked_address: loopback address 127\.0\.0\.1"):
        list(scanner(allow_private=False).scan(f"{served.base}/{path.name}"))
    assert served.requests == []
    # A redirect to a private address is refused at the hop, even when the first host is allowed.
    from news_assets.sources.http import addresses

    real = addresses.forbidden
    try:
        addresses.forbidden = lambda a: None if str(a) == "127.0.0.1" else real(a)
        with pytest.raises(ScanError, match=r"blocked_address: private address 10\.0\.0\.9"):
            list(scanner(allow_private=False).scan(f"{served.base}/redirect-to-private/{path.name}"))
    finally:
        addresses.forbidden = real
    assert [p for p, _ in served.requests] == [f"/redirect-to-private/{path.name}"]


def test_downloads_connect_through_the_pinned_backend(tmp_path, served, monkeypatch):
    built = []

    class Recording(ccnews.SyncPinnedTransport):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(ccnews, "SyncPinnedTransport", Recording)
    path, _ = mixed_file(tmp_path)
    pages, final = full_scan(scanner(), f"{served.base}/{path.name}")
    assert pages and final.done and final.error is None
    (transport,) = built
    assert isinstance(transport.pool, httpcore.ConnectionPool) and transport.proxy is None
    assert isinstance(transport.backend, SyncPinnedBackend) and transport.backend.allow_private
    assert transport.backend.connected == [("127.0.0.1", "127.0.0.1")]


def test_the_blocking_transport_gives_httpx_errors():
    class Failing(httpcore.NetworkBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            raise httpcore.ConnectTimeout("from the backend")

    transport = ccnews.SyncPinnedTransport(SyncPinnedBackend(allow_private=True, inner=Failing()))
    with httpx.Client(transport=transport) as client, pytest.raises(httpx.ConnectTimeout, match="from the backend"):
        client.get("http://127.0.0.1:9/")


def test_missing_files_and_listings(tmp_path, served):
    with pytest.raises(ScanError, match="unreadable_file"):
        list(scanner().scan(str(tmp_path / "nope.warc.gz")))
    with pytest.raises(ScanError, match=r"http_error: .* 404"):
        list(scanner().scan(f"{served.base}/nope.warc.gz"))
    names = ["crawl-data/CC-NEWS/2026/11/CC-NEWS-20261116000000-00001.warc.gz", "crawl-data/x-2.warc.gz"]
    (tmp_path / "warc.paths.gz").write_bytes(gzip.compress("\n".join(names).encode() + b"\n"))
    cache = tmp_path / "cache"
    listed = read_listing(f"{served.base}/warc.paths.gz", served.base, scanner=scanner(), cache_dir=cache)
    assert listed == [f"{served.base}/{name}" for name in names]
    again = read_listing(f"{served.base}/warc.paths.gz", served.base, scanner=scanner(), cache_dir=cache)
    assert again == listed and [p for p, _ in served.requests].count("/warc.paths.gz") == 1
    local = read_listing(str(tmp_path / "warc.paths.gz"), str(tmp_path), scanner=scanner())
    assert local == [str(tmp_path / name) for name in names]
