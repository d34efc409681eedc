"""CC-NEWS (Common Crawl's news archive): a streaming scan of one WARC(.gz) file for Korean pages. Pure: no Dagster.

`CcNewsScanner.scan(file)` reads one WARC file from a local path or an http(s) URL, record by record: the bytes are
streamed (httpx, `Accept-Encoding: identity`) straight into fastwarc, 64 KiB at a time, so neither memory nor disk
ever holds the file; a record body is read up to `max_bytes` and dropped once judged. A download that breaks
mid-file is resumed with a `Range` request from the byte it stopped at (`retries` times).

Every record of the file is counted exactly once, in one of four places, so that per file
`records == kept + other_language + sum(rejected) + sum(not_page)`:

* `kept` — a response whose decoded text is Korean (below), yielded as a `RawPage` with its bytes;
* `other_language` — a readable HTML response in another language (or without text): counted, not yielded;
* `rejected[<code>]` — a response that cannot be judged, yielded as a `RawPage` with `html=None` and
  `read_error="<code>: …"`: `corrupt_record` (no usable WARC-Date, unparseable HTTP headers, truncated or
  unreadable body, bad content encoding), `too_large` (body over `max_bytes`), `not_html` (a Content-Type that is
  no HTML or XML), `undecodable` (the text decodes only as mojibake), `revisit` (a revisit record: its payload is
  elsewhere, which a streaming scan of one file does not look up);
* `not_page[<WARC-Type>]` — warcinfo, request, metadata … records, and responses for non-web URIs (`dns:`).

Language: the body is decoded the way the extractor decodes it (`news_assets.extract.decode.decode_html`, with the
charset of the HTTP Content-Type), and the page is Korean when Hangul syllables are at least `min_hangul_share` of
its non-ASCII characters and number at least `min_hangul`. A body of pure ASCII has no Hangul and is not decoded.
(Hangul written as numeric character references, `&#54620;`, is not counted; no language model is used.)

Days: a kept or rejected page belongs to the KST day of its `WARC-Date` (`RawPage.news_date`, and `Scanned.day`);
a record without a usable date gets the day of the last dated record before it, else `Scanned.day` is None.

Resuming: every item the scan yields carries a `Checkpoint` — the file, a record offset, how many records from
that offset are already counted, and the counts so far. The caller stores the checkpoint *after* it has stored the
item's page; `scan(file, checkpoint)` then continues with the next record (opening a local file at the offset, or
asking the server for `Range: bytes=<offset>-`), so that a crash between two items neither loses nor repeats a
record. Long stretches without a page still yield a progress item (`page=None`) every `progress_every` records, and
the last item of a file has `checkpoint.done` set. Offsets are those of the gzip members (`.warc.gz`, one member
per record as Common Crawl writes them) or of the records (plain WARC); in a file gzipped as a single stream every
record shares the offset 0 and resuming re-reads from the start, skipping the records already counted.

Addresses: downloads go through `SyncPinnedTransport` and its `SyncPinnedBackend` (see
`news_assets.sources.http.transport` and `.addresses`): each host's addresses, redirect hops' included, are
checked and connected to as checked, unless `allow_private`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from fastwarc.warc import ArchiveIterator, WarcRecordType

from news_assets.extract.decode import decode_html
from news_assets.kst import KST, kst_day
from news_assets.sources.charset import charset_from_content_type
from news_assets.sources.http.addresses import AddressRefused, SyncPinnedBackend
from news_assets.sources.http.transport import SyncPinnedTransport
from news_assets.sources.page import RawPage
from news_assets.sources.warc import DEFAULT_MAX_BYTES, _decode, _read_capped, _TooLarge, outlet_for

DEFAULT_BASE_URL = "https://data.commoncrawl.org/"
_CHUNK = 1 << 16
# Hangul syllables U+AC00–U+D7A3 in UTF-8: lead byte EB, EC or ED (all Hangul), or EA followed by B0–BF.
_HANGUL_LEADS = (b"\xeb", b"\xec", b"\xed")
_HANGUL_EA = re.compile(rb"\xea[\xb0-\xbf]")
_HTML_TYPES = ("html", "xml")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^\s;"']+)""", re.IGNORECASE)


class ScanError(Exception):
    """The file cannot be read at all (no such file, HTTP error, refused address); `str()` starts with a code."""


@dataclass(slots=True)
class Counts:
    """What one file's records became; see the module docstring for the invariant."""

    records: int = 0
    kept: int = 0
    other_language: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    not_page: dict[str, int] = field(default_factory=dict)

    @property
    def adds_up(self) -> bool:
        return self.records == self.kept + self.other_language + sum(self.rejected.values()) + sum(
            self.not_page.values()
        )

    def copy(self) -> Counts:
        return Counts(self.records, self.kept, self.other_language, dict(self.rejected), dict(self.not_page))

    def to_json(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "kept": self.kept,
            "other_language": self.other_language,
            "rejected": dict(sorted(self.rejected.items())),
            "not_page": dict(sorted(self.not_page.items())),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Counts:
        return cls(
            int(data["records"]),
            int(data["kept"]),
            int(data["other_language"]),
            {str(k): int(v) for k, v in data.get("rejected", {}).items()},
            {str(k): int(v) for k, v in data.get("not_page", {}).items()},
        )


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Where to go on in `file`: skip `skip` records from `offset`, with `counts` for everything before."""

    file: str
    offset: int = 0
    skip: int = 0
    counts: Counts = field(default_factory=Counts)
    done: bool = False
    # Why the file ended early (a stream that broke for good); its remaining records are not counted.
    error: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "file": self.file,
                "offset": self.offset,
                "skip": self.skip,
                "counts": self.counts.to_json(),
                "done": self.done,
                "error": self.error,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        data = json.loads(text)
        return cls(
            str(data["file"]),
            int(data["offset"]),
            int(data["skip"]),
            Counts.from_json(data["counts"]),
            bool(data["done"]),
            data.get("error"),
        )


@dataclass(frozen=True, slots=True)
class Scanned:
    """One step of a scan: a kept or rejected page (or None for progress), its KST day, and where to resume."""

    page: RawPage | None
    day: date | None
    checkpoint: Checkpoint


@dataclass(frozen=True, slots=True)
class Language:
    korean: bool
    hangul: int
    non_ascii: int


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type, as `charset_from_content_type` reads it, without its cost (an
    email.message parse per record was a third of the scan's own time)."""
    if not content_type or "charset" not in content_type.lower():
        return None
    found = _CHARSET.search(content_type)
    if found is None:
        return charset_from_content_type(content_type)
    return found.group(1).strip().strip("'\"").lower() or None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def judge_language(body: bytes, content_type: str | None, min_share: float = 0.5, min_hangul: int = 20) -> Language:
    """Korean or not, from the decoded text's share of Hangul among its non-ASCII characters."""
    if body.isascii():
        return Language(False, 0, 0)
    if not any(lead in body for lead in _HANGUL_LEADS) and b"\xea" not in body and _is_utf8(body):
        # Valid UTF-8 without a byte that can start a Hangul syllable: no charset can make it Korean (EUC-KR
        # Hangul is never valid UTF-8), so the other 97% of CC-NEWS skips the decoding and charset detection.
        return Language(False, 0, -1)
    decoded = decode_html(body, charset_of(content_type))
    utf8 = decoded.utf8 if decoded.utf8 is not None else decoded.text.encode("utf-8")
    if not any(lead in utf8 for lead in _HANGUL_LEADS) and b"\xea" not in utf8:
        return Language(False, 0, -1)  # no Hangul at all: the share is 0 whatever the rest
    hangul = sum(utf8.count(lead) for lead in _HANGUL_LEADS) + len(_HANGUL_EA.findall(utf8))
    text = decoded.text
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    korean = hangul >= min_hangul and hangul >= min_share * max(non_ascii, 1) and not decoded.mojibake
    return Language(korean, hangul, non_ascii)


class _HttpFile:
    """A read-only, forward-only file over an HTTP download, resumed with Range requests when the stream breaks."""

    def __init__(self, client: httpx.Client, url: str, start: int, retries: int) -> None:
        self.client = client
        self.url = url
        self.position = start  # of the next byte handed out
        self.retries = retries
        self._pending = b""
        self._response: httpx.Response | None = None
        self._chunks: Iterator[bytes] | None = None
        self._open(start)

    def _open(self, start: int) -> None:
        self.close()
        headers = {"Accept-Encoding": "identity"}
        if start:
            headers["Range"] = f"bytes={start}-"
        request = self.client.build_request("GET", self.url, headers=headers)
        try:
            response = self.client.send(request, stream=True)
        except AddressRefused as exc:
            raise ScanError(f"blocked_address: {exc}") from exc
        except httpx.HTTPError as exc:
            raise ScanError(f"network_error: {self.url}: {type(exc).__name__}: {exc}") from exc
        if response.status_code not in (200, 206) or (start and response.status_code != 206):
            response.close()
            what = "ignored the Range request" if response.status_code == 200 else f"{response.status_code}"
            raise ScanError(f"http_error: {self.url}: {what}")
        self._response = response
        self._chunks = response.iter_raw()  # as received: a break loses nothing already read

    def tell(self) -> int:
        return self.position

    def seekable(self) -> bool:
        return False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = _CHUNK
        if not self._pending:
            self._pending = self._next_chunk()
        if len(self._pending) <= size:
            out, self._pending = self._pending, b""  # the usual case: a received chunk handed on uncopied
        else:
            out, self._pending = self._pending[:size], self._pending[size:]
        self.position += len(out)
        return out

    def _next_chunk(self) -> bytes:
        failures = 0
        while True:
            assert self._chunks is not None
            try:
                return next(self._chunks, b"")
            except httpx.HTTPError as exc:
                failures += 1
                if failures > self.retries:
                    raise OSError(f"download broke at byte {self.position}: {exc}") from exc
                try:
                    self._open(self.position)
                except ScanError as again:
                    raise OSError(f"download broke at byte {self.position}: {again}") from again

    def close(self) -> None:
        if self._response is not None:
            self._response.close()
            self._response = None


class CcNewsScanner:
    """Scans CC-NEWS WARC files for Korean pages; see the module docstring."""

    def __init__(
        self,
        *,
        name: str = "ccnews",
        outlets: Mapping[str, str] | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        min_hangul_share: float = 0.5,
        min_hangul: int = 20,
        allow_private: bool = False,
        user_agent: str = "news-assets/0.1",
        timeout_s: float = 60.0,
        retries: int = 3,
        progress_every: int = 1000,
        client: httpx.Client | None = None,
    ) -> None:
        self.name = name
        self.outlets = {host.lower(): outlet for host, outlet in (outlets or {}).items()}
        self.max_bytes = max_bytes
        self.min_hangul_share = min_hangul_share
        self.min_hangul = min_hangul
        self.allow_private = allow_private
        self.user_agent = user_agent
        self.timeout_s = timeout_s
        self.retries = retries
        self.progress_every = progress_every
        self._client = client

    def client(self) -> httpx.Client:
        if self._client is None:
            transport = SyncPinnedTransport(SyncPinnedBackend(self.allow_private))
            self._client = httpx.Client(
                transport=transport,
                headers={"User-Agent": self.user_agent},
                timeout=httpx.Timeout(self.timeout_s),
                follow_redirects=True,
                max_redirects=5,
                trust_env=False,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _open(self, file: str, offset: int):
        if urlsplit(file).scheme.lower() in ("http", "https"):
            return _HttpFile(self.client(), file, offset, self.retries)
        try:
            handle = open(file, "rb")  # noqa: SIM115 - closed by the scan
        except OSError as exc:
            raise ScanError(f"unreadable_file: {file}: {exc.strerror or exc}") from exc
        handle.seek(offset)
        return handle

    def scan(self, file: str, checkpoint: Checkpoint | None = None) -> Iterator[Scanned]:
        """Kept and rejected pages of `file` with checkpoints; from `checkpoint` on when given (same file)."""
        if checkpoint is None:
            checkpoint = Checkpoint(file)
        if checkpoint.file != file:
            raise ValueError(f"checkpoint of {checkpoint.file!r} given for {file!r}")
        if checkpoint.done:
            yield Scanned(None, None, checkpoint)
            return
        counts = checkpoint.counts.copy()
        stream = self._open(file, checkpoint.offset)
        to_skip = checkpoint.skip
        offset, skip = checkpoint.offset, checkpoint.skip
        last_day: date | None = None
        since_yield = 0
        error: str | None = None
        try:
            records = ArchiveIterator(stream, record_types=WarcRecordType.any_type, auto_decode="none")
            try:
                for record in records:
                    position = record.stream_pos
                    if to_skip and position == checkpoint.offset:
                        to_skip -= 1  # counted before the checkpoint
                        continue
                    to_skip = 0
                    if position == offset:
                        skip += 1
                    else:
                        offset, skip = position, 1
                    counts.records += 1
                    page, when = self._judge(record, file, position, counts)
                    if when is not None:
                        last_day = kst_day(when)
                    since_yield += 1
                    if page is not None or since_yield >= self.progress_every:
                        since_yield = 0
                        day = last_day
                        if page is not None and day is not None and page.news_date != day:
                            page = replace(page, news_date=day, fetched_at=_midnight(day))
                        progress = Checkpoint(file, offset, skip, counts.copy())
                        yield Scanned(page, day if page is not None else None, progress)
            except OSError as exc:
                error = f"unreadable_stream: {exc}"
        finally:
            stream.close()
        yield Scanned(None, None, Checkpoint(file, offset, skip, counts.copy(), done=True, error=error))

    def _judge(self, record, file: str, offset: int, counts: Counts) -> tuple[RawPage | None, datetime | None]:
        kind = record.record_type
        if kind == WarcRecordType.revisit:
            url = _uri(record)
            if not _is_web(url):
                _add(counts.not_page, "revisit")
                return None, None
            when = record.record_date
            return self._reject(counts, file, offset, url, when, "revisit: payload elsewhere, not looked up"), when
        if kind != WarcRecordType.response:
            _add(counts.not_page, _type_name(kind))
            return None, None
        url = _uri(record)
        if not _is_web(url):
            _add(counts.not_page, "response_non_web")
            return None, None
        when = record.record_date
        if when is None:
            detail = f"corrupt_record: unparseable WARC-Date {record.headers.get('WARC-Date')!r}"
            return self._reject(counts, file, offset, url, None, detail), None
        status = record.http_headers.status_code if record.is_http_parsed else None
        if status is None:
            return self._reject(counts, file, offset, url, when, "corrupt_record: unparseable HTTP headers"), when
        headers = record.http_headers
        content_type = headers.get("Content-Type")
        expected = record.content_length
        if expected > self.max_bytes:
            detail = f"too_large: body of {expected} bytes"
            return self._reject(counts, file, offset, url, when, detail, status, content_type), when
        if content_type and not any(kind in content_type.lower() for kind in _HTML_TYPES):
            detail = f"not_html: Content-Type {content_type}"
            return self._reject(counts, file, offset, url, when, detail, status, content_type), when
        try:
            raw = _read_capped(record.reader, expected)
        except OSError as exc:
            detail = f"corrupt_record: unreadable body: {exc}"
            return self._reject(counts, file, offset, url, when, detail, status, content_type), when
        if len(raw) < expected:
            detail = f"corrupt_record: truncated record: {len(raw)} of {expected} body bytes"
            return self._reject(counts, file, offset, url, when, detail, status, content_type), when
        try:
            body = _decode(raw, headers.get("Transfer-Encoding"), headers.get("Content-Encoding"), self.max_bytes)
        except _TooLarge:
            detail = f"too_large: decoded body over {self.max_bytes}"
            return self._reject(counts, file, offset, url, when, detail, status, content_type), when
        except (OSError, ValueError) as exc:
            detail = f"corrupt_record: undecodable body: {exc}"
            return self._reject(counts, file, offset, url, when, detail, status, content_type), when
        language = judge_language(body, content_type, self.min_hangul_share, self.min_hangul)
        if not language.korean:
            charset = charset_of(content_type)
            if language.hangul >= self.min_hangul and decode_html(body, charset).mojibake:
                detail = "undecodable: the text decodes only as mojibake"
                return self._reject(counts, file, offset, url, when, detail, status, content_type), when
            counts.other_language += 1
            return None, when
        counts.kept += 1
        page = RawPage(
            news_date=kst_day(when),
            url=url,
            outlet=outlet_for(url, self.outlets),
            fetched_at=when,
            source=self.name,
            location=f"{file}#{offset}",
            html=body,
            http_status=status,
            content_type=content_type,
        )
        return page, when

    def _reject(
        self,
        counts: Counts,
        file: str,
        offset: int,
        url: str,
        when: datetime | None,
        error: str,
        status: int | None = None,
        content_type: str | None = None,
    ) -> RawPage:
        _add(counts.rejected, error.split(":", 1)[0])
        # A page without a date takes the scan's last day (set by `scan`); until then, and when there is none,
        # 1970-01-01 stands in and `Scanned.day` is None.
        day = kst_day(when) if when is not None else _NO_DAY
        return RawPage(
            news_date=day,
            url=url,
            outlet=outlet_for(url, self.outlets),
            fetched_at=when or _midnight(day),
            source=self.name,
            location=f"{file}#{offset}",
            html=None,
            http_status=status,
            content_type=content_type,
            read_error=error,
        )


_NO_DAY = date(1970, 1, 1)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=KST)


def _add(bucket: dict[str, int], key: str) -> None:
    bucket[key] = bucket.get(key, 0) + 1


def _uri(record) -> str:
    return (record.headers.get("WARC-Target-URI") or "").strip().strip("<>")


def _is_web(url: str) -> bool:
    return url[:8].lower().startswith(("http://", "https://"))


def _type_name(kind) -> str:
    return str(getattr(kind, "name", kind)).rsplit(".", 1)[-1]


# The listing: which files a CC-NEWS source scans.


def read_listing(
    listing: str, base_url: str, *, scanner: CcNewsScanner, cache_dir: Path | None = None, refresh: bool = False
) -> list[str]:
    """The files named by a `warc.paths(.gz)` listing (a local path or an http(s) URL), joined to `base_url`.

    A downloaded listing is kept in `cache_dir` (when given) under the SHA-256 of its URL and read from there next
    time, unless `refresh` (a month's listing grows while the month runs: the file sensor refreshes it); listings are
    small (a month of CC-NEWS is a few hundred lines), so it is read whole."""
    data = _listing_bytes(listing, scanner, cache_dir, refresh)
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise ScanError(f"bad_listing: {listing}: {exc}") from exc
    base = base_url if base_url.endswith("/") else base_url + "/"
    files = []
    for line in data.decode("utf-8", "replace").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if urlsplit(entry).scheme.lower() in ("http", "https"):
            files.append(entry)
        elif urlsplit(base).scheme.lower() in ("http", "https"):
            files.append(urljoin(base, entry.lstrip("/")))
        else:
            files.append(str(Path(base_url) / entry.lstrip("/")))
    return files


def _listing_bytes(listing: str, scanner: CcNewsScanner, cache_dir: Path | None, refresh: bool = False) -> bytes:
    if urlsplit(listing).scheme.lower() not in ("http", "https"):
        try:
            return Path(listing).read_bytes()
        except OSError as exc:
            raise ScanError(f"unreadable_file: {listing}: {exc.strerror or exc}") from exc
    cached = cache_dir / f"listing-{hashlib.sha256(listing.encode()).hexdigest()[:16]}" if cache_dir else None
    if cached is not None and cached.is_file() and not refresh:
        return cached.read_bytes()
    stream = _HttpFile(scanner.client(), listing, 0, scanner.retries)
    try:
        buffer = io.BytesIO()
        while chunk := stream.read(_CHUNK):
            buffer.write(chunk)
            if buffer.tell() > 64 << 20:
                raise ScanError(f"bad_listing: {listing} is over 64 MiB")
    except OSError as exc:
        raise ScanError(f"network_error: {listing}: {exc}") from exc
    finally:
        stream.close()
    data = buffer.getvalue()
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
    return data


@dataclass(frozen=True, slots=True)
class CcNewsSource:
    """A `kind: ccnews` entry of sources.yaml: which files to scan and how. Scanning is per file (see `scanner`
    and `files`), for the CC-NEWS scan assets; `pages(day)` yields nothing, since a day of CC-NEWS is spread over
    every file of the month and is read by those assets, not by the day's raw asset."""

    name: str
    listing: str
    base_url: str = DEFAULT_BASE_URL
    languages: tuple[str, ...] = ("ko",)
    cache_dir: Path | None = None
    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    outlets: Mapping[str, str] = field(default_factory=dict)
    user_agent: str = "news-assets/0.1"

    def scanner(self) -> CcNewsScanner:
        return CcNewsScanner(
            name=self.name,
            outlets=self.outlets,
            max_bytes=self.max_bytes,
            allow_private=self.allow_private,
            user_agent=self.user_agent,
        )

    def files(self, scanner: CcNewsScanner | None = None, *, refresh: bool = False) -> list[str]:
        owned = scanner is None
        scanner = scanner or self.scanner()
        try:
            return read_listing(self.listing, self.base_url, scanner=scanner, cache_dir=self.cache_dir, refresh=refresh)
        finally:
            if owned:
                scanner.close()

    def pages(self, day: date) -> Iterator[RawPage]:
        return iter(())
