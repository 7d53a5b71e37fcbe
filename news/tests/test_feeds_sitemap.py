import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import feedparser
import pytest
from django.core.cache import cache
from django.urls import reverse

from news.models import ArticleStatus

from . import factories

pytestmark = pytest.mark.django_db


def test_latest_feed_is_valid_with_full_titles_and_absolute_links(client):
    long_title = "晋城市第五届老年文体艺术节圆满落幕暨全市老年人柔力球健身秧歌展示活动在市体育中心隆重举行"
    factories.article(title=long_title, summary="艺术节闭幕。")
    factories.article(title="草稿不进订阅", status=ArticleStatus.DRAFT)
    response = client.get(reverse("news:feed"))
    assert response.status_code == 200 and "xml" in response["Content-Type"]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version.startswith("rss")
    titles = [entry.title for entry in feed.entries]
    assert long_title in titles and "草稿不进订阅" not in titles
    entry = feed.entries[titles.index(long_title)]
    assert entry.summary == "艺术节闭幕。"
    assert urlparse(entry.link).scheme == "http" and urlparse(entry.link).netloc == "testserver"
    assert entry.published_parsed is not None


def test_section_feed_has_only_that_section(client):
    factories.article(title="赛事新闻", section_slug="saishi")
    factories.article(title="党建新闻", section_slug="dangjian")
    feed = feedparser.parse(client.get(reverse("news:section_feed", args=["saishi"])).content)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["赛事新闻"]
    assert "赛事活动" in feed.feed.title
    assert client.get(reverse("news:section_feed", args=["nope"])).status_code == 404


def test_sitemap_parses_and_every_url_answers_200(client):
    factories.article(title="进地图的新闻")
    factories.article(title="草稿", status=ArticleStatus.DRAFT)
    document = factories.document()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    paths = {urlparse(loc).path for loc in locations}
    assert document.get_absolute_url() in paths and "/news/section/jiceng/" in paths
    cache.clear()
    for path in sorted(paths):
        assert client.get(path).status_code == 200, path


def test_robots_points_at_sitemap(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
