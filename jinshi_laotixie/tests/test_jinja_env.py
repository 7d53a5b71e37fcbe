"""The Jinja2 environment of the public pages, and the bridge that puts Django-template pages (the
portal, login) into the same skeleton (jinshi_laotixie/jinja_env.py, site_tags.jinja_layout)."""

import datetime as dt
import re

import pytest
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.template.defaultfilters import urlencode as django_urlencode
from django.urls import reverse
from django.utils import timezone

from jinshi_laotixie import jinja_env


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


DATETIMES = [
    dt.datetime(2022, 12, 31, 23, 30, tzinfo=dt.UTC),  # already 1 January in Beijing
    timezone.make_aware(dt.datetime(2023, 6, 9, 8, 5)),
]


@pytest.mark.parametrize("fmt", ["Y年n月j日", "n月j日", "Y-m-d", "c", "Y年n月j日 H:i"])
@pytest.mark.parametrize("value", DATETIMES)
def test_date_filter_writes_what_django_writes_for_times(fmt, value):
    # Django's engine turns an aware datetime into local time before its |date filter sees it.
    assert jinja_env.date(value, fmt) == django_date(timezone.localtime(value), fmt)


@pytest.mark.parametrize("fmt", ["Y年n月j日", "n月j日", "Y-m-d"])
def test_date_filter_writes_what_django_writes_for_dates(fmt):
    for value in [dt.date(2022, 1, 5), dt.date(2023, 12, 31)]:
        assert jinja_env.date(value, fmt) == django_date(value, fmt)


def test_date_filter_of_nothing_is_empty():
    assert render("[{{ none|date }}][{{ blank|date('Y年n月j日') }}]", none=None, blank="") == "[][]"


def test_urlencode_matches_django():
    for text in ["柔力球", "a b&c=d", "/path/with space"]:
        assert jinja_env.urlencode(text) == django_urlencode(text)


def test_linebreaks_escape_first():
    assert render("{{ t|linebreaksbr }}", t="<b>一</b>\n二") == "&lt;b&gt;一&lt;/b&gt;<br>二"
    assert render("{{ t|linebreaks }}", t="一\n\n<i>二</i>") == "<p>一</p>\n\n<p>&lt;i&gt;二&lt;/i&gt;</p>"


def test_escaping_and_safe_strings():
    from django.utils.safestring import mark_safe

    out = render("{{ raw }}|{{ safe }}", raw="<script>x</script>", safe=mark_safe("<em>已审</em>"))
    assert out == "&lt;script&gt;x&lt;/script&gt;|<em>已审</em>"


def test_highlight_marks_words_of_plain_text_and_keeps_safe_html():
    from django.utils.safestring import mark_safe

    assert render("{{ t|highlight('柔力球') }}", t="<柔力球>比赛") == "&lt;<mark>柔力球</mark>&gt;比赛"
    assert render("{{ t|highlight('球') }}", t=mark_safe("<mark>门球</mark>")) == "<mark>门球</mark>"


def test_gettext_formats_new_style():
    assert render("{{ _('第 %(number)s 页', number=3) }}") == "第 3 页"
    assert render("{{ ngettext('%(num)d 条', '%(num)d 条', 7) }}") == "7 条"


@pytest.mark.parametrize("source", [
    "{{ _('保存') }}",
    "{{ _('Save') }}",  # translated by Django's catalogue: 保存
    "{{ _('100%% 完成') }}",  # always formatted, so %% is one % with or without variables
    "{{ _('第 %(number)s 页', number=3) }}",
    "{{ _('找到“%(query)s”', query=text) }}",  # a variable is escaped, the message is not
    "{% set t = _('报名') %}{{ t }}{{ t }}",
    "{{ _('每队 %(a)s—%(b)s 人', a=2, b='<5>') }}",
])
def test_translate_writes_what_jinjas_own_gettext_writes(source):
    import jinja2.ext

    env = engines["jinja2"].env
    assert env.globals["_"] is jinja_env.translate
    ours = render(source, text='<b>"柔力球"</b>')
    env.globals["_"] = jinja2.ext._gettext_alias
    try:
        jinjas = render(source, text='<b>"柔力球"</b>')
    finally:
        env.globals["_"] = jinja_env.translate
    assert ours == jinjas
    assert "<b>" not in ours


def test_translate_remembers_per_language():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert render("{{ _('Save') }}") == "保存"
    with translation.override("en"):
        assert render("{{ _('Save') }}") == "Save"
    with translation.override("zh-hans"):
        assert render("{{ _('Save') }}") == "保存"


def test_url_and_static():
    assert render("{{ url('news:section', 'dongtai') }}") == reverse("news:section", args=["dongtai"])
    assert render("{{ url('home') }}") == "/"
    assert render("{{ static('css/site.css') }}").endswith("css/site.css")


def test_missing_values_render_empty_like_django():
    assert render("[{{ nothing }}][{{ nothing.deeper.still }}]") == "[][]"


def _one(pattern: str, html: str) -> None:
    assert len(re.findall(pattern, html)) == 1, pattern


@pytest.mark.django_db
def test_login_page_is_a_django_template_in_the_one_skeleton(client):
    html = client.get(reverse("accounts:login")).content.decode()
    _one(r'<header class="site-header">', html)
    _one(r'<footer class="site-footer">', html)
    _one(r"<title>", html)
    assert html.startswith("<!doctype html>")
    assert 'name="username"' in html and "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_portal_page_keeps_its_blocks_and_the_jinja2_pager(client, zezhou_coordinator, zezhou):
    from grassroots.models import Organisation
    from grassroots.portal_views import PAGE_SIZE

    parent = Organisation.objects.filter(member_unit=zezhou, level=3).first() or zezhou
    level = parent.level + 1
    Organisation.objects.bulk_create(
        [Organisation(name=f"测试组织{i:03d}", parent=parent, level=level, member_unit=zezhou, slug=f"t-{i}") for i in range(PAGE_SIZE + 1)]
    ) if level <= 4 else None
    client.force_login(zezhou_coordinator)
    response = client.get(reverse("grassroots_portal:organisation_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<body class="portal' in html
    _one(r'<header class="site-header">', html)
    assert "市老体协工作平台" in html.split("</title>")[0]
    assert 'class="pager"' in html and "page=2" in html and "下一页" in html
    # Django's own template machinery still sees the page (assertTemplateUsed, response.context).
    assert "grassroots/portal/organisation_list.html" in [t.name for t in response.templates]
    assert response.context["page_obj"].number == 1


def test_url_is_remembered_per_script_prefix():
    from django.urls import set_script_prefix

    assert render("{{ url('news:section', slug='dongtai') }}") == reverse("news:section", kwargs={"slug": "dongtai"})
    assert render("{{ url('home') }}") == "/"
    set_script_prefix("/portal-under-a-prefix/")
    try:
        assert render("{{ url('home') }}") == "/portal-under-a-prefix/"
    finally:
        set_script_prefix("/")
    assert render("{{ url('home') }}") == "/"


@pytest.mark.django_db
def test_header_and_footer_are_rendered_once_per_key_and_follow_the_page_and_settings(client, settings, monkeypatch):
    renders = []
    original = jinja_env.Environment.get_template

    def counting(self, name, *args, **kwargs):
        if name in ("includes/header.html", "includes/footer.html"):
            renders.append(name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(jinja_env, "_fragments", {})
    monkeypatch.setattr(jinja_env.Environment, "get_template", counting)
    home, search = reverse("home"), reverse("search")
    for _ in range(3):
        assert client.get(search).status_code == 200
    assert renders.count("includes/header.html") == 1 and renders.count("includes/footer.html") == 1
    page = client.get(search).content.decode()
    assert 'aria-current="page"' not in page.split("</header>")[0]
    # The home page is another key: its header marks the home link as the current page.
    assert client.get(home).status_code == 200
    assert renders.count("includes/header.html") == 2
    assert 'aria-current="page"' in client.get(home).content.decode().split("</header>")[0]
    # Another contact (a setting) is another footer, not the remembered one.
    settings.SITE_CONTACT = {**settings.SITE_CONTACT, "phone": "0356-1234567"}
    assert "0356-1234567" in client.get(search, {"q": "另一页"}).content.decode()  # not the cached page
