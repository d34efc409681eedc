"""The Dagster layer: assets, checks, jobs, schedule, sensor and resources. No parsing or NLP here."""
