"""Dates as news pages write them (ISO 8601, RFC 2822, Korean visible stamps) → timezone-aware datetimes.

A time without an offset is Korean local time (Asia/Seoul). Anything that does not parse, or falls outside
a plausible range, becomes None: a bad date never fails an article.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from news_assets.kst import KST

_MIN_YEAR, _MAX_YEAR = 1990, 2100

# One pattern for every "year-month-day [time]" spelling news pages use; all quantifiers are bounded so a
# 20 MB page cannot make it backtrack. Groups: y, mo, d, ampm-before, h, mi, s, frac, ampm-after, tz.
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s{0,2}(?:[-./]|년)\s{0,2}(?P<mo>\d{1,2})\s{0,2}(?:[-./]|월)\s{0,2}(?P<d>\d{1,2})"
    r"(?:\s{0,2}일)?\.?"
    r"(?:\s{0,2}\(?[월화수목금토일]\)?)?"
    r"(?:(?:\s{0,3}|T)"
    r"(?P<ap1>오전|오후|[AaPp]\.?[Mm]\.?)?\s{0,2}"
    r"(?P<h>\d{1,2})\s{0,2}(?::|시)\s{0,2}(?P<mi>\d{1,2})(?:\s{0,2}분)?"
    r"(?:\s{0,2}(?::\s{0,2}(?P<s>\d{1,2})(?P<frac>\.\d{1,9})?|(?P<s2>\d{1,2})\s{0,2}초))?"
    r"(?:\s{0,2}(?P<ap2>오전|오후|[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
    r"(?:\s{0,2}(?P<tz>Z|[+-]\d\d:?\d\d|KST|UTC|GMT)(?![A-Za-z]))?"
    r")?"
)
_COMPACT = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:(\d\d)(\d\d)(\d\d)?)?$")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")


_TZ_CACHE: dict[str, timezone | None] = {}


def _tz(token: str | None):
    if not token or token == "KST":
        return KST
    if token in ("Z", "UTC", "GMT"):
        return UTC
    # Building a `timezone` costs more than the rest of a date: the few offsets pages use are kept.
    known = _TZ_CACHE.get(token, False)
    if known is not False:
        return known
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    tz = None if hours > 14 or minutes > 59 else timezone(sign * timedelta(hours=hours, minutes=minutes))
    if len(_TZ_CACHE) < 256:
        _TZ_CACHE[token] = tz
    return tz


def _ampm(hour: int, marker: str | None) -> int | None:
    if not marker:
        return hour
    pm = marker == "오후" or marker[0] in "Pp"
    if hour > 12:
        return hour  # "오후 14:30" happens; the 24-hour clock wins
    if pm and hour < 12:
        return hour + 12
    if not pm and hour == 12:
        return 0
    return hour


def _plausible(dt: datetime) -> datetime | None:
    return dt if _MIN_YEAR <= dt.year <= _MAX_YEAR else None


def from_match(m: re.Match[str]) -> datetime | None:
    """A datetime from a `_DATE` match (also used by the visible-stamp search)."""
    try:
        year, month, day = int(m["y"]), int(m["mo"]), int(m["d"])
        hour = minute = second = micro = 0
        if m["h"] is not None:
            clock = _ampm(int(m["h"]), m["ap1"] or m["ap2"])
            if clock is None:
                return None
            hour = clock
            minute = int(m["mi"])
            sec = m["s"] or m["s2"]
            second = int(sec) if sec else 0
            if m["frac"]:
                micro = int((m["frac"][1:] + "000000")[:6])
        tz = _tz(m["tz"])
        if tz is None:
            return None
        return _plausible(datetime(year, month, day, hour, minute, min(second, 59), micro, tzinfo=tz))
    except (ValueError, OverflowError, TypeError):
        return None


def parse_date(value: object) -> datetime | None:
    """Parse one date value from metadata or page text; None when it is not a plausible date."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str):
        return None
    text = value.strip()[:200]
    if not text:
        return None
    compact = _COMPACT.match(text)
    if compact:
        y, mo, d, h, mi, s = compact.groups()
        try:
            return _plausible(datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=KST))
        except ValueError:
            return None
    if _EPOCH.match(text):
        try:
            seconds = int(text) / (1000 if len(text) == 13 else 1)
            return _plausible(datetime.fromtimestamp(seconds, tz=UTC))
        except (ValueError, OverflowError, OSError):
            return None
    m = _DATE.search(text)
    if m:
        return from_match(m)
    try:
        dt = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=KST)
    return _plausible(dt)


# A label that says what a visible stamp means, right before the stamp. The label and the date may sit in
# separate elements, so the gap allows a little punctuation and whitespace but no other words.
_STAMP_BEFORE = re.compile(
    r"(?P<label>최초\s?입력|기사\s?입력|입력|등록|승인|게재|발행|송고|작성|기사\s?수정|최종\s?수정|수정|업데이트|"
    r"Published|Updated|Posted)"
    r"(?:\s{0,2}(?:일시|일자|시간|일|시각))?\s{0,3}[:：|]?\s{0,3}[\[(]?\s{0,3}$"
)
# A year, as two searches with a literal prefix each (the regex engine then skips along the text with a fast
# substring search; `(?:19|20)` tests every position of a 100 KB page text). Two matches never overlap (four
# digits, then a separator), so merging both by position gives every year in order.
_YEAR_19 = re.compile(r"19\d\d\s{0,2}(?:[-./]|년)")
_YEAR_20 = re.compile(r"20\d\d\s{0,2}(?:[-./]|년)")


def _years(text: str, limit: int) -> Iterator[re.Match[str]]:
    return heapq.merge(_YEAR_19.finditer(text, 0, limit), _YEAR_20.finditer(text, 0, limit), key=re.Match.start)


_PUBLISHED_LABELS = ("입력", "등록", "승인", "게재", "발행", "송고", "작성", "Published", "Posted")


def visible_dates(text: str, limit: int = 200_000) -> tuple[datetime | None, datetime | None]:
    """(published, updated) from labelled stamps such as `입력 2024-01-19 14:45` or `수정 : 2024.01.19`.

    The scan looks for years (rare in page text) and only then for a label just before them, which is much
    cheaper than looking for labels. Only the first `limit` characters are searched: stamps sit at the top
    of an article, and the bound keeps huge pages cheap. Unlabelled dates (a stock ticker's `11.22 장종료`)
    are never taken.
    """
    published = updated = None
    for y in _years(text, limit):
        start = y.start()
        m = _STAMP_BEFORE.search(text, max(0, start - 24), start)
        if m is None:
            continue
        d = _DATE.match(text, start)
        if d is None:
            continue
        dt = from_match(d)
        if dt is None:
            continue
        label = m["label"].replace(" ", "")
        if any(label.endswith(p) for p in _PUBLISHED_LABELS):
            if published is None:
                published = dt
        elif updated is None:
            updated = dt
        if published is not None and updated is not None:
            break
    return published, updated
