"""Stable entity ids.

An id is the first 16 hex digits of ``sha1("{TYPE}:{canonical name}")`` over the UTF-8 of the NFC-normalised
name. It depends only on the canonical name and the type, so it is the same on every run and machine, and an
alias resolves to the id of its canonical name (과기정통부 and 과학기술정보통신부 share one id).
"""

from __future__ import annotations

import hashlib
import unicodedata


def entity_id(name: str, type: str) -> str:
    key = f"{type}:{unicodedata.normalize('NFC', name)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
