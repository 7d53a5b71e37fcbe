"""Whole-page caching for anonymous readers, cleared by content namespace.

Every cached page names the namespaces whose content it shows ("news", "events" ...). Changing
content bumps its namespace's generation number; keys embed the generations, so a bump makes every
page that shows that content miss at once, while pages that do not show it stay cached.
"""

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

_GEN_PREFIX = "pagegen:"


def _generations(namespaces: tuple[str, ...]) -> list[str]:
    keys = [_GEN_PREFIX + ns for ns in namespaces]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex[:8] for key in keys if key not in found}
    if missing:
        # add() so that two processes starting together agree on one generation.
        for key, value in missing.items():
            cache.add(key, value, None)
        found.update(cache.get_many(list(missing)))
    return [str(found.get(key, "0")) for key in keys]


def bump(*namespaces: str) -> None:
    """Invalidate every cached page that shows content of these namespaces."""
    cache.set_many({_GEN_PREFIX + ns: uuid.uuid4().hex[:8] for ns in namespaces}, None)


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def public_page(*namespaces: str, timeout: int | None = None):
    """Cache a view's 200 responses for anonymous readers, keyed on the full URL."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            # PUBLIC_PAGE_CACHE=off (settings.PUBLIC_PAGE_CACHE_ENABLED) serves every page fresh: the
            # benchmark's cold runs, and debugging a page without clearing the cache.
            if not _cacheable_request(request) or not getattr(settings, "PUBLIC_PAGE_CACHE_ENABLED", True):
                return view(request, *args, **kwargs)
            url_hash = hashlib.sha1(request.get_full_path().encode()).hexdigest()
            key = "page:" + ".".join(_generations(namespaces)) + ":" + url_hash
            cached = cache.get(key)
            if cached is not None:
                content, content_type = cached
                response = HttpResponse(content, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(
                    key,
                    (response.content, response["Content-Type"]),
                    timeout if timeout is not None else settings.PUBLIC_PAGE_CACHE_SECONDS,
                )
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator
