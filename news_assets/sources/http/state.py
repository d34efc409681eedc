"""The state folder: conditional-request state per URL, and per KST day what earlier runs found.

Conditional requests (`StateStore`): `<state_dir>/<sha256(url)[:2]>/<sha256(url)>.json` (validators, status,
Content-Type, when) next to `….body` (the bytes). The body is written before the JSON and both by atomic rename,
so a crash leaves either the old entry or the new one. Only 2xx responses carrying a validator are kept; a 304
is answered from here.

Day ledger (`DayLedger`): `<state_dir>/days/<YYYY-MM-DD>.jsonl`, one JSON line per event of a run of that day —
`{"url", "outlet"}` when a sitemap or feed lists the URL for the day, and `{"url", "outlet", "final_url",
"fetched_at", "status", "content_type", "sha256"}` when it was fetched with a 2xx body, whose bytes are kept
under `<state_dir>/days/bodies/<sha256[:2]>/<sha256>` (written first, by atomic rename; shared between days
and URLs with the same bytes). The last line about a URL wins, a fetched copy is kept until a newer one replaces
it, and a line cut short by a crash is skipped. A re-run of the day crawls what the feeds list now *and* every
URL the ledger remembers, so that re-running a past day (whose articles the feeds no longer list) loses nothing;
when a remembered URL cannot be fetched now, its last good copy is the day's page. The file is rewritten, one line
per URL, when a run ends with more lines than URLs.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Cached:
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes


class StateStore:
    def __init__(self, root: Path | None) -> None:
        self.root = root

    def _paths(self, url: str) -> tuple[Path, Path] | None:
        if self.root is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.root / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def load(self, url: str) -> Cached | None:
        paths = self._paths(url)
        if paths is None:
            return None
        meta_path, body_path = paths
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("url") != url:
                return None
            return Cached(
                status=int(meta["status"]),
                content_type=meta.get("content_type"),
                etag=meta.get("etag"),
                last_modified=meta.get("last_modified"),
                body=body_path.read_bytes(),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def validators(self, url: str) -> dict[str, str]:
        cached = self.load(url)
        if cached is None:
            return {}
        headers = {}
        if cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        return headers

    def save(
        self, url: str, status: int, content_type: str | None, etag: str | None, last_modified: str | None, body: bytes
    ) -> None:
        paths = self._paths(url)
        if paths is None or not (etag or last_modified):
            return
        meta_path, body_path = paths
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "url": url,
            "status": status,
            "content_type": content_type,
            "etag": etag,
            "last_modified": last_modified,
        }
        _write_atomic(body_path, body)
        _write_atomic(meta_path, json.dumps(meta).encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass(frozen=True, slots=True)
class Copy:
    """A page an earlier run fetched for the day."""

    final_url: str
    fetched_at: datetime
    status: int
    content_type: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class Remembered:
    outlet: str
    copy: Copy | None


class DayLedger:
    """What earlier runs listed and fetched for one KST day (see the module docstring); inert without a root."""

    def __init__(self, root: Path | None, day: date) -> None:
        self.folder = root / "days" if root is not None else None
        self.path = self.folder / f"{day.isoformat()}.jsonl" if self.folder is not None else None
        self._lines = 0
        self._tail_checked = False

    def load(self) -> dict[str, Remembered]:
        known: dict[str, Remembered] = {}
        if self.path is None:
            return known
        try:
            lines = self.path.read_bytes().splitlines()
        except OSError:
            return known
        for line in lines:
            try:
                entry = json.loads(line)
                url, outlet = str(entry["url"]), str(entry["outlet"])
                copy = None
                if "sha256" in entry:
                    copy = Copy(
                        str(entry["final_url"]),
                        datetime.fromisoformat(entry["fetched_at"]),
                        int(entry["status"]),
                        entry.get("content_type"),
                        str(entry["sha256"]),
                    )
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash
            earlier = known.get(url)
            known[url] = Remembered(outlet, copy or (earlier.copy if earlier else None))
        self._lines = len(lines)
        return known

    def listed(self, url: str, outlet: str) -> None:
        self._append({"url": url, "outlet": outlet})

    def fetched(
        self,
        url: str,
        outlet: str,
        final_url: str,
        fetched_at: datetime,
        status: int,
        content_type: str | None,
        body: bytes,
    ) -> None:
        if self.folder is None:
            return
        digest = hashlib.sha256(body).hexdigest()
        path = self._body_path(digest)
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, body)
        self._append(
            {
                "url": url,
                "outlet": outlet,
                "final_url": final_url,
                "fetched_at": fetched_at.isoformat(),
                "status": status,
                "content_type": content_type,
                "sha256": digest,
            }
        )

    def body(self, copy: Copy) -> bytes | None:
        if self.folder is None:
            return None
        try:
            data = self._body_path(copy.sha256).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == copy.sha256 else None

    def compact(self) -> None:
        """Rewrite the day's file one line per URL when earlier runs left more."""
        if self.path is None:
            return
        known = self.load()
        if self._lines <= len(known):
            return
        lines = []
        for url, remembered in known.items():
            entry: dict[str, object] = {"url": url, "outlet": remembered.outlet}
            if remembered.copy is not None:
                copy = remembered.copy
                entry.update(
                    final_url=copy.final_url,
                    fetched_at=copy.fetched_at.isoformat(),
                    status=copy.status,
                    content_type=copy.content_type,
                    sha256=copy.sha256,
                )
            lines.append(json.dumps(entry, ensure_ascii=False))
        _write_atomic(self.path, ("\n".join(lines) + "\n").encode("utf-8"))

    def _body_path(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / "bodies" / digest[:2] / digest

    def _append(self, entry: dict[str, object]) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        if not self._tail_checked:
            self._tail_checked = True
            if _ends_mid_line(self.path):
                line = b"\n" + line  # a crash cut the last line short: it stays apart, and unreadable
        with self.path.open("ab") as handle:
            # One write per line: appends from one run never interleave, and a crash cuts at most the last line.
            handle.write(line)


def _ends_mid_line(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() == 0:
                return False
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) != b"\n"
    except OSError:
        return False
