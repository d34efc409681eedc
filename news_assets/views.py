"""Analyst views: friendly names over the tables, created in the database by the `daily/analyst_views` asset.

Trending is a view, not a table: a trend for day D depends on the 28 days before it, so as a view it is right
whatever order days were backfilled in, and a re-materialized past day changes every trend that depends on it
at once, with nothing to recompute.

## The trending score

For an entity (or keyword) on day D, let x be the number of unique articles mentioning it on D, and b the mean
daily count over the days in a window before D that the pipeline processed (D itself excluded; a processed
day on which the entity was absent counts as 0). Then

    score = (x - b) / sqrt(b + 4)

the rise over the baseline in units of its Poisson noise, with 4 pseudo-articles added to the variance so that
tiny counts are not rewarded: 0 → 1 article scores 0.5, 0 → 3 scores 1.5, 10 → 30 scores 5.3. Rows need x ≥ 2
to be listed. `score_7` uses the 7 days before D, `score_28` the 28 days before D; a window without processed
days gives NULL. `baseline_last_day` is the latest day a score read: always before D.
"""

from __future__ import annotations

from dataclasses import dataclass

TREND_PSEUDOCOUNT = 4
TREND_MIN_ARTICLES = 2


@dataclass(frozen=True, slots=True)
class View:
    name: str
    description: str
    select: str

    def create_sql(self) -> str:
        return f"CREATE OR REPLACE VIEW {self.name} AS\n{self.select}"


def trending_select(counts: str, key: str, label: str, days: str = "daily.source_volume") -> str:
    """Trend rows from a per-day count relation `counts` with columns news_date, <key>, articles.

    `days` is the relation whose distinct news_date values are the processed days. Both are parameters so that
    a check can recompute the trend of day D from data cut off at D and compare.
    """
    k = TREND_PSEUDOCOUNT
    return f"""
    WITH processed AS (SELECT DISTINCT news_date FROM {days}),
    windows AS (
        SELECT d.news_date,
               count(p.news_date) FILTER (WHERE p.news_date >= d.news_date - 7) AS days_7,
               count(p.news_date) AS days_28,
               max(p.news_date) AS baseline_last_day
        FROM processed d
        LEFT JOIN processed p ON p.news_date BETWEEN d.news_date - 28 AND d.news_date - 1
        GROUP BY d.news_date
    ),
    today AS (SELECT * FROM {counts} WHERE articles >= {TREND_MIN_ARTICLES}),
    history AS (
        SELECT t.news_date, t.{key},
               coalesce(sum(h.articles) FILTER (WHERE h.news_date >= t.news_date - 7), 0) AS total_7,
               coalesce(sum(h.articles), 0) AS total_28
        FROM today t
        LEFT JOIN {counts} h
          ON h.{key} = t.{key} AND h.news_date BETWEEN t.news_date - 28 AND t.news_date - 1
        GROUP BY t.news_date, t.{key}
    ),
    scored AS (
        SELECT t.*, w.days_7, w.days_28, w.baseline_last_day,
               h.total_7 / nullif(w.days_7, 0) AS baseline_7,
               h.total_28 / nullif(w.days_28, 0) AS baseline_28
        FROM today t
        JOIN history h USING (news_date, {key})
        JOIN windows w USING (news_date)
    )
    SELECT *,
           round((articles - baseline_7) / sqrt(baseline_7 + {k}), 3) AS score_7,
           round((articles - baseline_28) / sqrt(baseline_28 + {k}), 3) AS score_28,
           rank() OVER (PARTITION BY news_date ORDER BY (articles - baseline_7) / sqrt(baseline_7 + {k}) DESC NULLS LAST)
               AS {label}_rank
    FROM scored
    """


VIEWS: tuple[View, ...] = (
    View(
        "daily.top_entities",
        "Entities of each day ranked by unique articles, then mentions.",
        """
        SELECT news_date,
               rank() OVER (PARTITION BY news_date ORDER BY articles DESC, mentions DESC) AS rank,
               name, type, articles, mentions, outlets, entity_id
        FROM daily.entity_counts
        """,
    ),
    View(
        "daily.trending_entities",
        "Entities rising against their own 7- and 28-day baselines (score documented in news_assets/views.py).",
        trending_select(
            "(SELECT news_date, entity_id, name, type, articles, mentions, outlets FROM daily.entity_counts)",
            "entity_id",
            "trend",
        ),
    ),
    View(
        "daily.trending_keywords",
        "Keywords rising against their own 7- and 28-day baselines.",
        trending_select("daily.keyword_counts", "term", "trend"),
    ),
    View(
        "daily.entity_network",
        "Co-occurrence as an edge list in both directions: filter on `entity` to get one entity's partners.",
        """
        SELECT news_date, name_a AS entity, type_a AS entity_type, name_b AS partner, type_b AS partner_type,
               articles, entity_a AS entity_id, entity_b AS partner_id
        FROM daily.cooccurrence
        UNION ALL
        SELECT news_date, name_b, type_b, name_a, type_a, articles, entity_b, entity_a
        FROM daily.cooccurrence
        """,
    ),
    View(
        "nlp.quotes_by_person",
        "Attributed quotes, direct or indirect (`kind`), with the speaker's kind, title and affiliation, the "
        "article's title, outlet and URL.",
        """
        SELECT q.news_date, q.speaker, q.speaker_title,
               coalesce(q.speaker_affiliation,
                        (SELECT any_value(r.affiliation) FROM nlp.person_roles r
                          WHERE r.article_id = q.article_id AND r.person = q.speaker AND r.affiliation IS NOT NULL))
                   AS speaker_affiliation,
               q.quote, a.title AS article_title, a.outlet, a.url, q.article_id, q.speaker_entity_id,
               coalesce(q.kind, 'direct') AS kind, q.speaker_kind
        FROM nlp.quotes q JOIN clean.articles a USING (article_id)
        WHERE q.speaker IS NOT NULL
        """,
    ),
    View(
        "nlp.person_titles",
        "Each person's titles and affiliations over time: first and last day seen, articles.",
        """
        SELECT person, title, affiliation, min(news_date) AS first_seen, max(news_date) AS last_seen,
               count(DISTINCT article_id) AS articles, any_value(person_entity_id) AS person_entity_id
        FROM nlp.person_roles
        GROUP BY person, title, affiliation
        """,
    ),
    View(
        "daily.quotes_of_the_day",
        "Every attributed quote of a day with its article and kind (direct or indirect), most quoted speakers "
        "first; the count is of the speaker's quotes of that kind.",
        """
        SELECT news_date, speaker, speaker_title, quote, article_title, outlet, url,
               count(*) OVER (PARTITION BY news_date, speaker, kind) AS speaker_quotes_that_day, kind
        FROM nlp.quotes_by_person
        """,
    ),
    View(
        "daily.roles_of_the_day",
        "Who appeared in which role on each day, with the number of articles.",
        """
        SELECT news_date, person, title, affiliation, count(DISTINCT article_id) AS articles
        FROM nlp.person_roles
        GROUP BY news_date, person, title, affiliation
        """,
    ),
)
