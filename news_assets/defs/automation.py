"""Jobs, the daily schedule and the landing-folder sensor."""

import json
from typing import Any

import dagster as dg

from news_assets.defs.ccnews import CCNEWS_ASSETS
from news_assets.defs.partitions import daily_partitions
from news_assets.defs.read_copy import READ_COPY_KEY
from news_assets.defs.resources import PageSources
from news_assets.defs.scope import settings_in_scope
from news_assets.settings import Settings
from news_assets.sources import LandingSource

# Unpartitioned assets over every day; they follow the daily assets by automation or the catalog job.
ALL_DAYS_ASSETS = dg.AssetSelection.assets(["nlp", "entities"], ["daily", "analyst_views"])


def job_executor(settings: Settings) -> dg.ExecutorDefinition:
    """The executor of both jobs, chosen by the deployment profile (see deploy/ and docs/scaling.md).

    `celery` (the `scale` profile): every step becomes a task on the Celery broker at NEWS_ASSETS_CELERY_BROKER
    (results at NEWS_ASSETS_CELERY_BACKEND; Dagster reads both when a run starts), run by `dagster-celery` workers
    on any machine that reaches the broker, the Dagster instance's PostgreSQL and the storage. `in_process` (the
    `local` profile): one process per run, so Kiwi loads once and DuckDB sees one writer; each stage uses every
    core itself.
    """
    if settings.executor == "celery":
        from dagster_celery import celery_executor

        return celery_executor.configured(
            {"broker": {"env": "NEWS_ASSETS_CELERY_BROKER"}, "backend": {"env": "NEWS_ASSETS_CELERY_BACKEND"}},
            name="celery",
        )
    return dg.in_process_executor


def landing_folder_sensor(partitions: dg.PartitionsDefinition, job: Any) -> dg.SensorDefinition:
    @dg.sensor(
        name="landing_folder_sensor",
        job=job,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description="Requests a day's partition when its landing folder appears or changes; unchanged days are left.",
    )
    def _sensor(context: dg.SensorEvaluationContext, sources: PageSources) -> dg.SensorResult:
        seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
        valid = set(partitions.get_partition_keys())
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

    return _sensor


@dg.definitions
def defs() -> dg.Definitions:
    settings = settings_in_scope()
    partitions = daily_partitions(settings)
    executor = job_executor(settings)
    read_copy = dg.AssetSelection.assets(READ_COPY_KEY) if not settings.storage_config.is_lake else None
    daily_news_job = dg.define_asset_job(
        name="daily_news_job",
        description=(
            "Every daily asset for the selected KST days: pages → articles → NLP → daily aggregates, then the "
            "read copy."
        ),
        selection=dg.AssetSelection.all() - ALL_DAYS_ASSETS - CCNEWS_ASSETS,
        executor_def=executor,
    )
    catalog_job = dg.define_asset_job(
        name="catalog_job",
        description="Rebuild what spans all days: the nlp.entities registry and the analyst views (then the read copy).",
        selection=ALL_DAYS_ASSETS | read_copy if read_copy is not None else ALL_DAYS_ASSETS,
        executor_def=executor,
    )
    daily_schedule = dg.build_schedule_from_partitioned_job(
        daily_news_job,
        name="daily_news_schedule",
        description="At 01:00 KST, process the KST day that just ended. Stopped until you turn it on.",
        hour_of_day=1,
        minute_of_hour=0,
        default_status=dg.DefaultScheduleStatus.STOPPED,
    )
    return dg.Definitions(
        jobs=[daily_news_job, catalog_job],
        schedules=[daily_schedule],
        sensors=[landing_folder_sensor(partitions, daily_news_job)],
    )
