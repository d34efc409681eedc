"""Bytes to text for Korean (and other) web pages, in a fixed order and never silently garbled.

Order: byte-order mark → strict UTF-8 → declared charset (HTTP header first, then a `<meta>` within the
first 4 KB) → charset-normalizer detection → CP949 with replacement characters. Strict UTF-8 comes before
any declaration because Korean sites often keep an `euc-kr` meta after moving to UTF-8; a legacy charset
practically never yields valid UTF-8 by accident for Hangul text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

# EUC-KR pages are written by Windows tools in practice, so they contain the extra syllables of CP949
# (똠, 햏, …): CP949 is the superset a browser uses for all of these labels.
_KOREAN_LABELS = frozenset(
    {
        "euc-kr",
        "euc_kr",
        "euckr",
        "ks_c_5601-1987",
        "ks_c_5601",
        "ks_c_5601_1987",
        "ksc5601",
        "ksc_5601",
        "korean",
        "csksc56011987",
        "iso-ir-149",
        "windows-949",
        "x-windows-949",
        "ms949",
        "cp949",
        "uhc",
        "x-uhc",
    }
)
# WHATWG: these labels mean windows-1252 on the web.
_LATIN_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp1252"})

_HEAD_BYTES = 4096
_DETECT_BYTES = 256 * 1024
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""",
    re.IGNORECASE,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]{1,40})""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Above this share of replacement characters among the non-ASCII characters a decode is mojibake.
MOJIBAKE_RATIO = 0.02
MOJIBAKE_MIN = 4


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    declared_charset: str | None
    detected_charset: str
    # Replacement characters the decode itself introduced (0 for every strict decode).
    replacements: int = 0
    # The input bytes when they are UTF-8 already, so the parser can take them without a re-encode.
    utf8: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def mojibake(self) -> bool:
        if self.replacements < MOJIBAKE_MIN:
            return False
        non_ascii = len(self.text) - len(self.text.encode("ascii", "ignore"))
        return self.replacements > MOJIBAKE_RATIO * max(non_ascii, 1)


def normalize_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label names no usable text codec."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if not name:
        return None
    if name in _KOREAN_LABELS:
        return "cp949"
    if name in _LATIN_LABELS:
        return "cp1252"
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    # base64, rot13, zlib … are codecs too; a page must not be able to choose one.
    if not getattr(info, "_is_text_encoding", True):
        return None
    if info.name in ("euc_kr", "cp949"):
        return "cp949"
    return info.name


def declared_charset(html: bytes) -> str | None:
    """The charset label a page declares in its first 4 KB (`<meta charset>`, http-equiv, XML prolog)."""
    head = html[:_HEAD_BYTES]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _is_ascii_compatible(codec: str) -> bool:
    try:
        return "<html>".encode(codec) == b"<html>"
    except (LookupError, UnicodeError, ValueError):
        return False


def _try_strict(html: bytes, codec: str) -> str | None:
    try:
        return html.decode(codec)
    except (UnicodeDecodeError, LookupError, ValueError):
        return None


def _looks_korean_cp949(html: bytes) -> str | None:
    """The CP949 reading of bytes a page labels as Latin-1, when that reading is clean Hangul."""
    text = _try_strict(html, "cp949")
    if text is None:
        return None
    hangul = len(_HANGUL.findall(text))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text if hangul >= 20 and hangul >= 0.8 * non_ascii else None


def _detect(html: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(html[:_DETECT_BYTES]).best()
    except Exception:  # detection is a heuristic: any failure just means "no opinion"
        return None
    if best is None or not best.encoding:
        return None
    codec = normalize_charset(best.encoding)
    return codec if codec and _is_ascii_compatible(codec) else None


def needs_decoding(data: bytes, declared: str | None) -> bool:
    """False when the bytes may go to the parser as UTF-8 without a decode pass first: no BOM and no legacy
    declaration. The caller must then check its output for U+FFFD (which the parser puts where bytes are
    not UTF-8) and decode properly when there is any and the bytes are not valid UTF-8."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if not declared:
        return False
    return normalize_charset(declared) not in ("utf-8", "utf-8-sig", None)


def decode_html(html: bytes, http_charset: str | None = None) -> Decoded:
    """Decode page bytes; never raises. Check `.mojibake` before trusting the text."""
    data = bytes(html)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, "replace")
            return Decoded(
                text,
                http_charset.lower() if http_charset else declared_charset(data),
                codec,
                text.count("\ufffd"),
                data[len(bom) :] if codec == "utf-8" else None,
            )

    declared_label = http_charset.lower().strip() if http_charset else declared_charset(data)
    try:
        return Decoded(data.decode("utf-8"), declared_label, "utf-8", 0, data)
    except UnicodeDecodeError:
        pass

    # A charset header overrides the page's own meta, as in a browser; the meta is tried after it.
    labels = [http_charset] if http_charset else []
    meta_label = declared_charset(data)
    if meta_label and meta_label not in labels:
        labels.append(meta_label)
    for label in labels:
        named = normalize_charset(label)
        if named is None or not _is_ascii_compatible(named):
            continue
        if named in ("utf-8", "utf-8-sig"):
            # Declared UTF-8 with a few stray bytes (a pasted legacy snippet): UTF-8 with replacements.
            text = data.decode("utf-8", "replace")
            decoded = Decoded(text, declared_label, "utf-8", text.count("\ufffd"))
            if not decoded.mojibake:
                return decoded
            continue
        if named == "cp1252":
            korean = _looks_korean_cp949(data)
            if korean is not None:
                return Decoded(korean, declared_label, "cp949")
            strict = _try_strict(data, named)  # decoded once, not once for the text and again for the label
            return Decoded(strict or data.decode("latin-1"), declared_label, named if strict else "latin-1")
        strict = _try_strict(data, named)
        if strict is not None:
            return Decoded(strict, declared_label, named)
        text = data.decode(named, "replace")
        decoded = Decoded(text, declared_label, named, text.count("\ufffd"))
        if not decoded.mojibake:
            return decoded

    # Undeclared: a strict CP949 reading that is mostly Hangul settles it (and costs far less than the
    # detector, which also confuses short Korean texts with GB2312/Big5); otherwise ask the detector.
    korean = _looks_korean_cp949(data)
    if korean is not None:
        return Decoded(korean, declared_label, "cp949")
    detected = _detect(data)
    if detected and detected != "utf-8":
        strict = _try_strict(data, detected)
        if strict is not None:
            return Decoded(strict, declared_label, detected)
    # Last resort, reported as such: whichever of UTF-8 and CP949 needs fewer replacement characters.
    text = data.decode("cp949", "replace")
    as_utf8 = data.decode("utf-8", "replace")
    if as_utf8.count("\ufffd") < text.count("\ufffd"):
        return Decoded(as_utf8, declared_label, "utf-8", as_utf8.count("\ufffd"))
    return Decoded(text, declared_label, "cp949", text.count("\ufffd"))
