"""Site-wide pages: these may import every app; no app imports this module."""

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps import Sitemap
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from common.cache import public_page
from common.registry import registry


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["home", "about", "grassroots:finder", "committees:committee_list", "events:event_list", "training:course_list", "news:article_list", "news:document_list"]

    def location(self, item):
        return reverse(item)


class _SitemapIndex(dict):
    """The sitemap sections: the static pages plus whatever each app registered."""

    def items(self):
        return {"pages": StaticPagesSitemap, **registry.sitemaps}.items()

    def __iter__(self):
        return iter(dict(self.items()))

    def __getitem__(self, key):
        return dict(self.items())[key]

    def values(self):
        return dict(self.items()).values()


SITEMAPS = _SitemapIndex()


@public_page("news", "events", "committees", "training", "grassroots", "site")
def home(request):
    from .selectors import home_context

    return render(request, "home.html", home_context())


@public_page("site", "committees", "grassroots")
def about(request):
    from committees.selectors import association_leadership
    from grassroots.models import Organisation

    from .models import SitePage

    units = Organisation.objects.member_units().active().order_by("sort_order", "pk")
    pages = SitePage.objects.published().only("slug", "title", "summary")
    return render(request, "about.html", {"leadership": association_leadership(), "units": units, "pages": pages})


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure of the database means "not healthy"
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /portal/", "Disallow: /accounts/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


# The overview shows the first few hits of each kind, each kind links to its full list: a page of
# 6 kinds x 20 hits took 30 ms to highlight and render, and a reader on a phone scrolls past most.
HITS_PER_KIND = 5
HITS_ONE_KIND = 20
MIN_QUERY_CHARS = 2


@dataclass(slots=True)
class SearchGroup:
    """One kind's hits on the search page. An object, not a dict: Jinja2 tries an attribute before
    an item, and each of the page's ~70 lookups on a dict raised and caught an AttributeError
    (py-spy: 5 % of a search's CPU in Environment.getattr)."""

    name: str  # the provider's key, as in ?kind=
    kind: str  # its label
    hits: list
    more: bool


# Results are public pages like the rest: cached per query for anonymous readers, and cleared when
# the content of any app that answers searches changes.
@public_page("news", "events", "grassroots", "training", "committees")
def search(request):
    # Control characters never belong in a query, and PostgreSQL refuses NUL in any string (a 500).
    query = _CONTROL_CHARS.sub(" ", request.GET.get("q") or "").strip()[:100]
    kind = request.GET.get("kind") or ""
    providers = registry.search_providers
    if kind not in providers:
        kind = ""
    # One character matches nearly everything and, found by no index, read every row's text.
    too_short = bool(query) and len(query.replace(" ", "")) < MIN_QUERY_CHARS
    groups = []
    if query and not too_short:
        chosen = {kind: providers[kind]} if kind else providers
        limit = HITS_ONE_KIND if kind else HITS_PER_KIND
        for name, provider in chosen.items():
            # One more than shown says whether the kind has more to see.
            hits = list(provider(request, query, limit + 1))
            if hits:
                groups.append(SearchGroup(name, hits[0].kind, hits[:limit], len(hits) > limit))
    total = sum(len(group.hits) for group in groups)
    return render(request, "search.html", {
        "query": query, "groups": groups, "total": total, "kind": kind, "too_short": too_short,
        "min_chars": MIN_QUERY_CHARS,
    })


def _sort_key(task):
    from .reminders import _as_date

    due = _as_date(task.due)
    return (due is None, due or dt.date.max, task.title)


@login_required
def workbench(request):
    from accounts.roles import is_correspondent, is_secretariat
    from grassroots.models.organisations import acting_unit
    from news.models import Article
    from news.models.articles import EDITABLE_STATUSES

    from .selectors import unit_figures

    tasks = []
    for provider in registry.workbench_providers.values():
        tasks.extend(provider(request))
    tasks.sort(key=_sort_key)
    year = timezone.localdate().year
    staff = is_secretariat(request.user)
    unit = None if staff else acting_unit(request.user)
    drafts = []
    if is_correspondent(request.user) or unit is not None:
        drafts = list(
            Article.objects.by_writer(request.user).filter(status__in=EDITABLE_STATUSES).select_related("section").order_by("-updated_at", "-pk")[:10]
        )
    return render(request, "portal/workbench.html", {
        "tasks": tasks,
        "today": timezone.localdate(),
        "year": year,
        "unit": unit,
        "figures": unit_figures(unit, year) if unit is not None else [],
        "drafts": drafts,
        "staff": staff,
    })


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that could fail again: a plain, self-contained template.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
