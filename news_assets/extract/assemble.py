"""From the container's blocks to the article's parts: body paragraphs, subtitle lines, captions, and the
bylines and date stamps found along the way. Boxes that the class/id hints missed (`주요 뉴스` lists,
tickers, AI summaries) are recognised here by their heading and skipped with their items."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from . import boilerplate as bp
from .byline import byline_block_authors, byline_line_authors, is_email_line, lead_authors
from .dates import parse_date, visible_dates
from .text_walk import KIND_HEADING, KIND_ITEM, Blocks, looks_like_prose

_LINK_DENSITY_MAX = 0.5
_SUMMARY_MAX_ITEMS = 6
# Sub-headline lines above the body: a few short lines, none of them a sentence cut by a line break.
_LEAD_MAX_LINES = 5
_LEAD_MAX_CHARS = 100
# Paragraphs at least this long are never repeated in one article: a second copy is a duplicate body.
_REPEAT_MIN = 40


@dataclass(slots=True)
class Parts:
    paragraphs: list[str] = field(default_factory=list)
    subtitle: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    updated: datetime | None = None
    section: str | None = None  # from a breadcrumb trail
    link_blocks: int = 0  # blocks dropped for being mostly links
    long_paragraphs: int = 0


def _norm(text: str) -> str:
    return "".join(text.split()).lower()


def assemble(blocks: Blocks, title: str) -> Parts:
    parts = Parts(captions=list(blocks.captions), subtitle=list(blocks.subtitles))
    for line in blocks.bylines:
        for name in byline_block_authors(line) or ():
            if name not in parts.authors:
                parts.authors.append(name)
    title_key = _norm(title) if title else None
    title_len = len(title or "")
    kept: list[tuple[str, int]] = []
    crumbs = list(blocks.breadcrumbs)
    mode = bp.KEEP
    skipped = 0
    last_was_caption = False
    for text, kind, density in blocks.items:
        if density > _LINK_DENSITY_MAX or (density > 0.3 and len(text) < 60):
            # A byline whose name or e-mail is a link (`홍길동 기자 <a href="mailto:…">`) is still a byline.
            names = byline_line_authors(text) if len(text) <= 120 else None
            if names:
                parts.authors.extend(n for n in names if n not in parts.authors)
            else:
                parts.link_blocks += 1
            continue
        label = bp.classify(text)
        if mode != bp.KEEP:
            if mode == bp.LIST_START:
                # Headlines of a list are no sentences, or are links, or list items: the first plain sentence
                # after the heading is article text again.
                prose = kind != KIND_ITEM and density <= 0.2 and len(text) >= 20 and looks_like_prose(text)
                if label != bp.KEEP or not prose:
                    continue
            elif mode == bp.TICKER_START:
                if label in (bp.DROP, bp.TICKER_START) or bp.is_ticker_row(text) or len(text) <= 40:
                    continue
            elif (
                mode == bp.SUMMARY_START
                and label == bp.KEEP
                and (kind == KIND_ITEM or len(text) < 150)
                and skipped < _SUMMARY_MAX_ITEMS
            ):
                skipped += 1
                continue
            mode = bp.KEEP
        if label == bp.DROP:
            continue
        if label == bp.MARKED:
            # `▶ 관련 기사 …` as a link, or saying what promos say, is a promo; `▶ 앵커: …`, `◆ 홍길동> …`,
            # `■ 방송 : …` are the lines of a transcript or interview.
            if density > 0 or bp.MARKED_PROMO.search(text) is not None:
                continue
            names = byline_line_authors(text) if len(text) <= 120 else None
            if names:
                parts.authors.extend(n for n in names if n not in parts.authors)
                continue
        if label == bp.CRUMB:
            crumbs.append(text)
            continue
        if label in (bp.LIST_START, bp.TICKER_START, bp.SUMMARY_START):
            mode, skipped = label, 0
            continue
        if label == bp.CAPTION:
            if last_was_caption and text.startswith("(") and parts.captions:
                parts.captions[-1] = f"{parts.captions[-1]} {text}"
            else:
                parts.captions.append(text)
            last_was_caption = True
            continue
        last_was_caption = False
        if label == bp.DATE:
            published, updated = visible_dates(text)
            if published is None and updated is None:
                published = parse_date(text)  # `2024/01/19 14:45 송고`: the label after the stamp
            parts.published = parts.published or published
            parts.updated = parts.updated or updated
            continue
        if len(text) <= 120:
            names = byline_line_authors(text)
            if names:
                parts.authors.extend(n for n in names if n not in parts.authors)
                continue
            if "@" in text and is_email_line(text):
                continue
        if title_key and abs(len(text) - title_len) < 0.3 * title_len and _norm(text) == title_key:
            continue
        if kept and len(text) < 80 and kept[-1][0] == text:
            continue  # the same short line twice in a row (a caption or label repeated by the markup)
        kept.append((text, kind))

    kept = _drop_copied_runs(kept)
    # Lines above the first real paragraph that are no sentences (lead bullets, sub-headlines) are the
    # subtitle, not the body.
    first_prose = next(
        (i for i, (t, k) in enumerate(kept) if k != KIND_HEADING and len(t) >= 30 and looks_like_prose(t)), None
    )
    if first_prose and first_prose <= _LEAD_MAX_LINES:
        lead = kept[:first_prose]
        short_lines = all(len(t) <= _LEAD_MAX_CHARS and not t.endswith((",", "，", "、")) for t, _ in lead)
        if short_lines and sum(len(t) for t, _ in lead) <= 3 * _LEAD_MAX_CHARS:
            parts.subtitle.extend(t for t, k in lead if not looks_like_prose(t) or k == KIND_ITEM)
            kept = [(t, k) for t, k in lead if looks_like_prose(t) and k != KIND_ITEM] + kept[first_prose:]
    for i, (text, kind) in enumerate(kept[:3]):
        if kind != KIND_HEADING:
            names, rest = lead_authors(text)
            if names:
                # The credit (`[OO뉴스=홍길동 기자]`, `(서울=연합뉴스) 홍길동 기자 =`) is byline, not text.
                parts.authors.extend(n for n in names if n not in parts.authors)
                kept[i] = (rest, kind)
                break
    kept = [(t, k) for t, k in kept if t]
    parts.paragraphs = [t for t, _ in kept]
    parts.long_paragraphs = sum(1 for t in parts.paragraphs if len(t) >= 150 or (len(t) >= 80 and _hangul(t)))
    parts.section = bp.section_from_crumbs(crumbs) if crumbs else None
    seen: set[str] = set()
    captions = [_CAPTION_MARK.sub("", c) for c in parts.captions]
    parts.captions = _unseen([c for c in captions if c], seen)
    parts.subtitle = _unseen(parts.subtitle, seen)
    return parts


def _unseen(lines: Iterable[str], seen: set[str]) -> list[str]:
    """The `lines` not in `seen`, first copies only, in order; `seen` takes them in."""
    out = []
    for line in lines:
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out


def _drop_copied_runs(kept: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Without a second copy of the body (a hidden print, mail or mobile copy the hints missed): a long
    paragraph that repeats together with its neighbour, as a run of different paragraphs, is dropped. One
    paragraph said twice in a row (or a filler page repeating one paragraph) is no copy and stays."""
    first: dict[str, int] = {}
    copies: set[int] = set()
    texts = [t for t, _ in kept]
    for i, text in enumerate(texts):
        if len(text) < _REPEAT_MIN or text.endswith(("…", "...")):
            continue
        j = first.setdefault(text, i)
        if j == i:
            continue
        after = i + 1 < len(texts) and texts[i + 1] != text and texts[i + 1] == texts[j + 1]
        before = i - 1 in copies or (texts[i - 1] != text and j > 0 and texts[i - 1] == texts[j - 1])
        if after or before:
            copies.add(i)
    return [k for i, k in enumerate(kept) if i not in copies] if copies else kept


_HANGUL = re.compile("[\uac00-\ud7a3]")
_CAPTION_MARK = re.compile(r"^[▲△▷▶■□◆◇]\s*")


def _hangul(text: str) -> bool:
    return _HANGUL.search(text, 0, 40) is not None
