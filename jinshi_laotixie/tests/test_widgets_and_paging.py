"""common/widgets.py (selects rendered without templates) and common/paging.py (pages without a
COUNT): the speed-ups behind the public lists must not change what readers get."""

import re

import pytest
from django import forms
from django.http import Http404

from common.paging import MAX_PAGE, countless_page, page_number
from common.widgets import PlainSelect, attributes_html, plain_selects


class _Filters(forms.Form):
    county = forms.ChoiceField(choices=[("", "全市"), ("zezhou", "泽州县"), ("x", '<b>"引号"&</b>')], required=False)
    project = forms.ModelChoiceField(queryset=None, required=False, empty_label="全部项目", to_field_name="slug")

    def __init__(self, *args, **kwargs):
        from grassroots.models import Project

        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.order_by("sort_order")


def _options(html):
    return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*(?:<[^o][^<]*)*)</option>', html)


@pytest.mark.django_db
def test_plain_select_renders_what_django_renders():
    django_form = _Filters({"county": "zezhou", "project": "menqiu"})
    plain_form = _Filters({"county": "zezhou", "project": "menqiu"})
    plain_selects(plain_form)
    for name in ("county", "project"):
        expected, got = str(django_form[name]), str(plain_form[name])
        assert isinstance(plain_form.fields[name].widget, PlainSelect)
        for attribute in (f'name="{name}"', f'id="id_{name}"', 'class="form-select"'):
            assert attribute in got
        assert len(_options(got)) >= 3 and _options(got) == _options(expected.replace("\n", "")), name
    html = str(plain_form["county"])
    assert '<option value="zezhou" selected>泽州县</option>' in html
    assert "&lt;b&gt;&quot;引号&quot;&amp;&lt;/b&gt;" in html and "<b>" not in html
    assert html.count(" selected") == 1
    assert '<option value="menqiu" selected>' in str(plain_form["project"])


@pytest.mark.parametrize("attrs", [
    {},
    {"name": "county", "id": "id_county", "class": "form-select"},
    {"required": True, "disabled": False, "multiple": True, "aria-describedby": None, "name": "x"},
    {"data-label": '<b>"引号"&\'</b>', "title": 3, "z": "", "a": True},
])
def test_attributes_are_written_as_flatatt_writes_them(attrs):
    from django.forms.utils import flatatt

    assert attributes_html(attrs) == flatatt(attrs)


@pytest.mark.django_db
def test_plain_select_reads_model_choices_in_one_plain_query():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    form = _Filters({"project": "menqiu"})
    plain_selects(form)
    assert form.is_valid()  # rendering a bound field validates the form first; that is not the widget's read
    with CaptureQueriesContext(connection) as queries:
        html = str(form["project"])
    # Django's ModelChoiceIterator would use .iterator(): a server-side cursor on PostgreSQL.
    assert len(queries) == 1 and "DECLARE" not in queries[0]["sql"].upper()
    assert html.index("全部项目") < html.index('value="menqiu"')


def _articles(n):
    from news.tests import factories

    return [factories.article(title=f"第{i}篇") for i in range(n)]


@pytest.mark.django_db
def test_countless_page_says_whether_there_is_more_without_counting(django_assert_num_queries):
    from news.models import Article

    _articles(7)
    articles = Article.objects.order_by("pk")
    with django_assert_num_queries(1):  # one query, no COUNT
        first = countless_page(articles, "1", 3)
    assert [a.title for a in first] == ["第0篇", "第1篇", "第2篇"]
    assert first.has_next() and not first.has_previous() and first.paginator is None
    last = countless_page(articles, 3, 3)
    assert len(last) == 1 and not last.has_next() and last.has_previous() and last.previous_page_number() == 2
    with pytest.raises(Http404):
        countless_page(articles, 4, 3)
    with pytest.raises(Http404):
        countless_page(articles, MAX_PAGE + 1, 3)
    assert countless_page(Article.objects.none(), 1, 3).object_list == []


@pytest.mark.parametrize("raw, number", [(None, 1), ("", 1), ("abc", 1), ("0", 1), ("-3", 1), ("2", 2), ("１２", 12)])
def test_page_numbers_that_mean_the_first_page(raw, number):
    assert page_number(raw) == number
