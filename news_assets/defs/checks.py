"""Asset checks: each is a SQL query for the rows that break a rule; the check passes when there are none.

A check of a partitioned table is partitioned too and reads only the days of its run ($first … $last): a run
for another day may be half-way through its own steps at the same moment, and its unfinished day is not this
run's failure. Checks of the all-days assets read everything.

A backfill's checks run over its whole range, so a rule whose violations belong to one day runs one day at a
time ($first = $last), each day on its own connection: a query over a 60-day range of 2,000-page days (every
mention joined to its article's body) filled DuckDB's buffer pool to its limit at the end of the run and made
that run's peak, 1,248 MB against 956 MB for 7 days. Only the rules whose violation spans days (an id that
appears on two days, `across_days`) read the range at once, and they read id columns only.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date

import dagster as dg
import duckdb
import polars as pl

from news_assets.defs.metadata import markdown_table
from news_assets.defs.partitions import daily_partitions, first_and_last_day
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import DUCKDB_POOL
from news_assets.kst import days_between
from news_assets.views import trending_select

# Violating rows shown in a check's metadata (the count is of all of them).
EXAMPLES = 10


@dataclass(frozen=True)
class Rule:
    asset: tuple[str, str]
    name: str
    description: str
    violations_sql: str
    blocking: bool = False
    # The rule's violations can span days (the same id on two days): it reads the range at once, ids only.
    across_days: bool = False


RULES: tuple[Rule, ...] = (
    Rule(
        ("raw", "pages"),
        "unique_page_ids",
        "No page_id appears twice: a re-run replaced its day instead of appending to it.",
        "SELECT page_id, count(*) AS copies FROM raw.pages WHERE news_date BETWEEN $first AND $last"
        " GROUP BY page_id HAVING count(*) > 1",
        blocking=True,
        across_days=True,
    ),
    Rule(
        ("clean", "articles"),
        "every_page_accounted_for",
        "For every day, pages in raw.pages = articles (unique + duplicates) + rejects: nothing lost silently.",
        """
        WITH p AS (SELECT news_date, count(*) AS pages FROM raw.pages
                   WHERE news_date BETWEEN $first AND $last GROUP BY ALL),
             a AS (SELECT news_date, count(*) AS articles FROM clean.articles
                   WHERE news_date BETWEEN $first AND $last GROUP BY ALL),
             r AS (SELECT news_date, count(*) AS rejects FROM clean.rejects
                   WHERE news_date BETWEEN $first AND $last GROUP BY ALL)
        SELECT p.news_date, p.pages, coalesce(a.articles, 0) AS articles, coalesce(r.rejects, 0) AS rejects
        FROM p LEFT JOIN a USING (news_date) LEFT JOIN r USING (news_date)
        WHERE p.pages <> coalesce(a.articles, 0) + coalesce(r.rejects, 0)
        ORDER BY p.news_date
        """,
        blocking=True,
    ),
    Rule(
        ("clean", "articles"),
        "no_empty_bodies",
        "Every article has body text and a title; pages without them must be rejects.",
        """
        SELECT news_date, article_id, url FROM clean.articles
        WHERE news_date BETWEEN $first AND $last
          AND (body IS NULL OR length(trim(body)) = 0 OR title IS NULL OR length(trim(title)) = 0)
        """,
    ),
    Rule(
        ("clean", "articles"),
        "unique_article_ids",
        "No article_id appears twice, and a page never gives both an article and a reject.",
        """
        SELECT article_id, count(*) AS copies FROM clean.articles
        WHERE news_date BETWEEN $first AND $last GROUP BY article_id HAVING count(*) > 1
        UNION ALL
        SELECT a.page_id, 2 FROM clean.articles a JOIN clean.rejects r USING (page_id)
        WHERE a.news_date BETWEEN $first AND $last
        """,
        across_days=True,
    ),
    Rule(
        ("nlp", "mentions"),
        "offsets_inside_body",
        "Every mention's [start, end) lies inside its article's body and matches its surface.",
        """
        SELECT m.news_date, m.article_id, m.surface, m.start, m."end"
        FROM nlp.mentions m JOIN clean.articles a USING (news_date, article_id)
        WHERE m.news_date BETWEEN $first AND $last AND a.news_date BETWEEN $first AND $last
          AND (m.start < 0 OR m."end" <= m.start OR m."end" > length(a.body)
               OR substring(a.body, m.start + 1, m."end" - m.start) <> m.surface)
        """,
    ),
    Rule(
        ("daily", "entity_counts"),
        "totals_match_mentions",
        "For every day, the sum of daily mentions equals the day's rows in nlp.mentions (unique stories).",
        """
        WITH d AS (SELECT news_date, sum(mentions) AS daily FROM daily.entity_counts
                   WHERE news_date BETWEEN $first AND $last GROUP BY ALL),
             m AS (SELECT news_date, count(*) AS mentions FROM nlp.mentions
                   WHERE news_date BETWEEN $first AND $last GROUP BY ALL)
        SELECT coalesce(d.news_date, m.news_date) AS news_date, d.daily, m.mentions
        FROM d FULL JOIN m USING (news_date)
        WHERE coalesce(d.daily, 0) <> coalesce(m.mentions, 0)
        """,
    ),
    Rule(
        ("daily", "source_volume"),
        "pages_add_up",
        "For every outlet and day, pages = articles + duplicates + rejects.",
        """
        SELECT news_date, outlet, pages, articles, duplicates, rejects FROM daily.source_volume
        WHERE news_date BETWEEN $first AND $last AND pages <> articles + duplicates + rejects
        """,
    ),
    Rule(
        ("nlp", "entities"),
        "one_row_per_entity",
        "The registry has one row per entity_id and no entity without a name or type.",
        """
        SELECT entity_id, count(*) AS rows FROM nlp.entities GROUP BY entity_id
        HAVING count(*) > 1 OR bool_or(name IS NULL OR type IS NULL)
        """,
    ),
)


def _trend_cutoff_violations_sql(days_checked: int = 7) -> str:
    """Rows of daily.trending_entities for the last processed days that differ from the same trend
    recomputed with every day after D removed: a non-empty result means a score looked at later days."""
    recomputed = trending_select(
        "(SELECT news_date, entity_id, name, type, articles, mentions, outlets FROM daily.entity_counts"
        " WHERE news_date <= cutoff.day)",
        "entity_id",
        "trend",
        days="(SELECT news_date FROM daily.source_volume WHERE news_date <= cutoff.day)",
    )
    return f"""
    WITH cutoffs AS (
        SELECT DISTINCT news_date AS day FROM daily.source_volume ORDER BY day DESC LIMIT {days_checked}
    ),
    expected AS (
        SELECT cutoff.day, r.* FROM cutoffs cutoff, LATERAL ({recomputed}) r WHERE r.news_date = cutoff.day
    ),
    actual AS (
        SELECT c.day, t.* FROM cutoffs c JOIN daily.trending_entities t ON t.news_date = c.day
    )
    (SELECT 'missing or different' AS problem, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual))
    UNION ALL
    (SELECT 'unexpected', * FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected))
    UNION ALL
    (SELECT 'baseline after D', NULL, t.* FROM daily.trending_entities t WHERE t.baseline_last_day >= t.news_date)
    """


def check_windows(rule: Rule, window: tuple[date, date] | None) -> list[tuple[date, date] | None]:
    """The ($first, $last) windows `rule` runs over for a run of `window` (None: the rule reads every day): one
    per day, or the whole window for a rule whose violations span days."""
    if window is None or "$first" not in rule.violations_sql:
        return [None]
    if rule.across_days:
        return [window]
    return [(day, day) for day in days_between(*window)]


def find_violations(
    connect: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
    sql: str,
    windows: list[tuple[date, date] | None],
    examples: int = EXAMPLES,
) -> tuple[int, pl.DataFrame]:
    """The violations of `sql` over each window ($first, $last; None: no parameters) in turn, each on its own
    connection (what one window's query held is released before the next): their count and the first
    `examples` rows. A range checked one day at a time holds one day's rows, never the range's."""
    count, shown = 0, pl.DataFrame()
    for window in windows:
        params = {} if window is None else {"first": window[0], "last": window[1]}
        with connect() as conn:
            found = conn.execute(sql, params).pl()
        count += found.height
        if shown.height < examples and found.height:
            head = found.head(examples - shown.height)
            shown = head if shown.is_empty() else pl.concat([shown, head], how="vertical_relaxed")
    return count, shown


def _build_check(rule: Rule, partitions: dg.PartitionsDefinition) -> dg.AssetChecksDefinition:
    partitioned = "$first" in rule.violations_sql

    @dg.asset_check(
        asset=dg.AssetKey(list(rule.asset)),
        name=rule.name,
        description=rule.description,
        blocking=rule.blocking,
        pool=DUCKDB_POOL,
        partitions_def=partitions if partitioned else None,
    )
    def _check(context: dg.AssetCheckExecutionContext, storage: NewsStorage) -> dg.AssetCheckResult:
        window = first_and_last_day(context.partition_time_window) if partitioned else None
        count, examples = find_violations(storage.connection, rule.violations_sql, check_windows(rule, window))
        return dg.AssetCheckResult(
            passed=count == 0,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "violations": count,
                "examples": dg.MetadataValue.md(markdown_table(examples)),
            },
        )

    return _check


RULES += (
    Rule(
        ("daily", "analyst_views"),
        "trends_never_read_later_days",
        "For the last 7 days D, daily.trending_entities equals the trend recomputed with every day after D "
        "removed, and no baseline reads D or a later day.",
        _trend_cutoff_violations_sql(),
    ),
)


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    return dg.Definitions(asset_checks=[_build_check(rule, partitions) for rule in RULES])
