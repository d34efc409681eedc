"""Every worked query in docs/queries.md runs on a database built from the bundled sample and returns rows."""

import re

import duckdb
import pytest

from tests.paths import REPO_ROOT

pytestmark = pytest.mark.slow

QUERIES = re.findall(r"^## (.+?)\n.*?```sql\n(.*?)```", (REPO_ROOT / "docs" / "queries.md").read_text(), re.S | re.M)


def test_the_document_has_at_least_eight_worked_questions():
    assert len(QUERIES) >= 8


@pytest.mark.parametrize(("question", "sql"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_returns_rows_on_the_sample(sample_database, question, sql):
    with duckdb.connect(str(sample_database), read_only=True) as conn:
        rows = conn.execute(sql).fetchall()
    assert rows, f"no rows for: {question}"
    assert all(any(value is not None for value in row) for row in rows)
