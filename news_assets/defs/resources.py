"""The resources of every job: `storage` (news_assets/defs/storage.py), the IO manager holding that same storage
as a nested resource (so a deployment configures storage once), the page sources and the NLP configuration."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from pydantic import Field

from news_assets.defs.io_manager import TableIOManager
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.settings import Settings
from news_assets.sources import LandingSource, Source, load_sources


class PageSources(dg.ConfigurableResource):
    """Where raw pages come from: the sources YAML file when one is set, else the landing folder alone."""

    landing_root: str = Field(description="Landing folder used when no sources file is set")
    sources_file: str | None = Field(default=None, description="YAML file listing landing, WARC and HTTP sources")

    def load(self) -> list[Source]:
        """The configured sources; a bad file raises SourceConfigError naming the problem."""
        if self.sources_file:
            return load_sources(self.sources_file)
        return [LandingSource(Path(self.landing_root))]


class NlpSettings(dg.ConfigurableResource):
    """The NLP stage's configuration: gazetteer folders added to the package's own (and to Kiwi's dictionary)."""

    extra_gazetteer_dirs: list[str] = Field(
        default_factory=list, description="Gazetteer folders loaded after the package's own (NEWS_ASSETS_GAZETTEER)"
    )
    kiwi_workers: int | None = Field(
        default=None, description="Kiwi's tokenizer threads (NEWS_ASSETS_KIWI_WORKERS; default the CPU count, ≤ 8)"
    )


def build_resources(settings: Settings) -> dict[str, object]:
    storage = NewsStorage.from_settings(settings)
    return {
        "storage": storage,
        "io_manager": TableIOManager(storage=storage),
        "sources": PageSources(
            landing_root=str(settings.landing),
            sources_file=str(settings.sources_file) if settings.sources_file else None,
        ),
        "nlp": NlpSettings(
            extra_gazetteer_dirs=[str(p) for p in settings.gazetteer_dirs], kiwi_workers=settings.kiwi_workers
        ),
    }


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(resources=build_resources(settings_in_scope()))
