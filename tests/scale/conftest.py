"""Fixtures for the scale tests: real PostgreSQL, Redis and S3 (moto) on loopback, started once per session.

Every test here is marked `scale` (registered below). Run them with `.venv/bin/pytest -m scale tests/scale`.
A fixture whose service binary is missing skips its tests with the install command instead of failing.
"""

from __future__ import annotations

import pytest

from tests.scale import services


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "scale: tests that start real services on loopback (PostgreSQL, Redis, S3 via moto); make test-scale"
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/scale/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.scale)


def _start(starter, *args, **kwargs):
    try:
        return starter(*args, **kwargs)
    except services.ServiceUnavailable as e:
        pytest.skip(str(e))


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL cluster for the whole session (`services.Postgres`: .libpq(db), .url(db), .create_database())."""
    pg = _start(services.start_postgres)
    yield pg
    pg.stop()


@pytest.fixture
def pg_database(postgres):
    """A fresh, empty database in the session's cluster; its name. Dropped after the test."""
    name = postgres.create_database()
    yield name
    postgres.drop_database(name)


@pytest.fixture(scope="session")
def redis_server():
    """A redis-server for the whole session (`services.Redis`: .url(db))."""
    redis = _start(services.start_redis)
    yield redis
    redis.stop()


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server for the whole session with bucket `news-lake` (`services.S3`: .endpoint, .bucket, keys)."""
    s3 = _start(services.start_s3)
    yield s3
    s3.stop()
