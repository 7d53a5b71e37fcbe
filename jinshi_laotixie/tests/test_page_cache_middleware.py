"""common.cache.PublicPageCacheMiddleware: cached public pages answered before the middleware
stack, with the headers that stack gave the page, and never for a reader with a session."""

import pytest
from django.test import Client
from django.urls import reverse

from news.tests import factories as nf

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Content-Type")


def test_a_hit_carries_the_headers_of_the_rendered_page(client):
    nf.article(title="缓存测试文章")
    miss = client.get(reverse("news:article_list"))
    hit = client.get(reverse("news:article_list"))
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit.content == miss.content and "缓存测试文章" in hit.content.decode()
    for header in SECURITY_HEADERS:
        assert hit[header] == miss[header], header
    assert "Set-Cookie" not in hit and not hit.cookies


def test_a_hit_skips_the_middleware_stack(client, django_assert_num_queries):
    """Answered before sessions and authentication: no query at all, and no view run."""
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_published_change_shows_at_once_through_the_middleware(client):
    client.get(reverse("news:article_list"))
    nf.article(title="刚刚发布的新闻")
    response = client.get(reverse("news:article_list"))
    assert response["X-Page-Cache"] == "miss" and "刚刚发布的新闻" in response.content.decode()


def test_a_logged_in_reader_is_never_served_the_cache(client, correspondent):
    anonymous = Client()
    anonymous.get("/")
    assert anonymous.get("/")["X-Page-Cache"] == "hit"
    client.force_login(correspondent)
    response = client.get("/")
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_query_strings_are_pages_of_their_own(client):
    for _ in range(17):
        nf.article()
    first = client.get(reverse("news:article_list")).content
    second = client.get(reverse("news:article_list") + "?page=2")
    assert second["X-Page-Cache"] == "miss" and second.content != first
