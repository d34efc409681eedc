"""The extraction pipeline: a page's bytes in, an `Article` or `NotAnArticle` out.

`extract_article` runs the steps in order: refuse what is not HTML (binary, absurd nesting), decode (or parse
UTF-8 bytes directly), read the metadata, choose the container (`container`) and read its text
(`text_walk`), assemble the parts (`assemble`), fall back to an article shipped as JSON in a `<script>`
(`scriptjson`) when the visible body is short, and reject error pages, index pages and bodies too short to
be articles. Whatever the bytes, nothing but `NotAnArticle` leaves it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser

from . import nesting
from .article import Article, NotAnArticle
from .assemble import assemble
from .boilerplate import section_from_crumbs
from .byline import byline_block_authors, is_organisation
from .container import pick_containers, score_paragraphs
from .dates import parse_date, visible_dates
from .decode import declared_charset, decode_html, needs_decoding
from .hidden_css import hidden_names
from .metadata import clean_title, collect, load_json_ld, read_metadata
from .scriptjson import ScriptArticle, script_article, string_to_blocks
from .text_walk import extract_blocks, looks_like_prose

# Body weight below which a page is no article: characters, with a Hangul syllable counting double
# (one syllable carries about as much as two Latin letters).
MIN_BODY_WEIGHT = 100
# A page that says it is an article (og:type, JSON-LD, a publication time) may be this short if it has a
# sentence: a one-paragraph article under a video or photo.
_SHORT_ARTICLE_WEIGHT = 30
_CARD_IMAGES = 3  # captions from which a short page is card news or a slideshow
# A visible body shorter than this is checked against the script-JSON copy of the article.
_SCRIPT_FALLBACK_WEIGHT = 1000
# Nodes read from the body of a page where no element looks like an article container.
_NO_CANDIDATE_BUDGET = 50_000

_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
    b"wOFF",
    b"wOF2",
)
# The tree is only read, never edited: lexbor's mutation callbacks are pure cost (about 15% of parsing).
_PARSE_OPTIONS = LexborDocumentOptions.WO_EVENTS
_TAG = re.compile(r"<[A-Za-z!?/]")
_TAG_BYTES = re.compile(rb"<[A-Za-z!?/]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_ERROR = re.compile(
    r"페이지를\s?찾을\s?수\s?없|존재하지\s?않는\s?(?:기사|페이지)|삭제된\s?기사|삭제되었거나|잘못된\s?(?:접근|경로|주소)|"
    r"요청하신\s?페이지|기사가\s?없습니다|해당\s?기사(?:가|를)\s?찾을\s?수|서비스\s?점검|"
    r"\b404\b|not\s+found|page\s+(?:not\s+found|does\s?n[o']t\s+exist)|no\s+longer\s+available|error\s+\d{3}",
    re.IGNORECASE,
)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _weight(text: str) -> int:
    # Hangul syllables are 3 UTF-8 bytes: each adds one to the weight (other non-ASCII adds less).
    return (len(text) + len(text.encode("utf-8", "surrogatepass"))) // 2


def _as_bytes(html) -> bytes:
    if html is None:
        return b""
    if isinstance(html, str):
        return html.encode("utf-8", "surrogatepass")
    return bytes(html)


def _sniff_binary(data: bytes) -> bool:
    head = data[:1024]
    if head.startswith(_MAGIC):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NULs by design
    return b"\x00" in head


def extract_article(html: bytes, url: str | None = None, *, http_charset: str | None = None) -> Article:
    """The article in a page's bytes, or `NotAnArticle` with a reason code from `REASONS`."""
    try:
        return _extract(_as_bytes(html), url, http_charset)
    except NotAnArticle:
        raise
    except Exception as error:  # last resort: a bug must not take a pipeline run down with it
        raise NotAnArticle("parse_error", f"{type(error).__name__}: {str(error)[:200]}") from None


def _extract(data: bytes, url: str | None, http_charset: str | None) -> Article:
    if not data or data.isspace():
        raise NotAnArticle("empty", f"{len(data)} bytes of whitespace" if data else "no bytes")
    if _sniff_binary(data):
        raise NotAnArticle("not_html", "binary data")
    depth = nesting.too_deep(data)
    if depth is not None:
        raise NotAnArticle("too_deep", f"markup nests about {depth} levels deep")

    declared = http_charset.lower().strip() if http_charset else declared_charset(data)
    if not needs_decoding(data, declared):
        # Fast path for the common case: the bytes go to the parser as UTF-8 without a decode pass. Where
        # they were not UTF-8 the parser leaves U+FFFD, so any U+FFFD in the result (or a rejection of a
        # page that is not valid UTF-8) sends the page down the full decoding path below.
        if _TAG_BYTES.search(data, 0, 65536) is None:
            raise NotAnArticle("not_html", "no HTML markup in the text")
        ascii_only = data.isascii()
        try:
            tree = LexborHTMLParser(data, options=_PARSE_OPTIONS)
            article = _from_tree(tree, url, declared, "utf-8", _cut_short(data[-4096:]))
        except NotAnArticle:
            if ascii_only or _is_utf8(data):
                raise
        else:
            if ascii_only or not _has_replacement(article) or _is_utf8(data):
                return article

    decoded = decode_html(data, http_charset)
    if decoded.mojibake:
        raise NotAnArticle(
            "not_decodable", f"{decoded.replacements} replacement characters decoding as {decoded.detected_charset}"
        )
    if _TAG.search(decoded.text, 0, 65536) is None:
        raise NotAnArticle("not_html", "no HTML markup in the text")
    tree = LexborHTMLParser(decoded.utf8 if decoded.utf8 is not None else decoded.text, options=_PARSE_OPTIONS)
    cut = _cut_short(decoded.text[-4096:].encode("utf-8", "replace"))
    return _from_tree(tree, url, decoded.declared_charset, decoded.detected_charset, cut)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _has_replacement(article: Article) -> bool:
    fields = (article.title, article.body, article.subtitle or "", article.outlet or "", *article.captions)
    return any("\ufffd" in f for f in fields)


def _cut_short(tail: bytes) -> bool:
    """Whether a download stops before the end of the document (no closing </body> or </html>)."""
    tail = tail.lower()
    return b"</html" not in tail and b"</body" not in tail


def _from_tree(
    tree: LexborHTMLParser, url: str | None, declared: str | None, detected: str, cut: bool = False
) -> Article:
    nodes = collect(tree)
    meta = read_metadata(tree, url, nodes)
    title = clean_title(meta)
    body = tree.body
    if body is None or nodes is None:
        raise NotAnArticle("no_text", "no <body>")

    published = next((d for d in map(parse_date, meta.published) if d), None)
    updated = next((d for d in map(parse_date, meta.modified) if d), None)

    scorer = score_paragraphs(body, nodes.paragraphs)
    containers = pick_containers(scorer)
    css_hidden = hidden_names(nodes.styles) if nodes.styles else frozenset()
    if containers:
        blocks = extract_blocks(containers, scorer.best_chain(), hidden=css_hidden)
    else:
        # Nothing paragraph-like anywhere: read the start of the body to tell a short note, a link list and an
        # empty shell apart, without walking every node of a huge page.
        blocks = extract_blocks([body], budget=_NO_CANDIDATE_BUDGET, hidden=css_hidden)
    parts = assemble(blocks, title)
    paragraphs = parts.paragraphs
    body_source = "html"
    weight = sum(map(_weight, paragraphs))

    if weight < _SCRIPT_FALLBACK_WEIGHT:
        # A skeleton or teaser page: the article may exist only as JSON in a <script>.
        load_json_ld(meta, tree, url, nodes)

        def hopeless(text: str, floor: float = 1.2 * weight) -> bool:
            # An upper bound on the weight of the body `text` (or any string in it) can give: the text of
            # its HTML or lines is never heavier than the string (NUL alone becomes the heavier U+FFFD).
            bound = _weight(text) + text.count("\x00")
            return bound <= floor or bound < MIN_BODY_WEIGHT

        # A short script holds no body that could replace the visible one: when no script and no JSON-LD body
        # is long enough, neither is decoded (nor the body re-parsed).
        ld_hopeless = not meta.ld_body or hopeless(meta.ld_body)
        korean = _HANGUL.search(title or (paragraphs[0][:200] if paragraphs else "")) is not None
        hidden = script_article(tree.css("script"), hopeless if ld_hopeless else None, korean=korean)
        if meta.ld_body and (hidden is None or len(meta.ld_body) >= len(hidden.body)):
            hidden = ScriptArticle(meta.ld_body)  # its metadata is in `meta` already
        if hidden is not None and not hopeless(hidden.body):
            json_parts = assemble(string_to_blocks(hidden.body), title)
            json_weight = sum(map(_weight, json_parts.paragraphs))
            if json_weight > 1.2 * weight and json_weight >= MIN_BODY_WEIGHT:
                parts, paragraphs, weight, body_source = json_parts, json_parts.paragraphs, json_weight, "json"
                _fill_from_script(meta, parts, hidden)
                if hidden.title and (not title or _squash(title).startswith(_squash(hidden.title))):
                    title = hidden.title  # the page title with a site suffix the head cleaning missed
                title = title or ""
                published = published or parse_date(hidden.published)
                updated = updated or parse_date(hidden.updated)

    if cut and body_source == "html" and paragraphs and not looks_like_prose(paragraphs[-1]):
        # A download cut off inside the article: its last paragraph stops mid-sentence. Keep what is whole.
        paragraphs = paragraphs[:-1]
        weight = sum(map(_weight, paragraphs))

    if weight < MIN_BODY_WEIGHT or body_source == "html":
        _reject_non_article(tree, meta, title, paragraphs, weight, parts)

    published = published or parts.published
    updated = updated or parts.updated
    if published is None and _HANGUL.search(title or paragraphs[0][:200]):
        # Korean pages print `입력 2024-01-19 14:45` above the article, outside its container: read the
        # page's text for it (only now, as it costs a walk over the whole tree).
        page_published, page_updated = visible_dates(body.text())
        published = page_published
        updated = updated or page_updated
    authors = []
    for name in [*meta.authors, *parts.authors]:
        if name not in authors and not is_organisation(name, meta.site_name):
            authors.append(name)
    if not authors and _HANGUL.search(title or paragraphs[0][:200]):
        # The byline may sit in the header above the container, often as a link to the reporter's page.
        authors = [n for n in _header_bylines(body) if not is_organisation(n, meta.site_name)]
    return Article(
        title=title,
        subtitle="\n".join(parts.subtitle) or None,
        body="\n\n".join(paragraphs),
        captions=tuple(parts.captions),
        published_at=published,
        updated_at=updated,
        authors=tuple(authors),
        section=meta.section or parts.section or _section_from_breadcrumb(tree, title),
        canonical_url=meta.canonical_url,
        outlet=meta.site_name,
        lang=meta.lang,
        declared_charset=declared,
        detected_charset=detected,
        body_source=body_source,
        truncated=cut,
    )


def _fill_from_script(meta, parts, hidden: ScriptArticle) -> None:
    """Metadata the page head lacks, from the JSON object that carried the body."""
    if hidden.subtitle and not parts.subtitle:
        parts.subtitle = [line.strip() for line in hidden.subtitle.splitlines() if line.strip()]
    for caption in hidden.captions:
        if caption not in parts.captions:
            parts.captions.append(caption)
    if not meta.authors:
        meta.authors.extend(hidden.authors)
    meta.section = meta.section or hidden.section
    meta.canonical_url = meta.canonical_url or hidden.canonical_url


# Each selector of a list is a walk over the whole tree (about 45 µs on a 1,500-element page): `breadcrumb`
# in a class is left to `crumb`, which finds it too.
_BREADCRUMB = (
    '[class*="crumb" i], [class*="location" i], [id*="breadcrumb" i], [id*="location" i], [class*="navi_path" i]'
)


def _section_from_breadcrumb(tree, title: str) -> str | None:
    """Section named by a breadcrumb trail anywhere on the page (`홈 > 경제`), when nothing else names it.
    Korean pages only: the attribute-substring query walks the whole tree, and other pages rarely need it."""
    if not _HANGUL.search(title):
        return None
    body = tree.body
    node = body.css_first(_BREADCRUMB) if body is not None else None
    if node is None:
        return None
    crumbs = [" ".join(t.split()) for t in node.text(separator="\n").split("\n")]
    crumbs = [c for c in crumbs if c and len(c) <= 40]
    return section_from_crumbs(crumbs) if crumbs and len(crumbs) <= 8 else None


_BYLINE_QUERY = (
    '[class*="byline" i], [class*="writer" i], [class*="reporter" i], [class*="journalist" i], '
    '[class*="author" i], [rel="author"], [itemprop="author"], a[href*="reporter" i], a[href*="journalist" i]'
)


def _header_bylines(body) -> list[str]:
    """Names from the page's byline elements (`<a class="writer" href="/reporter/12">홍길동 기자</a>`) when
    the metadata and the container named nobody. Korean pages only, and only then: the query walks the tree."""
    names: list[str] = []
    for node in body.css(_BYLINE_QUERY)[:12]:
        text = node.text()
        if len(text) > 300:
            continue
        for name in byline_block_authors(text) or ():
            if name not in names:
                names.append(name)
        if names:
            break
    return names


def _visible_text(body) -> str:
    for node in body.css("script, style, noscript, template"):
        node.decompose(recursive=False)
    return body.text().strip()


def _reject_non_article(tree, meta, title, paragraphs, weight, parts) -> None:
    """Raise NotAnArticle for error pages, index pages and bodies too short to be articles."""
    head = " ".join([title or "", meta.html_title or "", meta.h1 or ""])
    start = " ".join(paragraphs[:3])[:600]
    if weight < 4 * MIN_BODY_WEIGHT and (
        _ERROR.search(head) or (weight < 2 * MIN_BODY_WEIGHT and _ERROR.search(start))
    ):
        raise NotAnArticle("error_page", (head.strip() or start)[:120])
    link_blocks = parts.link_blocks
    is_article = meta.ld_is_article or meta.og_type == "article" or bool(meta.published)
    if weight < MIN_BODY_WEIGHT:
        if weight == 0 and not _visible_text(tree.body):
            raise NotAnArticle("no_text", "the page has no visible text")
        if len(parts.captions) >= _CARD_IMAGES and weight < 2 * _SHORT_ARTICLE_WEIGHT * len(parts.captions):
            # Card news or a slideshow: pictures with captions, next to no text of their own.
            raise NotAnArticle("too_short", f"card news or slideshow: {len(parts.captions)} captions, body {weight}")
        if (
            is_article
            and weight >= _SHORT_ARTICLE_WEIGHT
            and link_blocks < 5
            and any(len(p) >= 20 and looks_like_prose(p) for p in paragraphs)
        ):
            return  # a short article (one paragraph under a video or a photo) is still an article
        links = len(tree.body.css("a"))
        if links >= 20 or link_blocks >= 8:
            raise NotAnArticle("index_page", f"{links} links, body weight {weight}")
        raise NotAnArticle("too_short", f"body weight {weight} < {MIN_BODY_WEIGHT}")
    # A list page: headline links, each with a teaser cut off with "…", and no story of its own.
    teasers = sum(1 for p in paragraphs if p.endswith(("…", "...")))
    if teasers >= 5 and link_blocks >= 5 and teasers >= 0.25 * len(paragraphs):
        raise NotAnArticle("index_page", f"{teasers} teasers, {link_blocks} headline links")
    many_links = link_blocks >= 10 and link_blocks >= 2 * len(paragraphs)
    if not is_article and many_links and parts.long_paragraphs == 0:
        raise NotAnArticle("index_page", f"{link_blocks} link blocks, {parts.long_paragraphs} long paragraphs")
