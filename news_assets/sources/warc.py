"""Web archives: the response records of WARC / WARC.gz files (as Common Crawl and news crawls publish them).

A record belongs to the KST day of its `WARC-Date`. `response` and `revisit` records with an http(s)
`WARC-Target-URI` are pages; request, metadata, warcinfo and resource records, and non-web URIs (`dns:` …), are
skipped. HTTP
status and Content-Type come from the record's HTTP headers. The payload is de-chunked and content-decoded with
fastwarc's stream readers; a body larger than `max_bytes` (raw or decoded) becomes `too_large` and is never held in
memory. Archives are streamed record by record, never loaded whole.

Revisit records (a crawler's note that it saw the same payload again, WARC 1.1 §6.7) carry no payload: each one
is a page of its own day, URL and offset whose bytes, HTTP status and Content-Type are those of the response
record it refers to, looked up in the whole archive set (every configured file, also those the day index skips):
by `WARC-Refers-To` (the record id), else by `WARC-Payload-Digest`, preferring the record with the
`WARC-Refers-To-Target-URI` (else the revisit's own URL) and `WARC-Refers-To-Date`. A revisit whose record is not
in the set is a page with `read_error="revisit_unresolved: …"`; one whose record is damaged or too large carries
that record's error. Only the revisits of the day asked for are resolved, with one extra pass over the set, and
the payloads are read one at a time from their offsets when the page is yielded.

Nothing is lost silently:

* a damaged record whose URL is known (truncated block, unparseable HTTP headers, bad content encoding, no
  `Content-Length`) yields a page with `read_error="corrupt_record: …"`;
* unreadable bytes between records (a bad gzip member, garbage, a header fastwarc rejects) are skipped by
  re-synchronising on the next gzip member (`.warc.gz`) or `WARC/1.` line (plain WARC); the span yields a
  `corrupt_record` page for each damaged record in it whose WARC header can still be read (under that record's URL
  and date), and one under `warc:<path>#<offset>` for bytes that do not even begin a record;
* a file that cannot be opened or holds no readable record yields one page `warc:<path>` with
  `read_error="unreadable_file: …"`.

A page whose date is unknown (an unparseable `WARC-Date`, an unsalvageable span) is reported on the day of the
nearest earlier dated record in the same file (archives are written in crawl order), or the next one when none
precedes it; in a file with no dated record at all, it is reported on every day asked for.

`location` is `<path>#<offset>`, the record's offset in the file (the gzip member's start for `.warc.gz`; records
sharing an offset, as in a whole-file gzip stream, get `#<offset>.<n>`). Outlet ids come from `outlets`, a map
from host to outlet id that also covers subdomains (`hanbit-economy.co.kr` matches `www.` and `m.`); an unmapped
host is its own outlet id. Only the configured files are read: nothing in an archive names a local path.

Day index: scanning every archive for every day is costly, so each file's KST days are remembered, keyed by path,
size and mtime (a changed file is rescanned). With `index_path` (in the sources config: `state_dir`, whose
`warc_index.json` it is) the index is a JSON file
(`{"version": 1, "files": {"<abs path>": {"size": …, "mtime_ns": …, "days": ["YYYY-MM-DD", …],
"undated": false}}}`), written atomically after each day's scan; without it, the index lives in memory for the
life of the source object. Files with undated problems or that could not be read are always rescanned.
"""

from __future__ import annotations

import glob
import io
import json
import os
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader, ZstdReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from news_assets.kst import KST, kst_day
from news_assets.sources.page import RawPage

DEFAULT_MAX_BYTES = 5_000_000
_GZIP_MAGIC = b"\x1f\x8b\x08"
_PLAIN_MARKER = b"\nWARC/1."
_SCAN_CHUNK = 1 << 20
# A salvaged span is searched for the record's own headers only; they sit in its first few KiB.
_SALVAGE_BYTES = 64 << 10
# Only complete header lines count: a URL cut short by the damage would name the wrong page.
_URI = re.compile(rb"^WARC-Target-URI:[ \t]*<?([^\s>]+)>?[ \t]*(?=\r?\n)", re.IGNORECASE | re.MULTILINE)
_DATE = re.compile(rb"^WARC-Date:[ \t]*(\S+)[ \t]*(?=\r?\n)", re.IGNORECASE | re.MULTILINE)
_TYPE = re.compile(rb"^WARC-Type:[ \t]*(\S+)[ \t]*(?=\r?\n)", re.IGNORECASE | re.MULTILINE)
_INDEX_VERSION = 1


def outlet_for(url: str, outlets: Mapping[str, str]) -> str:
    """The outlet id of the URL's host or of its nearest parent domain in `outlets`; else the host itself."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    for n in range(len(labels) - 1):
        outlet = outlets.get(".".join(labels[n:]))
        if outlet:
            return outlet
    return host or "unknown"


@dataclass(frozen=True, slots=True)
class _Found:
    """One thing a file scan found: a page (maybe damaged) or an unreadable span."""

    offset: int
    url: str | None
    when: datetime | None
    html: bytes | None = None
    http_status: int | None = None
    content_type: str | None = None
    error: str | None = None
    refers: _Refers | None = None


@dataclass(frozen=True, slots=True)
class _Refers:
    """What a revisit record refers to."""

    record_id: str | None
    target_uri: str | None
    date: str | None
    digest: str | None

    def describe(self) -> str:
        parts = [self.record_id or "no WARC-Refers-To"]
        if self.target_uri:
            parts.append(self.target_uri + (f" at {self.date}" if self.date else ""))
        if self.digest:
            parts.append(f"payload {self.digest}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class _Target:
    """A response record a revisit may refer to: where it is, and what identifies it."""

    path: Path
    offset: int
    record_id: str
    uri: str
    date: str


class _Unreadable(Exception):
    """The file as a whole cannot be read."""


class _BrokenStream(Exception):
    """A record's body could not be read; fastwarc's iterator cannot continue past it."""


class WarcSource:
    """Response records of the configured archives (glob patterns, absolute or relative to the working dir)."""

    def __init__(
        self,
        paths: list[str] | tuple[str, ...],
        outlets: Mapping[str, str] | None = None,
        *,
        name: str = "warc",
        max_bytes: int = DEFAULT_MAX_BYTES,
        index_path: Path | None = None,
    ) -> None:
        self.name = name
        self.paths = tuple(paths)
        self.outlets = {host.lower(): outlet for host, outlet in (outlets or {}).items()}
        self.max_bytes = max_bytes
        self.index = DayIndex(index_path)

    def files(self) -> list[Path]:
        """Configured files; a literal path that does not exist is kept so that its absence is reported."""
        found: dict[Path, None] = {}
        for pattern in self.paths:
            if glob.has_magic(pattern):
                for match in sorted(glob.glob(pattern, recursive=True)):
                    if os.path.isfile(match):
                        found[Path(match).resolve()] = None
            else:
                found[Path(pattern).resolve()] = None
        return list(found)

    def pages(self, day: date) -> Iterator[RawPage]:
        revisits: list[tuple[_Found, str]] = []
        files = self.files()
        for path in files:
            yield from self._file_pages(path, day, revisits)
        self.index.save()
        if revisits:
            yield from self._resolve(revisits, files, day)

    def _resolve(self, revisits: list[tuple[_Found, str]], files: list[Path], day: date) -> Iterator[RawPage]:
        wanted = [found.refers for found, _ in revisits if found.refers is not None]
        ids = {r.record_id for r in wanted if r.record_id}
        digests = {r.digest for r in wanted if r.digest}
        by_id, by_digest = _find_targets(files, ids, digests)
        for found, location in revisits:
            refers = found.refers
            assert refers is not None
            target = _choose(refers, found.url, by_id, by_digest)
            if target is None:
                page = replace(
                    found, refers=None, error=f"revisit_unresolved: {refers.describe()} is not in the archives"
                )
                yield self._page(page, day, location)
                continue
            original = _record_at(target, self.max_bytes)
            where = f"{target.path}#{target.offset}"
            if original is None:
                gone = f"revisit_unresolved: {refers.describe()} at {where} can no longer be read"
                yield self._page(replace(found, refers=None, error=gone), day, location)
                continue
            error = f"{original.error} (the record at {where} this revisit refers to)" if original.error else None
            page = replace(
                found,
                refers=None,
                html=original.html,
                http_status=original.http_status,
                content_type=original.content_type,
                error=error,
            )
            yield self._page(page, day, location)

    def _file_pages(self, path: Path, day: date, revisits: list[tuple[_Found, str]]) -> Iterator[RawPage]:
        try:
            stat = path.stat()
        except OSError as exc:
            yield self._file_error(path, day, exc.strerror or str(exc))
            return
        if not self.index.may_hold(path, stat, day):
            return
        days: set[date] = set()
        pending: list[tuple[_Found, str]] = []
        last_day: date | None = None
        seen_offsets: dict[int, int] = {}
        try:
            for found in _scan(path, self.max_bytes):
                location = _location(path, found.offset, seen_offsets)
                if found.when is not None:
                    last_day = kst_day(found.when)
                    days.add(last_day)
                    for earlier, earlier_location in pending:
                        if last_day == day:
                            yield self._page(earlier, day, earlier_location)
                    pending.clear()
                if last_day is None:
                    pending.append((found, location))
                elif last_day == day:
                    if found.refers is not None:
                        revisits.append((found, location))  # resolved once every file has been read
                    else:
                        yield self._page(found, day, location)
        except _Unreadable as exc:
            yield self._file_error(path, day, str(exc))
            return
        undated = bool(pending)
        # No dated record anywhere in the file: its problems belong to no day in particular, so to every day.
        for found, location in pending:
            yield self._page(found, day, location)
        self.index.record(path, stat, days, undated)

    def _page(self, found: _Found, day: date, location: str) -> RawPage:
        url = found.url or f"warc:{location}"
        return RawPage(
            news_date=day,
            url=url,
            outlet=outlet_for(url, self.outlets) if found.url else "unknown",
            fetched_at=found.when or datetime(day.year, day.month, day.day, tzinfo=KST),
            source="warc",
            location=location,
            html=found.html,
            http_status=found.http_status,
            content_type=found.content_type,
            read_error=found.error,
        )

    def _file_error(self, path: Path, day: date, detail: str) -> RawPage:
        return RawPage(
            news_date=day,
            url=f"warc:{path}",
            outlet="unknown",
            fetched_at=datetime(day.year, day.month, day.day, tzinfo=KST),
            source="warc",
            location=str(path),
            html=None,
            read_error=f"unreadable_file: {path}: {detail}",
        )


def _location(path: Path, offset: int, seen: dict[int, int]) -> str:
    n = seen.get(offset, 0)
    seen[offset] = n + 1
    return f"{path}#{offset}" if n == 0 else f"{path}#{offset}.{n}"


class DayIndex:
    """Which KST days each archive file holds, keyed by (path, size, mtime); see the module docstring."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.files: dict[str, dict] = {}
        self._dirty = False
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == _INDEX_VERSION and isinstance(data.get("files"), dict):
                    self.files = data["files"]
            except (OSError, ValueError, AttributeError):
                # A damaged index only costs a rescan.
                self.files = {}

    def may_hold(self, path: Path, stat: os.stat_result, day: date) -> bool:
        entry = self.files.get(str(path))
        if not entry or entry.get("size") != stat.st_size or entry.get("mtime_ns") != stat.st_mtime_ns:
            return True
        return bool(entry.get("undated")) or day.isoformat() in entry.get("days", ())

    def record(self, path: Path, stat: os.stat_result, days: set[date], undated: bool) -> None:
        self.files[str(path)] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "days": sorted(d.isoformat() for d in days),
            "undated": undated,
        }
        self._dirty = True

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": _INDEX_VERSION, "files": self.files}, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)
        self._dirty = False


def _scan(path: Path, max_bytes: int) -> Iterator[_Found]:
    """Every response record of the file in order, re-synchronising past unreadable spans."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise _Unreadable(exc.strerror or str(exc)) from exc
    with handle:
        gzipped = handle.read(2) == _GZIP_MAGIC[:2]
        size = os.fstat(handle.fileno()).st_size
        marker = _GZIP_MAGIC if gzipped else _PLAIN_MARKER
        skip = 0 if gzipped else 1
        start = 0
        last: tuple[int, int] | None = None  # offset and WARC Content-Length of the last record read
        # The unreadable span being crossed: where it began, then every re-synchronisation point that failed too.
        bad: list[int] = []
        reason = ""
        readable = False
        while True:
            handle.seek(start)
            read_in_pass = False
            ended = False
            try:
                # Every record type, so that an unreadable span begins after the last record of any kind.
                records = ArchiveIterator(handle, record_types=WarcRecordType.any_type, auto_decode="none")
                for record in records:
                    offset = record.stream_pos
                    if bad:
                        yield from _salvage(handle, gzipped, bad, start, reason)
                        bad = []
                    read_in_pass = readable = True
                    last = (offset, _int(record.headers.get("Content-Length")))
                    if record.record_type == WarcRecordType.revisit:
                        revisit = _read_revisit(record, offset)
                        if revisit is not None:
                            yield revisit
                        continue
                    if record.record_type != WarcRecordType.response:
                        continue
                    found, broken = _read_record(record, offset, max_bytes)
                    if found is not None:
                        yield found
                    if broken:
                        # Reported under the record's URL; fastwarc cannot go on past it, so re-synchronise.
                        break
                else:
                    ended = True
            except OSError as exc:
                if read_in_pass and last:
                    end = _end_of(handle, gzipped, last)
                    bad = [end if end is not None else last[0] + 1]
                    reason = str(exc)
                else:
                    bad.append(start)
                    reason = reason or str(exc)
            if ended:
                if gzipped and not bad:
                    tail = _end_of(handle, gzipped, last) if last else 0
                    if tail is not None and tail < size and _has_data(handle, tail, size):
                        # fastwarc ends quietly on a truncated last gzip member; it is a lost record all the same.
                        bad, reason = [tail], "truncated gzip member at end of file"
                break
            following = _find(handle, marker, max(start, last[0] if last else 0, *bad) + 1)
            if following is None:
                break
            start = following + skip
        if bad:
            salvaged = _salvage(handle, gzipped, bad, size, reason)
            if not readable and bad[0] == 0 and all(found.url is None for found in salvaged):
                raise _Unreadable(f"no readable WARC record ({reason})")
            yield from salvaged


def _read_record(record: WarcRecord, offset: int, max_bytes: int) -> tuple[_Found | None, bool]:
    """The record as a page (None when it is no web page), and whether its body broke the stream."""
    url = (record.headers.get("WARC-Target-URI") or "").strip().strip("<>")
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None, False
    when = record.record_date
    try:
        return _page_of(record, offset, url, when, max_bytes), False
    except _BrokenStream as exc:
        return _Found(offset, url, when, error=f"corrupt_record: unreadable body: {exc}"), True


def _header(record: WarcRecord, name: str) -> str | None:
    value = record.headers.get(name)
    return value.strip().strip("<>").strip() or None if value else None


def _read_revisit(record: WarcRecord, offset: int) -> _Found | None:
    """A revisit record as a page waiting for its payload (None when it is no web page)."""
    url = _header(record, "WARC-Target-URI") or ""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    when = record.record_date
    refers = _Refers(
        _header(record, "WARC-Refers-To"),
        _header(record, "WARC-Refers-To-Target-URI"),
        _header(record, "WARC-Refers-To-Date"),
        _header(record, "WARC-Payload-Digest"),
    )
    if when is None:
        return _Found(
            offset, url, None, error=f"corrupt_record: unparseable WARC-Date {record.headers.get('WARC-Date')!r}"
        )
    if refers.record_id is None and refers.digest is None:
        return _Found(offset, url, when, error="revisit_unresolved: neither WARC-Refers-To nor WARC-Payload-Digest")
    return _Found(offset, url, when, refers=refers)


def _find_targets(
    files: list[Path], ids: set[str], digests: set[str]
) -> tuple[dict[str, _Target], dict[str, list[_Target]]]:
    """The response records of the archive set that the revisits' ids or payload digests name."""
    by_id: dict[str, _Target] = {}
    by_digest: dict[str, list[_Target]] = {}
    for path in files:
        try:
            with path.open("rb") as handle:
                records = ArchiveIterator(
                    handle, record_types=WarcRecordType.response, parse_http=False, auto_decode="none"
                )
                for record in records:
                    record_id = _header(record, "WARC-Record-ID") or ""
                    digest = _header(record, "WARC-Payload-Digest")
                    hit_id = record_id in ids
                    hit_digest = digest is not None and digest in digests
                    if not (hit_id or hit_digest):
                        continue
                    target = _Target(
                        path,
                        record.stream_pos,
                        record_id,
                        _header(record, "WARC-Target-URI") or "",
                        _header(record, "WARC-Date") or "",
                    )
                    if hit_id:
                        by_id.setdefault(record_id, target)
                    if hit_digest and digest is not None:
                        by_digest.setdefault(digest, []).append(target)
        except OSError:
            continue  # an unreadable file or span is reported by the day's scan; what it held cannot be a target
    return by_id, by_digest


def _choose(
    refers: _Refers, url: str | None, by_id: dict[str, _Target], by_digest: dict[str, list[_Target]]
) -> _Target | None:
    if refers.record_id and refers.record_id in by_id:
        return by_id[refers.record_id]
    candidates = by_digest.get(refers.digest or "", [])
    if not candidates:
        return None
    uri = refers.target_uri or url

    def closeness(target: _Target) -> tuple[bool, bool]:
        return target.uri == uri, refers.date is not None and target.date == refers.date

    return max(candidates, key=closeness)


def _record_at(target: _Target, max_bytes: int) -> _Found | None:
    """The page of the response record `target` names, read from its offset (None when it is not there)."""
    try:
        with target.path.open("rb") as handle:
            handle.seek(target.offset)
            records = ArchiveIterator(handle, record_types=WarcRecordType.response, auto_decode="none")
            for record in records:
                if (_header(record, "WARC-Record-ID") or "") != target.record_id:
                    continue  # records sharing one gzip stream share its offset: walk on to the one wanted
                found, _ = _read_record(record, target.offset, max_bytes)
                return found
    except OSError:
        return None
    return None


def _page_of(record: WarcRecord, offset: int, url: str, when: datetime | None, max_bytes: int) -> _Found:

    def damaged(detail: str, status: int | None = None, content_type: str | None = None) -> _Found:
        return _Found(offset, url, when, None, status, content_type, f"corrupt_record: {detail}")

    if when is None:
        return damaged(f"unparseable WARC-Date {record.headers.get('WARC-Date')!r}")
    if record.headers.get("Content-Length") is None:
        return damaged("WARC header without Content-Length (truncated header?)")
    status = record.http_headers.status_code if record.is_http_parsed else None
    if status is None:
        return damaged("unparseable HTTP headers")
    headers = record.http_headers
    content_type = headers.get("Content-Type")
    expected = record.content_length
    if expected > max_bytes:
        return _Found(offset, url, when, None, status, content_type, f"too_large: body of {expected} bytes")
    try:
        raw = _read_capped(record.reader, expected)
    except OSError as exc:
        raise _BrokenStream(str(exc)) from exc
    if len(raw) < expected:
        return damaged(f"truncated record: {len(raw)} of {expected} body bytes", status, content_type)
    try:
        body = _decode(raw, headers.get("Transfer-Encoding"), headers.get("Content-Encoding"), max_bytes)
    except _TooLarge:
        return _Found(offset, url, when, None, status, content_type, f"too_large: decoded body over {max_bytes}")
    except (OSError, ValueError) as exc:
        return damaged(f"undecodable body: {exc}", status, content_type)
    return _Found(offset, url, when, body, status, content_type)


class _TooLarge(Exception):
    pass


def _read_capped(reader, limit: int) -> bytes:
    first = reader.read(min(1 << 16, limit + 1))
    if len(first) == limit:
        return first  # the record's whole declared length in one read (most pages are under 64 KiB)
    parts: list[bytes] = [first]
    total = len(first)
    while total <= limit:
        chunk = reader.read(min(1 << 16, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def _decode(raw: bytes, transfer: str | None, encoding: str | None, max_bytes: int) -> bytes:
    body = raw
    if transfer and "chunked" in transfer.lower():
        body = _read_all(ChunkedReader(io.BytesIO(body)), max_bytes)
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
    # Encodings are listed in the order applied, so they are undone from the last.
    for coding in reversed(codings):
        if coding in ("identity", "none"):
            continue
        reader: GzipReader | BrotliReader | ZstdReader
        if coding in ("gzip", "x-gzip"):
            reader = GzipReader(io.BytesIO(body))
        elif coding == "deflate":
            reader = GzipReader(io.BytesIO(body), zlib=True)
        elif coding == "br":
            reader = BrotliReader(io.BytesIO(body))
        elif coding == "zstd":
            reader = ZstdReader(io.BytesIO(body))
        else:
            raise ValueError(f"unknown content-encoding {coding!r}")
        body = _read_all(reader, max_bytes)
    return body


def _read_all(reader, max_bytes: int) -> bytes:
    data = _read_capped(reader, max_bytes)
    if len(data) > max_bytes:
        raise _TooLarge
    return data


def _end_of(handle, gzipped: bool, last: tuple[int, int]) -> int | None:
    """Where the record read last ends (its gzip member, or its block in a plain WARC); None when unknown."""
    offset, content_length = last
    handle.seek(offset)
    if gzipped:
        inflater = zlib.decompressobj(31)
        consumed = 0
        try:
            while not inflater.eof:
                chunk = handle.read(1 << 16)
                if not chunk:
                    break
                inflater.decompress(chunk, 0)
                consumed += len(chunk)
        except zlib.error:
            # Not a member start: records inside one whole-file gzip stream have no boundary of their own.
            return None
        return offset + consumed - len(inflater.unused_data) if inflater.eof else None
    head = handle.read(_SALVAGE_BYTES)
    blank = head.find(b"\r\n\r\n")
    if blank < 0:
        return None
    return offset + blank + 4 + content_length + 4


def _has_data(handle, start: int, end: int) -> bool:
    handle.seek(start)
    remaining = end - start
    while remaining > 0:
        chunk = handle.read(min(_SCAN_CHUNK, remaining))
        if not chunk:
            return False
        if chunk.strip(b"\x00\r\n \t"):
            return True
        remaining -= len(chunk)
    return False


def _find(handle, marker: bytes, position: int) -> int | None:
    """Offset of the next `marker` at or after `position`, reading the file in chunks."""
    handle.seek(position)
    base = position
    carry = b""
    while True:
        chunk = handle.read(_SCAN_CHUNK)
        if not chunk:
            return None
        window = carry + chunk
        hit = window.find(marker)
        if hit >= 0:
            return base - len(carry) + hit
        carry = window[-(len(marker) - 1) :]
        base += len(chunk)


def _salvage(handle, gzipped: bool, starts: list[int], end: int, reason: str) -> list[_Found]:
    """Pages for an unreadable span: one per damaged record whose WARC header can still be read, and one for the
    span itself when it does not even begin with a record."""
    # Called while fastwarc is reading the same handle: its position must be left as found.
    position = handle.tell()
    found: list[_Found] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else end
        header = _header_at(handle, gzipped, start, stop)
        if header is not None:
            url, when = header
            found.append(_Found(start, url, when, error=f"corrupt_record: unreadable bytes {start}-{stop}: {reason}"))
    handle.seek(position)
    if not found or found[0].offset != starts[0]:
        stop = found[0].offset if found else end
        error = f"corrupt_record: unreadable bytes {starts[0]}-{stop}: {reason}"
        found.insert(0, _Found(starts[0], None, None, error=error))
    return found


def _header_at(handle, gzipped: bool, start: int, stop: int) -> tuple[str, datetime | None] | None:
    """URL and date of the response record whose WARC header begins at `start`, if it can be read."""
    handle.seek(start)
    data = handle.read(min(_SALVAGE_BYTES, max(stop - start, 0)))
    if gzipped:
        data = _inflate_prefix(data)
    data = data.lstrip(b"\r\n")
    if not data.startswith(b"WARC/1."):
        return None
    block = data.split(b"\r\n\r\n", 1)[0]
    kind = _TYPE.search(block)
    uri = _URI.search(block)
    if not uri or (kind and kind.group(1).lower() != b"response"):
        return None
    url = uri.group(1).decode("utf-8", "replace")
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    when = _DATE.search(block)
    return url, _parse_date(when.group(1).decode("ascii", "replace")) if when else None


def _inflate_prefix(data: bytes) -> bytes:
    """As much of a gzip member as inflates before the damage."""
    inflater = zlib.decompressobj(31)
    out = bytearray()
    for n in range(0, len(data), 256):
        piece = data[n : n + 256]
        before = inflater.copy()
        try:
            out += inflater.decompress(piece, _SALVAGE_BYTES)
        except zlib.error:
            # zlib gives nothing back from a call that hits the damage: redo the piece a byte at a time.
            inflater = before
            try:
                for k in range(len(piece)):
                    out += inflater.decompress(piece[k : k + 1])
            except zlib.error:
                pass
            break
        if inflater.eof:
            break
    return bytes(out)


def _parse_date(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _int(value: str | None) -> int:
    try:
        return int(value) if value else 0
    except ValueError:
        return 0
