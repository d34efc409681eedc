"""The Settings a definitions build uses, handed to the `@dg.definitions` functions of the defs folder.

dg loads the defs folder by importing its modules and calling their `@dg.definitions` functions, which take no
arguments of ours; `build_definitions(settings)` puts the settings in scope for the length of that load. A load
that did not come through it (`dg list defs` on the folder itself) falls back to the environment, read then,
not at import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from news_assets.settings import Settings

_settings: ContextVar[Settings | None] = ContextVar("news_assets_settings", default=None)


@contextmanager
def using_settings(settings: Settings) -> Iterator[Settings]:
    token = _settings.set(settings)
    try:
        yield settings
    finally:
        _settings.reset(token)


def settings_in_scope() -> Settings:
    return _settings.get() or Settings.from_env()
