"""The Dagster layer, loaded as a dg defs folder: every module here that defines anything does it in one
`@dg.definitions` function, built from the `Settings` in scope (see `scope.py`), never from import-time state.

    resources.py   the storage (one DuckDB file or a DuckLake) and the page sources
    io_manager.py  frames in and out of the tables, one transaction per day
    raw.py         raw/pages                         clean.py   clean/articles, clean/rejects
    nlp.py         nlp/mentions, person_roles, quotes, keywords, and the nlp/entities registry
    daily.py       daily/entity_counts, cooccurrence, keyword_counts, source_volume, analyst_views
    stories.py     daily/stories, daily/story_articles   search.py  nlp/search_terms, nlp/search_index
    ccnews.py      raw/ccnews_records + raw/ccnews_scans, one partition per CC-NEWS WARC file
    search.py      nlp/search_terms (Kiwi morphemes) and nlp/search_index (DuckDB fts, kept per day)
    stories.py     daily/stories, daily/story_articles: the day's stories, followed across days
    read_copy.py   publish/read_copy: the read-only copy analysts query (file storage)
    checks.py      asset checks, one SQL query of violations each
    automation.py  jobs, the daily schedule, the landing-folder sensor
    maintenance.py DuckLake housekeeping (ducklake storage only)

No parsing or NLP here: that is `extract/`, `nlp/`, `sources/` and `transform/`.
"""
