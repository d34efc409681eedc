"""The landing folder: a crawler drops each KST day's pages into `<root>/<YYYY-MM-DD>/` with a manifest.

`manifest.csv` has a header row and the columns `file,url,outlet,fetched_at` (required) and `http_status,
content_type` (optional). `file` is relative to the day folder and may not leave it. A row whose file is
missing or unreadable still yields a page, with `read_error` set, so that it ends as a reject, not a gap.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from news_assets.kst import KST
from news_assets.sources.page import RawPage

MANIFEST = "manifest.csv"
REQUIRED_COLUMNS = ("file", "url", "outlet", "fetched_at")
_DAY_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ManifestError(ValueError):
    """The day's manifest cannot be read at all (absent header, missing columns)."""


def day_dir(root: Path, day: date) -> Path:
    return root / day.isoformat()


def landed_days(root: Path) -> list[date]:
    """Days that have a manifest in the landing folder, oldest first."""
    if not root.is_dir():
        return []
    days = [
        date.fromisoformat(p.name)
        for p in root.iterdir()
        if p.is_dir() and _DAY_DIR.match(p.name) and (p / MANIFEST).is_file()
    ]
    return sorted(days)


def day_fingerprint(root: Path, day: date) -> str | None:
    """Changes whenever the manifest or any file it lists changes; None when the day has no manifest."""
    folder = day_dir(root, day)
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return None
    digest = hashlib.sha1(manifest.read_bytes())
    for entry in sorted(folder.rglob("*")):
        if entry.is_file() and entry.name != MANIFEST:
            stat = entry.stat()
            digest.update(f"{entry.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def read_landing_day(root: Path, day: date) -> Iterator[RawPage]:
    """Yield every page the day's manifest lists, in manifest order."""
    folder = day_dir(root, day)
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return
    with manifest.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(f"{manifest}: missing columns {missing}")
        for line_no, row in enumerate(reader, start=2):
            yield _page_from_row(folder, day, row, line_no)


def _page_from_row(folder: Path, day: date, row: dict[str, str], line_no: int) -> RawPage:
    location = (row.get("file") or "").strip()
    fetched_at = _parse_fetched_at(row.get("fetched_at"), day)
    html, error = _read_file(folder, location)
    return RawPage(
        news_date=day,
        url=(row.get("url") or "").strip() or f"file:{location or f'manifest-line-{line_no}'}",
        outlet=(row.get("outlet") or "").strip() or "unknown",
        fetched_at=fetched_at,
        source="landing",
        location=location or f"manifest-line-{line_no}",
        html=html,
        http_status=_parse_int(row.get("http_status")),
        content_type=(row.get("content_type") or "").strip() or None,
        read_error=error,
    )


def _read_file(folder: Path, location: str) -> tuple[bytes | None, str | None]:
    if not location:
        return None, "missing_file: manifest row has no file"
    path = (folder / location).resolve()
    if not path.is_relative_to(folder.resolve()):
        return None, f"unsafe_path: {location} leaves the day folder"
    try:
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, f"missing_file: {location} does not exist"
    except OSError as exc:
        return None, f"unreadable_file: {location}: {exc.strerror or exc}"


def _parse_fetched_at(value: str | None, day: date) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value.strip())
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=KST)
        except ValueError:
            pass
    # Without a usable timestamp the page still belongs to its folder's day.
    return datetime(day.year, day.month, day.day, tzinfo=KST)


def _parse_int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None
