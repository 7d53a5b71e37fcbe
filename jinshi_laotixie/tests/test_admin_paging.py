"""The admin's long lists count at most up to a cap (common/admin_paging.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.admin_paging import AtLeast, CappedCountPaginator
from news.admin import ArticleAdmin
from news.tests import factories as nf

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_articles(db):
    return [nf.article(title=f"分页测试{n}") for n in range(5)]


def _changelist(client, **params):
    return client.get(reverse("admin:news_article_changelist"), {"q": "分页测试", **params})


def test_count_below_the_cap_is_exact(admin_client, five_articles, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 10)
    response = _changelist(admin_client)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 5 and not isinstance(response.context["cl"].result_count, AtLeast)


def test_count_past_the_cap_stops_there_and_says_so(admin_client, five_articles, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 4)
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 2)
    with CaptureQueriesContext(connection) as queries:
        response = _changelist(admin_client)
    cl = response.context["cl"]
    assert cl.result_count == 4 and str(cl.result_count) == "4+"
    html = response.content.decode()
    assert "4+" in html
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 5" in sql for sql in counts), counts
    # The pages up to the cap are there (the cap is a whole number of pages in use: 2000 of 100).
    second = _changelist(admin_client, p=2)
    assert second.status_code == 200 and len(second.context["cl"].result_list) == 2
    titles = {a.title for a in cl.result_list} | {a.title for a in second.context["cl"].result_list}
    assert len(titles) == 4


def test_select_all_acts_on_every_match_not_the_cap(admin_client, five_articles, monkeypatch):
    """'Select all 3+' is the whole filtered list: an action reaches all five."""
    monkeypatch.setattr(CappedCountPaginator, "cap", 3)
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 2)
    response = _changelist(admin_client)
    assert "3+" in response.content.decode()
    cl = response.context["cl"]
    assert cl.queryset.count() == 5


@pytest.mark.parametrize("name", ["王<b>&amp;\"'", "普通名字"])
def test_plain_action_checkbox_writes_what_django_renders(db, name):
    """common.admin_rows.PlainActionCheckbox: the row checkbox as Django's own, without a template."""
    from django.contrib import admin as django_admin

    from accounts.models import User
    from common.admin_rows import PlainActionCheckbox

    class Stock(django_admin.ModelAdmin):
        pass

    class Plain(PlainActionCheckbox, django_admin.ModelAdmin):
        pass

    user = User.objects.create(username=name)  # its str() is the username, escaped in the label
    assert str(user) == name
    site = django_admin.AdminSite()
    stock, plain = Stock(User, site), Plain(User, site)
    assert str(plain.action_checkbox(user)) == str(stock.action_checkbox(user))
    assert 'name="_selected_action"' in plain.action_checkbox(user)


def test_the_long_changelists_use_the_plain_checkbox():
    from django.contrib import admin as django_admin

    from common.admin_rows import PlainActionCheckbox
    from events.models import Entry
    from grassroots.models import Organisation, Person
    from news.models import Article
    from training.models import Nomination

    for model in (Person, Organisation, Entry, Nomination, Article):
        assert isinstance(django_admin.site._registry[model], PlainActionCheckbox), model
