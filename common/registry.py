"""Hooks that lower apps offer and higher apps fill in their AppConfig.ready().

Dependencies run one way (accounts <- grassroots <- committees <- events, training; news), so a
page that gathers from every app (search, the workbench, the sitemap) asks these registries
instead of importing the apps.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class SearchHit:
    kind: str  # human label of the group, e.g. "新闻"
    title: str
    url: str
    snippet: str = ""
    date: dt.date | None = None
    score: float = 0.0


@dataclass
class WorkbenchTask:
    """One thing a coordinator or correspondent should do, with its date."""

    title: str
    url: str
    due: dt.date | dt.datetime | None = None
    kind: str = ""
    note: str = ""


@dataclass
class Registry:
    # Each search provider: (request, query, limit) -> iterable of SearchHit.
    search_providers: dict[str, Callable[..., Iterable[SearchHit]]] = field(default_factory=dict)
    # Each workbench provider: (request) -> iterable of WorkbenchTask.
    workbench_providers: dict[str, Callable[..., Iterable[WorkbenchTask]]] = field(default_factory=dict)
    # Each sitemap: name -> django.contrib.sitemaps.Sitemap subclass or instance.
    sitemaps: dict[str, object] = field(default_factory=dict)

    def register_search(self, name: str, provider: Callable[..., Iterable[SearchHit]]) -> None:
        self.search_providers[name] = provider

    def register_workbench(self, name: str, provider: Callable[..., Iterable[WorkbenchTask]]) -> None:
        self.workbench_providers[name] = provider

    def register_sitemap(self, name: str, sitemap: object) -> None:
        self.sitemaps[name] = sitemap


registry = Registry()
