"""The issue's "done when", in a real browser on a phone: a correspondent writes an article with a
photo and sends it; staff return it with a note; the correspondent fixes it; staff publish it; it
is on the home page, in its section, in the feed and in search, with WeChat sharing meta."""

import re

import pytest
from django.urls import reverse

from news import services
from news.models import Article, ArticleStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _cover(tmp_path):
    from news.demo import make_cover

    path = tmp_path / "现场照片.jpg"
    path.write_bytes(make_cover("巴公镇柔力球队展示", "基层风采", "#0f6e6e"))
    return str(path)


def test_correspondent_to_publication_on_a_phone(
    transactional_db, live_server, phone_page, browser_login, screenshot, tmp_path, correspondent, staff_user
):
    page = phone_page
    browser_login(page, live_server.url, "tongxun")
    page.goto(f"{live_server.url}{reverse('news_portal:draft_create')}")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.wait_for(timeout=10000)  # the rich-text editor really started (its import map passed the CSP)
    page.fill("#id_title", "巴公镇柔力球队喜迎重阳展示")
    page.select_option("#id_section", label="基层风采")
    editor.click()
    page.keyboard.type("重阳节当天，泽州县巴公镇柔力球队在镇文化广场进行了展示。")
    page.set_input_files("#id_cover", _cover(tmp_path))
    screenshot(page, "news-portal-draft-form")
    page.get_by_role("button", name="保存并送审").click()
    page.wait_for_load_state()
    assert "待审核" in page.content()
    article = Article.objects.get(title="巴公镇柔力球队喜迎重阳展示")
    assert article.status == ArticleStatus.PENDING and article.cover and "巴公镇柔力球队" in article.body

    services.article_return(article=article, user=staff_user, note="请写明参加人数。")
    page.goto(f"{live_server.url}{reverse('news_portal:draft_list')}")
    assert "请写明参加人数。" in page.content()
    page.get_by_role("link", name="修改", exact=True).click()
    page.locator(".ProseMirror[contenteditable=true]").wait_for()
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("End")
    page.keyboard.type("共有二十八名队员参加。")
    page.get_by_role("button", name="保存并送审").click()
    page.wait_for_load_state()
    article.refresh_from_db()
    assert article.status == ArticleStatus.PENDING and "二十八名" in article.body
    screenshot(page, "news-portal-draft-list")

    services.article_publish(article=article, user=staff_user)
    reader = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    reader.goto(f"{live_server.url}/")
    assert "巴公镇柔力球队喜迎重阳展示" in reader.content()
    reader.goto(f"{live_server.url}{reverse('news:section', args=['jiceng'])}")
    assert "巴公镇柔力球队喜迎重阳展示" in reader.content()
    screenshot(reader, "news-list-phone")
    assert "巴公镇柔力球队喜迎重阳展示" in reader.request.get(f"{live_server.url}/news/feed/").text()
    reader.goto(f"{live_server.url}/search/?q=柔力球")
    assert reader.locator("mark", has_text="柔力球").count() >= 1

    reader.goto(f"{live_server.url}/a/{article.pk}/")
    assert reader.url.endswith(article.get_absolute_url())
    og_image = reader.locator('meta[property="og:image"]').get_attribute("content")
    assert re.match(r"^http://[^/]+/media/", og_image)
    assert reader.request.get(og_image).status == 200
    assert reader.locator('meta[property="og:title"]').get_attribute("content") == "巴公镇柔力球队喜迎重阳展示"
    # The cover fits the phone.
    width = reader.evaluate("document.querySelector('.article-cover img').getBoundingClientRect().width")
    assert 300 < width <= 390
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(reader, "news-article-phone")
    reader.get_by_role("button", name=re.compile("大字")).first.click()
    assert reader.evaluate("document.documentElement.classList.contains('text-large')")
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(reader, "news-article-phone-large")
    reader.context.close()
