"""The tables a user queries: one column order, one type and one description per column.

The IO manager creates tables from these schemas and inserts by name, so a frame's column order can never
shift data into the wrong column; the Dagster layer publishes them as column-schema metadata; `conform`
makes every frame an asset returns match its table exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from news_assets.kst import KST_NAME


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: pl.DataType
    sql_type: str
    description: str


@dataclass(frozen=True, slots=True)
class TableSchema:
    schema: str
    table: str
    description: str
    columns: tuple[Column, ...]
    partitioned: bool = True
    # Columns added after the table was first released: a database built before gets them (NULL in its old rows)
    # the next time the table is written, so that the rows' insert by name finds them.
    added: tuple[str, ...] = ()

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.table}"

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def polars_schema(self) -> pl.Schema:
        return pl.Schema({c.name: c.dtype for c in self.columns})

    def create_sql(self) -> str:
        cols = ",\n  ".join(f'"{c.name}" {c.sql_type}' for c in self.columns)
        sql = f"CREATE TABLE IF NOT EXISTS {self.qualified_name} (\n  {cols}\n)"
        types = {c.name: c.sql_type for c in self.columns}
        for name in self.added:
            sql += f'; ALTER TABLE {self.qualified_name} ADD COLUMN IF NOT EXISTS "{name}" {types[name]}'
        return sql

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema)


def _c(name: str, dtype: pl.DataType, sql_type: str, description: str) -> Column:
    return Column(name, dtype, sql_type, description)


_TS_KST = pl.Datetime("us", KST_NAME)
_STRS = pl.List(pl.String)


def _news_date() -> Column:
    return _c("news_date", pl.Date(), "DATE", "KST calendar day the page belongs to (the partition)")


RAW_PAGES = TableSchema(
    "raw",
    "pages",
    "Every fetched page of a KST day, with its raw bytes, as the source delivered it.",
    (
        _news_date(),
        _c("page_id", pl.String(), "VARCHAR", "Stable id of the page: hash of day, source and location"),
        _c("url", pl.String(), "VARCHAR", "URL the page was fetched from"),
        _c("outlet", pl.String(), "VARCHAR", "Outlet id given by the source (manifest, archive or config)"),
        _c("fetched_at", _TS_KST, "TIMESTAMPTZ", "When the page was fetched"),
        _c("source", pl.String(), "VARCHAR", "Where the page came from: landing, warc or http"),
        _c(
            "location",
            pl.String(),
            "VARCHAR",
            "File or record the bytes were read from, relative to the source",
        ),
        _c("http_status", pl.Int16(), "SMALLINT", "HTTP status of the response, when known"),
        _c("content_type", pl.String(), "VARCHAR", "HTTP Content-Type header, when known"),
        _c("declared_charset", pl.String(), "VARCHAR", "Charset from the HTTP header, when there was one"),
        _c("size_bytes", pl.Int64(), "BIGINT", "Length of the raw bytes"),
        _c("sha256", pl.String(), "VARCHAR", "SHA-256 of the raw bytes (hex)"),
        _c("html", pl.Binary(), "BLOB", "The raw bytes, undecoded; NULL when the source could not read them"),
        _c(
            "read_error",
            pl.String(),
            "VARCHAR",
            "Why the bytes could not be read (e.g. missing_file), else NULL",
        ),
    ),
)

CLEAN_ARTICLES = TableSchema(
    "clean",
    "articles",
    "One row per page that holds a news article: clean text and metadata, duplicates marked.",
    (
        _news_date(),
        _c("article_id", pl.String(), "VARCHAR", "Id of the article (one page gives at most one article)"),
        _c("page_id", pl.String(), "VARCHAR", "The raw.pages row it came from"),
        _c("url", pl.String(), "VARCHAR", "URL the page was fetched from"),
        _c("canonical_url", pl.String(), "VARCHAR", "Canonical URL the page declares, else the fetched URL"),
        _c("outlet", pl.String(), "VARCHAR", "Outlet id"),
        _c("outlet_name", pl.String(), "VARCHAR", "Site name the page declares (og:site_name, publisher)"),
        _c("title", pl.String(), "VARCHAR", "Headline"),
        _c("subtitle", pl.String(), "VARCHAR", "Sub-headline or lead lines above the body"),
        _c("published_at", _TS_KST, "TIMESTAMPTZ", "First publication time (KST-aware)"),
        _c("updated_at", _TS_KST, "TIMESTAMPTZ", "Last update time, when the page gives one"),
        _c("authors", _STRS, "VARCHAR[]", "Reporters named in the byline"),
        _c("section", pl.String(), "VARCHAR", "Section of the outlet (경제, 정치, …) when declared"),
        _c("lang", pl.String(), "VARCHAR", "Language the page declares"),
        _c("body", pl.String(), "VARCHAR", "Main text: paragraphs and sub-headings, blank-line separated"),
        _c("captions", _STRS, "VARCHAR[]", "Photo captions, kept apart from the body"),
        _c("char_count", pl.Int32(), "INTEGER", "Characters in body"),
        _c("content_hash", pl.String(), "VARCHAR", "Hash of the whitespace-normalised body"),
        _c(
            "duplicate_of",
            pl.String(),
            "VARCHAR",
            "article_id of the first copy of the same story, that day or up to 7 days before",
        ),
        _c("declared_charset", pl.String(), "VARCHAR", "Charset the page declared (HTTP header or meta)"),
        _c("detected_charset", pl.String(), "VARCHAR", "Charset the bytes were actually decoded with"),
    ),
)

CLEAN_REJECTS = TableSchema(
    "clean",
    "rejects",
    "One row per page that gave no article, with a short reason code: nothing is dropped silently.",
    (
        _news_date(),
        _c("page_id", pl.String(), "VARCHAR", "The raw.pages row"),
        _c("url", pl.String(), "VARCHAR", "URL of the page"),
        _c("outlet", pl.String(), "VARCHAR", "Outlet id"),
        _c("stage", pl.String(), "VARCHAR", "Stage that rejected it: read or extract"),
        _c("reason", pl.String(), "VARCHAR", "Short code: empty, index_page, error_page, missing_file, …"),
        _c("detail", pl.String(), "VARCHAR", "Human-readable detail"),
    ),
)

CLEAN_FINGERPRINTS = TableSchema(
    "clean",
    "fingerprints",
    "What de-duplication keeps of each article for the days after it: no body, a MinHash signature.",
    (
        _news_date(),
        _c("article_id", pl.String(), "VARCHAR", "clean.articles row"),
        _c("copy_order", pl.Int32(), "INTEGER", "Rank in the day's order of copies: publication, fetch, page id"),
        _c("canonical_url", pl.String(), "VARCHAR", "Canonical URL, as in clean.articles"),
        _c("content_hash", pl.String(), "VARCHAR", "Hash of the whitespace-normalised body, as in clean.articles"),
        _c(
            "minhash",
            pl.List(pl.UInt32),
            "UINTEGER[]",
            "MinHash signature of the body's word 3-shingles; NULL when too short to match other than exactly",
        ),
    ),
)

NLP_MENTIONS = TableSchema(
    "nlp",
    "mentions",
    "Every entity mention in the unique articles of a day, with character offsets into clean.articles.body.",
    (
        _news_date(),
        _c("article_id", pl.String(), "VARCHAR", "clean.articles row"),
        _c("entity_id", pl.String(), "VARCHAR", "Stable id of the canonical entity (from name and type)"),
        _c("name", pl.String(), "VARCHAR", "Canonical name (aliases resolved)"),
        _c("surface", pl.String(), "VARCHAR", "Text as written in the article"),
        _c("type", pl.String(), "VARCHAR", "PER, ORG, LOC, PRODUCT, EVENT, WORK (titles of films, books, albums)"),
        _c("start", pl.Int32(), "INTEGER", "Start offset (characters) in body"),
        _c("end", pl.Int32(), "INTEGER", "End offset (exclusive) in body"),
        _c("sentence_no", pl.Int32(), "INTEGER", "Sentence number in body, from 0"),
    ),
)

NLP_PERSON_ROLES = TableSchema(
    "nlp",
    "person_roles",
    "A person with the title and affiliation an article gives them (최수연 네이버 대표 → 대표, 네이버).",
    (
        _news_date(),
        _c("article_id", pl.String(), "VARCHAR", "clean.articles row"),
        _c("person", pl.String(), "VARCHAR", "Person's name"),
        _c("title", pl.String(), "VARCHAR", "Title (대표, 장관, 의원 …)"),
        _c("affiliation", pl.String(), "VARCHAR", "Organization the title belongs to (canonical name)"),
        _c("person_entity_id", pl.String(), "VARCHAR", "nlp.entities id of the person"),
        _c("affiliation_entity_id", pl.String(), "VARCHAR", "nlp.entities id of the organization"),
        _c("start", pl.Int32(), "INTEGER", "Start offset of the phrase in body"),
        _c("end", pl.Int32(), "INTEGER", "End offset of the phrase in body"),
    ),
)

NLP_QUOTES = TableSchema(
    "nlp",
    "quotes",
    "Quotes, direct (in quote marks) and indirect (reported speech, `kind`), with their speaker where the article "
    "allows (NULL speaker otherwise).",
    (
        _news_date(),
        _c("article_id", pl.String(), "VARCHAR", "clean.articles row"),
        _c(
            "speaker",
            pl.String(),
            "VARCHAR",
            "Who said it: a person's or organisation's name (NULL when anonymous or untold)",
        ),
        _c("speaker_entity_id", pl.String(), "VARCHAR", "nlp.entities id of the speaker"),
        _c("speaker_title", pl.String(), "VARCHAR", "Speaker's title in this article"),
        _c("quote", pl.String(), "VARCHAR", "The quoted words, or the reported content of indirect speech"),
        _c("start", pl.Int32(), "INTEGER", "Start offset of the quote in body"),
        _c("end", pl.Int32(), "INTEGER", "End offset of the quote in body"),
        _c("kind", pl.String(), "VARCHAR", "direct (in quote marks) or indirect (reported: `~라고 밝혔다`)"),
        _c("speaker_kind", pl.String(), "VARCHAR", "person, organisation, anonymous (`한 관계자는`), NULL if untold"),
        _c("speaker_affiliation", pl.String(), "VARCHAR", "Organisation of the speaker, also of an anonymous one"),
    ),
    added=("kind", "speaker_kind", "speaker_affiliation"),
)

NLP_KEYWORDS = TableSchema(
    "nlp",
    "keywords",
    "Content nouns and noun compounds per unique article, stopwords removed.",
    (
        _news_date(),
        _c("article_id", pl.String(), "VARCHAR", "clean.articles row"),
        _c("term", pl.String(), "VARCHAR", "Noun or noun compound"),
        _c("count", pl.Int32(), "INTEGER", "Occurrences in the article"),
    ),
)

NLP_ENTITIES = TableSchema(
    "nlp",
    "entities",
    "Registry of every canonical entity seen on any day, with its aliases and when it was seen.",
    (
        _c("entity_id", pl.String(), "VARCHAR", "Stable id (from canonical name and type)"),
        _c("name", pl.String(), "VARCHAR", "Canonical name"),
        _c("type", pl.String(), "VARCHAR", "PER, ORG, LOC, PRODUCT, EVENT, WORK (titles of films, books, albums)"),
        _c("aliases", _STRS, "VARCHAR[]", "Surfaces it was written as, most frequent first"),
        _c("first_seen", pl.Date(), "DATE", "First day with a mention"),
        _c("last_seen", pl.Date(), "DATE", "Last day with a mention"),
        _c("days", pl.Int32(), "INTEGER", "Days with a mention"),
        _c("articles", pl.Int64(), "BIGINT", "Unique articles mentioning it, all days"),
        _c("mentions", pl.Int64(), "BIGINT", "Mentions, all days"),
    ),
    partitioned=False,
)

NLP_SEARCH_TERMS = TableSchema(
    "nlp",
    "search_terms",
    "Per unique article, the Kiwi morphemes full-text search indexes (nouns, verb and adjective stems, foreign "
    "words, hanja, roots), so that 수출했다 and 수출이 are found by 수출.",
    (
        _news_date(),
        _c("article_id", pl.String(), "VARCHAR", "clean.articles row"),
        _c("terms", pl.String(), "VARCHAR", "Morphemes of title, subtitle and body, space-separated, in text order"),
        _c("term_count", pl.Int32(), "INTEGER", "Morphemes in terms"),
    ),
)

DAILY_ENTITY_COUNTS = TableSchema(
    "daily",
    "entity_counts",
    "Per day and entity: mentions and articles with each story counted once, and the outlets that carried it.",
    (
        _news_date(),
        _c("entity_id", pl.String(), "VARCHAR", "nlp.entities id"),
        _c("name", pl.String(), "VARCHAR", "Canonical name"),
        _c("type", pl.String(), "VARCHAR", "PER, ORG, LOC, PRODUCT, EVENT, WORK (titles of films, books, albums)"),
        _c("mentions", pl.Int64(), "BIGINT", "Mentions in the day's unique articles"),
        _c("articles", pl.Int64(), "BIGINT", "Unique articles mentioning it"),
        _c(
            "outlets",
            pl.Int64(),
            "BIGINT",
            "Outlets that carried a story mentioning it (copies of a wire story included)",
        ),
    ),
)

DAILY_SOURCE_VOLUME = TableSchema(
    "daily",
    "source_volume",
    "Per day and outlet: pages fetched, articles, duplicates and rejects (pages = all three summed).",
    (
        _news_date(),
        _c("outlet", pl.String(), "VARCHAR", "Outlet id"),
        _c("pages", pl.Int64(), "BIGINT", "Pages in raw.pages"),
        _c("articles", pl.Int64(), "BIGINT", "Unique articles"),
        _c("duplicates", pl.Int64(), "BIGINT", "Articles that duplicate an earlier one"),
        _c("rejects", pl.Int64(), "BIGINT", "Pages that gave no article"),
    ),
)

DAILY_COOCCURRENCE = TableSchema(
    "daily",
    "cooccurrence",
    "Per day, entity pairs that appear in the same unique article (each article's 12 most mentioned entities).",
    (
        _news_date(),
        _c("entity_a", pl.String(), "VARCHAR", "Entity id of the pair's first member (entity_a < entity_b)"),
        _c("entity_b", pl.String(), "VARCHAR", "Entity id of the pair's second member"),
        _c("name_a", pl.String(), "VARCHAR", "Canonical name of entity_a"),
        _c("type_a", pl.String(), "VARCHAR", "Type of entity_a"),
        _c("name_b", pl.String(), "VARCHAR", "Canonical name of entity_b"),
        _c("type_b", pl.String(), "VARCHAR", "Type of entity_b"),
        _c("articles", pl.Int64(), "BIGINT", "Unique articles mentioning both"),
    ),
)

DAILY_KEYWORD_COUNTS = TableSchema(
    "daily",
    "keyword_counts",
    "Per day and keyword: unique articles using it and total occurrences.",
    (
        _news_date(),
        _c("term", pl.String(), "VARCHAR", "Noun or noun compound"),
        _c("articles", pl.Int64(), "BIGINT", "Unique articles using it"),
        _c("count", pl.Int64(), "BIGINT", "Occurrences in those articles"),
    ),
)

DAILY_STORIES = TableSchema(
    "daily",
    "stories",
    "One row per story and day: an event reported by one or more outlets, followed across days "
    "(news_assets/transform/stories.py).",
    (
        _news_date(),
        _c("story_id", pl.String(), "VARCHAR", "Stable id of the story: a follow-up on a later day keeps it"),
        _c("headline", pl.String(), "VARCHAR", "Headline chosen from its articles (the one closest to its centre)"),
        _c("articles", pl.Int64(), "BIGINT", "Unique articles of the story that day (a wire story counted once)"),
        _c("outlets", pl.Int64(), "BIGINT", "Outlets that carried it that day (copies of a wire story included)"),
        _c("first_outlet", pl.String(), "VARCHAR", "Outlet that carried the story first (on any day)"),
        _c("first_published_at", _TS_KST, "TIMESTAMPTZ", "When the first outlet published it"),
        _c("top_entities", _STRS, "VARCHAR[]", "Its most mentioned entities that day, most articles first"),
        _c("top_keywords", _STRS, "VARCHAR[]", "Its most distinctive keywords that day"),
        _c("first_seen", pl.Date(), "DATE", "First day the story was reported"),
        _c("days_running", pl.Int32(), "INTEGER", "Days the story has been reported, this day included"),
    ),
)

DAILY_STORY_ARTICLES = TableSchema(
    "daily",
    "story_articles",
    "Which articles (wire copies included) tell which story on each day.",
    (
        _news_date(),
        _c("story_id", pl.String(), "VARCHAR", "daily.stories id"),
        _c("article_id", pl.String(), "VARCHAR", "clean.articles row"),
    ),
)

# CC-NEWS scans (news_assets/transform/ccnews.py, defs/ccnews.py): partitioned by WARC file, not by day, so they
# are not in ALL_TABLES (whose partitioned tables are days); the scan asset writes them itself.
_SCAN_FILE = _c("scan_file", pl.String(), "VARCHAR", "The scan partition: `<source>:<file relative to base_url>`")

RAW_CCNEWS_RECORDS = TableSchema(
    "raw",
    "ccnews_records",
    "Every CC-NEWS record a scan kept (a Korean page, with its bytes) or rejected (with read_error), by WARC "
    "file; raw.pages reads a day's rows from here, so re-running a day never downloads the files again.",
    (
        _SCAN_FILE,
        _c("record_offset", pl.Int64(), "BIGINT", "Byte offset of the record's gzip member (or record) in the file"),
        _c("record_index", pl.Int32(), "INTEGER", "1 + records before it at the same offset (single-stream gzip)"),
        _c("reason", pl.String(), "VARCHAR", "NULL for a kept page, else the reject code (too_large, not_html, …)"),
        _c("news_date", pl.Date(), "DATE", "KST day of the record's WARC-Date; NULL when no record had one yet"),
        *(c for c in RAW_PAGES.columns if c.name != "news_date"),
    ),
    partitioned=False,
)

RAW_CCNEWS_SCANS = TableSchema(
    "raw",
    "ccnews_scans",
    "One row per CC-NEWS WARC file scanned: what its records became (records = kept + other_language + "
    "rejected + not_page) and the checkpoint a crashed scan resumes from, committed with the records.",
    (
        _SCAN_FILE,
        _c("source", pl.String(), "VARCHAR", "The ccnews source's name in sources.yaml"),
        _c("file", pl.String(), "VARCHAR", "URL or path of the WARC file"),
        _c("status", pl.String(), "VARCHAR", "scanning (a checkpoint mid-file), interrupted (stream broke) or done"),
        _c("records", pl.Int64(), "BIGINT", "WARC records read so far"),
        _c("kept", pl.Int64(), "BIGINT", "Korean pages kept"),
        _c("other_language", pl.Int64(), "BIGINT", "Readable HTML pages in another language (counted, not kept)"),
        _c("rejected", pl.Int64(), "BIGINT", "Responses that could not be judged (kept as rows with a reason)"),
        _c("not_page", pl.Int64(), "BIGINT", "warcinfo, request, metadata … records and non-web responses"),
        _c("rejected_by_reason", pl.String(), "VARCHAR", "JSON object: reject code → records"),
        _c("not_page_by_type", pl.String(), "VARCHAR", "JSON object: WARC-Type → records"),
        _c("first_day", pl.Date(), "DATE", "Earliest KST day among the stored records"),
        _c("last_day", pl.Date(), "DATE", "Latest KST day among the stored records"),
        _c("checkpoint", pl.String(), "VARCHAR", "The scanner's Checkpoint as JSON: where a resumed scan goes on"),
        _c("error", pl.String(), "VARCHAR", "Why the download stopped early (status interrupted), else NULL"),
        _c("started_at", _TS_KST, "TIMESTAMPTZ", "When the first batch of this scan was committed"),
        _c("updated_at", _TS_KST, "TIMESTAMPTZ", "When the last batch was committed"),
    ),
    partitioned=False,
)

SCAN_TABLES: tuple[TableSchema, ...] = (RAW_CCNEWS_RECORDS, RAW_CCNEWS_SCANS)

ALL_TABLES: tuple[TableSchema, ...] = (
    RAW_PAGES,
    CLEAN_ARTICLES,
    CLEAN_REJECTS,
    CLEAN_FINGERPRINTS,
    NLP_MENTIONS,
    NLP_PERSON_ROLES,
    NLP_QUOTES,
    NLP_KEYWORDS,
    NLP_ENTITIES,
    NLP_SEARCH_TERMS,
    DAILY_ENTITY_COUNTS,
    DAILY_COOCCURRENCE,
    DAILY_KEYWORD_COUNTS,
    DAILY_SOURCE_VOLUME,
    DAILY_STORIES,
    DAILY_STORY_ARTICLES,
)

BY_NAME: dict[str, TableSchema] = {t.qualified_name: t for t in ALL_TABLES}


def conform(frame: pl.DataFrame, table: TableSchema) -> pl.DataFrame:
    """Return `frame` with exactly the table's columns, order and types; missing or extra columns are errors."""
    missing = [n for n in table.names if n not in frame.columns]
    extra = [n for n in frame.columns if n not in table.names]
    if missing or extra:
        raise ValueError(f"{table.qualified_name}: missing columns {missing}, unexpected columns {extra}")
    return frame.select([pl.col(c.name).cast(c.dtype, strict=True) for c in table.columns])
