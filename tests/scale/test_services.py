"""The service fixtures themselves: each service answers a real client."""

from __future__ import annotations


def test_postgres_answers(postgres, pg_database):
    import psycopg2

    with psycopg2.connect(postgres.libpq(pg_database)) as conn, conn.cursor() as cur:
        cur.execute("SELECT current_database(), version()")
        name, version = cur.fetchone()
    assert name == pg_database
    assert "PostgreSQL" in version


def test_redis_answers(redis_server):
    import redis

    client = redis.Redis.from_url(redis_server.url())
    assert client.ping()
    client.set("k", "v")
    assert client.get("k") == b"v"


def test_s3_answers(s3_server):
    client = s3_server.client()
    client.put_object(Bucket=s3_server.bucket, Key="probe/x.txt", Body=b"x")
    assert "probe/x.txt" in s3_server.keys("probe/")
