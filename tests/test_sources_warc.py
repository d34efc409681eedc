import gzip
import json
import zlib
from datetime import UTC, date, datetime

import pytest

from news_assets.sources import warc as warc_module
from news_assets.sources.base import LandingSource, Source
from news_assets.sources.warc import WarcSource, outlet_for

DAY = date(2026, 11, 16)
NEXT_DAY = date(2026, 11, 17)
OUTLETS = {"www.hanbit-economy.co.kr": "hanbit", "seoul-ilbo.kr": "seoul"}
UTF8_BODY = "<html><body><p>한빛경제 기사 본문입니다.</p></body></html>".encode()
CP949_BODY = "<html><body><p>서울일보 다음날 기사</p></body></html>".encode("cp949")


def warc_record(kind, uri, when, block, content_type="application/http; msgtype=response"):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{abs(hash((kind, uri, when))):032x}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: {when}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http_response(body, content_type="text/html; charset=utf-8", status="200 OK", extra=""):
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}\r\n".encode() + body


def response(uri, when, body, **kwargs):
    return warc_record("response", uri, when, http_response(body, **kwargs))


def chunked(data, size=20):
    parts = [b"%x\r\n%s\r\n" % (len(data[n : n + size]), data[n : n + size]) for n in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def day_records():
    """Records for two KST days with the kinds of records that are not pages in between."""
    info = warc_record("warcinfo", "", "2026-11-16T00:00:00Z", b"software: test\r\n", "application/warc-fields")
    first = response("https://www.hanbit-economy.co.kr/news/1", "2026-11-16T01:00:00Z", UTF8_BODY)
    request = warc_record(
        "request",
        "https://www.hanbit-economy.co.kr/news/1",
        "2026-11-16T01:00:00Z",
        b"GET /news/1 HTTP/1.1\r\nHost: www.hanbit-economy.co.kr\r\n\r\n",
        "application/http; msgtype=request",
    )
    metadata = warc_record(
        "metadata", "https://www.hanbit-economy.co.kr/news/1", "2026-11-16T01:00:00Z", b"fetchTimeMs: 12\r\n"
    )
    # 20:00 UTC is 05:00 the next morning in Seoul.
    next_day = response(
        "https://m.seoul-ilbo.kr/a/9", "2026-11-16T20:00:00Z", CP949_BODY, content_type="text/html; charset=euc-kr"
    )
    encoded = warc_record(
        "response",
        "https://www.hanbit-economy.co.kr/news/2",
        "2026-11-16T03:00:00Z",
        http_response(
            chunked(gzip.compress(UTF8_BODY)), extra="Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"
        ),
    )
    missing = response("https://other.example/404", "2026-11-16T04:00:00Z", b"not here", status="404 Not Found")
    return info, first, request, metadata, next_day, encoded, missing


def write_plain(path, records):
    path.write_bytes(b"".join(records))
    return path


def write_gz(path, records):
    path.write_bytes(b"".join(r if r[:2] == b"\x1f\x8b" else gzip.compress(r) for r in records))
    return path


def by_url(pages):
    return {p.url: p for p in pages}


def check_good_pages(pages):
    good = by_url(pages)
    first = good["https://www.hanbit-economy.co.kr/news/1"]
    assert first.html == UTF8_BODY and first.read_error is None
    assert first.http_status == 200 and first.declared_charset == "utf-8"
    assert first.outlet == "hanbit" and first.source == "warc"
    assert first.fetched_at == datetime(2026, 11, 16, 1, tzinfo=UTC)
    assert first.news_date == DAY
    # De-chunked and gunzipped as the browser would have seen it.
    assert good["https://www.hanbit-economy.co.kr/news/2"].html == UTF8_BODY
    missing = good["https://other.example/404"]
    assert missing.http_status == 404 and missing.outlet == "other.example" and missing.html == b"not here"
    return good


@pytest.mark.parametrize("compressed", [False, True])
def test_records_split_by_kst_day_with_headers_and_bodies(tmp_path, compressed):
    records = day_records()
    path = (write_gz if compressed else write_plain)(tmp_path / ("a.warc.gz" if compressed else "a.warc"), records)
    source = WarcSource([str(path)], OUTLETS)
    pages = list(source.pages(DAY))
    check_good_pages(pages)
    assert len(pages) == 3, "warcinfo, request and metadata records are not pages"
    assert all(p.location.startswith(f"{path}#") for p in pages)
    assert len({p.location for p in pages}) == 3
    (later,) = source.pages(NEXT_DAY)
    assert later.url == "https://m.seoul-ilbo.kr/a/9" and later.news_date == NEXT_DAY
    assert (
        later.html == CP949_BODY
        and later.html.decode("cp949") == "<html><body><p>서울일보 다음날 기사</p></body></html>"
    )
    assert later.content_type == "text/html; charset=euc-kr" and later.declared_charset == "euc-kr"
    assert later.outlet == "seoul"
    assert list(source.pages(date(2026, 11, 18))) == []


def test_plain_archive_survives_bad_http_headers_and_garbage_between_records(tmp_path):
    info, first, request, metadata, next_day, encoded, missing = day_records()
    bad_http = warc_record("response", "https://www.hanbit-economy.co.kr/news/bad", "2026-11-16T02:00:00Z", b"\x00junk")
    huge_header = response(
        "https://www.hanbit-economy.co.kr/news/huge", "2026-11-16T02:30:00Z", b"x", extra="X: " + "a" * 40000 + "\r\n"
    )
    path = write_plain(
        tmp_path / "b.warc",
        [info, first, request, bad_http, b"GARBAGE\r\n\r\n", metadata, next_day, huge_header, encoded, missing],
    )
    pages = list(WarcSource([str(path)], OUTLETS).pages(DAY))
    good = check_good_pages(pages)
    bad = good["https://www.hanbit-economy.co.kr/news/bad"]
    assert bad.html is None and bad.read_error == "corrupt_record: unparseable HTTP headers"
    # fastwarc rejects the oversized header; the span is skipped and its URL salvaged from the raw bytes.
    huge = good["https://www.hanbit-economy.co.kr/news/huge"]
    assert huge.html is None and huge.read_error.startswith("corrupt_record: unreadable bytes")
    errors = [p for p in pages if p.read_error]
    assert {p.url for p in errors} >= {bad.url, huge.url}
    assert all(p.read_error.startswith("corrupt_record") for p in errors)


def test_gzip_archive_continues_after_a_bad_member_and_a_damaged_one(tmp_path):
    info, first, request, metadata, next_day, encoded, missing = day_records()
    damaged = bytearray(
        gzip.compress(response("https://www.hanbit-economy.co.kr/news/cut", "2026-11-16T02:00:00Z", UTF8_BODY * 50))
    )
    damaged[-100:] = b"\xff" * 100
    path = write_gz(
        tmp_path / "c.warc.gz",
        [
            info,
            first,
            request,
            b"\x1f\x8b\x08\x00not a gzip member at all",
            bytes(damaged),
            metadata,
            next_day,
            encoded,
            missing,
        ],
    )
    pages = list(WarcSource([str(path)], OUTLETS).pages(DAY))
    good = check_good_pages(pages)
    errors = [p for p in pages if p.read_error]
    assert errors and all(p.read_error.startswith("corrupt_record") and p.html is None for p in errors)
    # The damaged member still inflates far enough for its record's URL; the bogus member has none.
    assert "https://www.hanbit-economy.co.kr/news/cut" in good
    (bogus,) = [p for p in errors if p.url.startswith("warc:")]
    offset = path.read_bytes().index(b"not a gzip member") - 4
    assert bogus.url == f"warc:{path}#{offset}" and bogus.location == f"{path}#{offset}"
    assert bogus.read_error.startswith(f"corrupt_record: unreadable bytes {offset}-{offset + 28}: ")
    (later,) = WarcSource([str(path)], OUTLETS).pages(NEXT_DAY)
    assert later.html == CP949_BODY


def test_truncated_last_records_are_reported(tmp_path):
    first = day_records()[1]
    last = response("https://www.hanbit-economy.co.kr/news/last", "2026-11-16T05:00:00Z", UTF8_BODY * 20)
    plain = write_plain(tmp_path / "t.warc", [first, last[:-200]])
    cut = {p.url: p for p in WarcSource([str(plain)]).pages(DAY)}["https://www.hanbit-economy.co.kr/news/last"]
    assert cut.html is None and cut.read_error.startswith("corrupt_record: truncated record")
    member = gzip.compress(last)
    gz = write_gz(tmp_path / "t.warc.gz", [first, member[: len(member) // 2]])
    pages = list(WarcSource([str(gz)]).pages(DAY))
    assert [p.read_error is None for p in pages] == [True, False]
    assert pages[1].read_error.startswith("corrupt_record")


def test_whole_file_gzip_stream_is_read_without_false_errors(tmp_path):
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(b"".join(day_records())))
    pages = list(WarcSource([str(path)], OUTLETS).pages(DAY))
    check_good_pages(pages)
    assert len(pages) == 3 and not any(p.read_error for p in pages)
    assert len({p.page_id for p in pages}) == 3


def test_unreadable_and_missing_files_yield_one_page_each(tmp_path):
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"this is not a web archive\n" * 10)
    gz_garbage = tmp_path / "garbage.warc.gz"
    gz_garbage.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00\xff" * 100)
    missing = tmp_path / "missing.warc.gz"
    good = write_gz(tmp_path / "good.warc.gz", day_records())
    source = WarcSource([str(garbage), str(gz_garbage), str(missing), str(good)], OUTLETS)
    pages = list(source.pages(DAY))
    failed = [p for p in pages if p.read_error]
    assert [p.url for p in failed] == [f"warc:{garbage}", f"warc:{gz_garbage}", f"warc:{missing}"]
    assert all(p.read_error.startswith("unreadable_file: ") and p.news_date == DAY for p in failed)
    check_good_pages(pages)


def test_too_large_bodies_are_not_read(tmp_path):
    big = response("https://www.hanbit-economy.co.kr/news/big", "2026-11-16T06:00:00Z", b"x" * 5000)
    bomb = warc_record(
        "response",
        "https://www.hanbit-economy.co.kr/news/bomb",
        "2026-11-16T06:00:00Z",
        http_response(gzip.compress(b"y" * 100_000), extra="Content-Encoding: gzip\r\n"),
    )
    path = write_gz(tmp_path / "big.warc.gz", [big, bomb])
    pages = by_url(WarcSource([str(path)], max_bytes=1000).pages(DAY))
    assert pages["https://www.hanbit-economy.co.kr/news/big"].read_error.startswith("too_large")
    assert pages["https://www.hanbit-economy.co.kr/news/bomb"].read_error.startswith("too_large")
    assert all(p.html is None and p.http_status == 200 for p in pages.values())


def test_globs_and_day_index_skip_files_without_the_day(tmp_path, monkeypatch):
    write_gz(tmp_path / "x-1.warc.gz", day_records())
    write_plain(tmp_path / "x-2.warc", [response("https://seoul-ilbo.kr/b", "2026-11-16T20:30:00Z", CP949_BODY)])
    (tmp_path / "ignored.txt").write_text("not matched")
    index_path = tmp_path / "state" / "warc_index.json"
    scans = []
    real_scan = warc_module._scan
    monkeypatch.setattr(
        warc_module, "_scan", lambda path, max_bytes: scans.append(path.name) or real_scan(path, max_bytes)
    )

    source = WarcSource([str(tmp_path / "x-*.warc*")], OUTLETS, index_path=index_path)
    assert [p.name for p in source.files()] == ["x-1.warc.gz", "x-2.warc"]
    assert len(list(source.pages(DAY))) == 3
    assert scans == ["x-1.warc.gz", "x-2.warc"]
    index = json.loads(index_path.read_text())["files"]
    assert index[str(tmp_path / "x-1.warc.gz")]["days"] == ["2026-11-16", "2026-11-17"]
    assert index[str(tmp_path / "x-2.warc")]["days"] == ["2026-11-17"]

    # A new source object reads the persisted index: x-2 has nothing on the 16th, so it is not opened.
    scans.clear()
    assert len(list(WarcSource([str(tmp_path / "x-*.warc*")], OUTLETS, index_path=index_path).pages(DAY))) == 3
    assert scans == ["x-1.warc.gz"]
    scans.clear()
    assert list(source.pages(date(2026, 11, 20))) == [] and scans == []

    # A changed file is rescanned.
    write_plain(tmp_path / "x-2.warc", [response("https://seoul-ilbo.kr/c", "2026-11-20T01:00:00Z", CP949_BODY)])
    assert [p.url for p in source.pages(date(2026, 11, 20))] == ["https://seoul-ilbo.kr/c"]
    assert scans == ["x-2.warc"]


def test_undated_records_take_the_day_of_their_neighbours(tmp_path):
    undated = response("https://www.hanbit-economy.co.kr/news/undated", "yesterday", UTF8_BODY)
    later = response("https://www.hanbit-economy.co.kr/news/later", "2026-11-16T07:00:00Z", UTF8_BODY)
    path = write_plain(tmp_path / "u.warc", [undated, later])
    pages = by_url(WarcSource([str(path)]).pages(DAY))
    assert pages["https://www.hanbit-economy.co.kr/news/undated"].read_error.startswith(
        "corrupt_record: unparseable WARC-Date"
    )
    assert list(WarcSource([str(path)]).pages(NEXT_DAY)) == []
    only_undated = write_plain(tmp_path / "v.warc", [undated])
    # Nothing in the file says which day it is, so every day shows the problem.
    assert len(list(WarcSource([str(only_undated)]).pages(NEXT_DAY))) == 1


def test_outlet_ids_from_hosts_and_parent_domains():
    outlets = {"www.hanbit-economy.co.kr": "hanbit", "seoul-ilbo.kr": "seoul"}
    assert outlet_for("https://www.hanbit-economy.co.kr/a", outlets) == "hanbit"
    assert outlet_for("https://m.seoul-ilbo.kr/a", outlets) == "seoul"
    assert outlet_for("https://SEOUL-ILBO.KR:8443/a", outlets) == "seoul"
    assert outlet_for("https://hanbit-economy.co.kr/a", outlets) == "hanbit-economy.co.kr"
    assert outlet_for("https://kr/a", outlets) == "kr"


def test_sources_share_one_protocol(tmp_path):
    assert isinstance(WarcSource([]), Source)
    assert isinstance(LandingSource(tmp_path), Source)
    assert list(LandingSource(tmp_path).pages(DAY)) == []


def test_deflate_and_brotli_bodies_are_decoded(tmp_path):
    import brotli

    deflated = warc_record(
        "response",
        "https://a.example/deflate",
        "2026-11-16T06:00:00Z",
        http_response(zlib.compress(UTF8_BODY), extra="Content-Encoding: deflate\r\n"),
    )
    brotlied = warc_record(
        "response",
        "https://a.example/br",
        "2026-11-16T06:00:00Z",
        http_response(brotli.compress(UTF8_BODY), extra="Content-Encoding: br\r\n"),
    )
    broken = warc_record(
        "response",
        "https://a.example/broken",
        "2026-11-16T06:00:00Z",
        http_response(b"not gzip", extra="Content-Encoding: gzip\r\n"),
    )
    path = write_gz(tmp_path / "enc.warc.gz", [deflated, brotlied, broken, deflated])
    pages = list(WarcSource([str(path)]).pages(DAY))
    assert [p.html == UTF8_BODY for p in pages] == [True, True, False, True]
    assert pages[2].read_error.startswith("corrupt_record: undecodable body")


# Revisit records.


def record_with(kind, uri, when, block, **headers):
    extra = "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {when}\r\n{extra}"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def test_revisits_take_the_payload_they_refer_to_from_anywhere_in_the_archive_set(tmp_path):
    original_url = "https://www.hanbit-economy.co.kr/news/1"
    digest = "sha1:ORIGINALPAYLOADDIGEST"
    # The 15th in Seoul: the day index says this file has nothing on the 16th, yet it holds the payloads.
    earlier = write_gz(
        tmp_path / "a-earlier.warc.gz",
        [
            record_with(
                "response",
                original_url,
                "2026-11-15T01:00:00Z",
                http_response(UTF8_BODY),
                WARC_Record_ID="<urn:uuid:00000000-0000-0000-0000-000000000001>",
                WARC_Payload_Digest=digest,
            ),
            record_with(
                "response",
                "https://seoul-ilbo.kr/big",
                "2026-11-15T02:00:00Z",
                http_response(b"x" * 5000),
                WARC_Record_ID="<urn:uuid:00000000-0000-0000-0000-000000000002>",
                WARC_Payload_Digest="sha1:BIG",
            ),
        ],
    )
    not_modified = b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n'
    same_file_body = "<html><body><p>같은 파일 안의 원본</p></body></html>".encode()
    today = write_plain(
        tmp_path / "b-today.warc",
        [
            # server-not-modified, by record id
            record_with(
                "revisit",
                original_url,
                "2026-11-16T01:00:00Z",
                not_modified,
                WARC_Refers_To="<urn:uuid:00000000-0000-0000-0000-000000000001>",
                WARC_Profile="http://netpreserve.org/warc/1.1/revisit/server-not-modified",
            ),
            # identical-payload-digest, another URL, by digest only
            record_with(
                "revisit",
                "https://www.hanbit-economy.co.kr/news/1?ref=rss",
                "2026-11-16T02:00:00Z",
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                WARC_Payload_Digest=digest,
                WARC_Refers_To_Target_URI=original_url,
                WARC_Refers_To_Date="2026-11-15T01:00:00Z",
            ),
            record_with(
                "response",
                "https://seoul-ilbo.kr/same",
                "2026-11-16T02:30:00Z",
                http_response(same_file_body),
                WARC_Record_ID="<urn:uuid:00000000-0000-0000-0000-000000000003>",
            ),
            record_with(
                "revisit",
                "https://seoul-ilbo.kr/same-again",
                "2026-11-16T03:00:00Z",
                b"",
                WARC_Refers_To="<urn:uuid:00000000-0000-0000-0000-000000000003>",
            ),
            record_with(
                "revisit",
                "https://seoul-ilbo.kr/lost",
                "2026-11-16T04:00:00Z",
                b"",
                WARC_Refers_To="<urn:uuid:00000000-0000-0000-0000-00000000dead>",
                WARC_Refers_To_Target_URI="https://seoul-ilbo.kr/lost",
            ),
            record_with("revisit", "https://seoul-ilbo.kr/bare", "2026-11-16T05:00:00Z", b""),
            record_with(
                "revisit",
                "https://seoul-ilbo.kr/big",
                "2026-11-16T06:00:00Z",
                b"",
                WARC_Refers_To="<urn:uuid:00000000-0000-0000-0000-000000000002>",
            ),
        ],
    )
    source = WarcSource([str(tmp_path / "*.warc*")], OUTLETS, max_bytes=1000, index_path=tmp_path / "index.json")
    assert len(list(source.pages(date(2026, 11, 15)))) == 2  # the index now knows a-earlier holds only the 15th
    pages = by_url(source.pages(DAY))
    assert len(pages) == 7
    by_id = pages[original_url]
    assert by_id.html == UTF8_BODY and by_id.read_error is None
    assert by_id.http_status == 200 and by_id.declared_charset == "utf-8"
    assert by_id.fetched_at == datetime(2026, 11, 16, 1, tzinfo=UTC) and by_id.news_date == DAY
    assert by_id.location.startswith(f"{today}#") and by_id.outlet == "hanbit"
    by_digest = pages["https://www.hanbit-economy.co.kr/news/1?ref=rss"]
    assert by_digest.html == UTF8_BODY and by_digest.read_error is None
    assert pages["https://seoul-ilbo.kr/same-again"].html == same_file_body
    lost = pages["https://seoul-ilbo.kr/lost"]
    assert lost.html is None and lost.read_error.startswith(
        "revisit_unresolved: urn:uuid:00000000-0000-0000-0000-00000000dead, https://seoul-ilbo.kr/lost"
    )
    assert "is not in the archives" in lost.read_error
    assert pages["https://seoul-ilbo.kr/bare"].read_error.startswith("revisit_unresolved: neither")
    big = pages["https://seoul-ilbo.kr/big"]
    assert big.html is None and big.read_error.startswith("too_large") and f"{earlier}#" in big.read_error
