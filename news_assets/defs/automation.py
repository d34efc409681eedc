"""Jobs, the daily schedule and the landing-folder sensor."""

import json
import os

import dagster as dg

from news_assets.defs.partitions import daily_partitions
from news_assets.defs.resources import PageSources
from news_assets.sources import LandingSource


def job_executor() -> dg.ExecutorDefinition:
    """The executor of both jobs, chosen by the deployment profile (see deploy/ and docs/scaling.md).

    NEWS_ASSETS_EXECUTOR=celery (the `scale` profile): every step becomes a task on the Celery broker at
    NEWS_ASSETS_CELERY_BROKER (results at NEWS_ASSETS_CELERY_BACKEND), run by `dagster-celery` workers on any
    machine that reaches the broker, the Dagster instance's PostgreSQL and the storage. Unset or `in_process`
    (the `local` profile): one process per run, so Kiwi loads once and DuckDB sees one writer; each stage
    uses every core itself.
    """
    choice = os.environ.get("NEWS_ASSETS_EXECUTOR", "in_process")
    if choice == "in_process":
        return dg.in_process_executor
    if choice == "celery":
        from dagster_celery import celery_executor

        return celery_executor.configured(
            {"broker": {"env": "NEWS_ASSETS_CELERY_BROKER"}, "backend": {"env": "NEWS_ASSETS_CELERY_BACKEND"}},
            name="celery",
        )
    raise ValueError(f"NEWS_ASSETS_EXECUTOR={choice!r}: use in_process (the default) or celery")


# Unpartitioned assets over every day; they follow the daily assets by automation or the catalog job.
ALL_DAYS_ASSETS = dg.AssetSelection.assets(["nlp", "entities"], ["daily", "analyst_views"])

daily_news_job = dg.define_asset_job(
    name="daily_news_job",
    description="Every daily asset for the selected KST days: pages → articles → NLP → daily aggregates.",
    selection=dg.AssetSelection.all() - ALL_DAYS_ASSETS,
    executor_def=job_executor(),
)

catalog_job = dg.define_asset_job(
    name="catalog_job",
    description="Rebuild what spans all days: the nlp.entities registry and the analyst views.",
    selection=ALL_DAYS_ASSETS,
    executor_def=job_executor(),
)

daily_schedule = dg.build_schedule_from_partitioned_job(
    daily_news_job,
    name="daily_news_schedule",
    description="At 01:00 KST, process the KST day that just ended. Stopped until you turn it on.",
    hour_of_day=1,
    minute_of_hour=0,
    default_status=dg.DefaultScheduleStatus.STOPPED,
)


@dg.sensor(
    name="landing_folder_sensor",
    job=daily_news_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Requests a day's partition when its landing folder appears or changes; unchanged days are left.",
)
def landing_folder_sensor(context: dg.SensorEvaluationContext, sources: PageSources):
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    valid = set(daily_partitions.get_partition_keys())
    requests = []
    for landing in (s for s in sources.load() if isinstance(s, LandingSource)):
        for day in landing.days():
            key = f"{landing.name}:{day.isoformat()}"
            fingerprint = landing.fingerprint(day)
            if day.isoformat() not in valid or fingerprint is None or seen.get(key) == fingerprint:
                continue
            seen[key] = fingerprint
            requests.append(dg.RunRequest(partition_key=day.isoformat(), run_key=f"{key}:{fingerprint}"))
    if not requests:
        return dg.SensorResult(skip_reason="No new or changed landing days", cursor=json.dumps(seen))
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen))
