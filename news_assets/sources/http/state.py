"""Conditional-request state: per URL, the validators (ETag, Last-Modified) and the copy they validate.

Layout: `<state_dir>/<sha256(url)[:2]>/<sha256(url)>.json` (validators, status, Content-Type, when) next to
`….body` (the bytes). The body is written before the JSON and both by atomic rename, so a crash leaves either
the old entry or the new one. Only 2xx responses carrying a validator are kept; a 304 is answered from here.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
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
