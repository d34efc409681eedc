"""Charset named by an HTTP Content-Type header."""

from __future__ import annotations

from email.message import Message


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    if not isinstance(charset, str):
        return None
    charset = charset.strip().strip("'\"").lower()
    return charset or None
