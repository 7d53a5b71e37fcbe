"""The public course list and course page: filters, sections, pages, and what a course shows."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from committees.models import Committee
from grassroots.models import Project
from training.models import CourseKind
from training.selectors import PastCourses, upcoming_courses

from .factories import TODAY, make_course, make_past_course

pytestmark = pytest.mark.django_db


def _titles(html: str, section: str) -> list[str]:
    """Course titles of one section (upcoming-title or past-title), in page order."""
    match = re.search(rf'aria-labelledby="{section}".*?</section>', html, re.S)
    return re.findall(r'<li><a href="/training/\d+/">([^<]+)</a>', match.group(0)) if match else []


def _get(client, **params) -> str:
    response = client.get(reverse("training:course_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_sections_order_and_published_only(client):
    make_course(title="下月", starts_on=TODAY + dt.timedelta(days=30), ends_on=TODAY + dt.timedelta(days=31))
    make_course(title="正在举办", starts_on=TODAY - dt.timedelta(days=1), ends_on=TODAY + dt.timedelta(days=1))
    make_course(title="草稿", is_published=False)
    make_past_course(title="前年", starts_on=dt.date(2023, 5, 1))
    make_past_course(title="去年", starts_on=dt.date(2024, 5, 1))
    html = _get(client)
    assert _titles(html, "upcoming-title") == ["正在举办", "下月"]  # soonest first, a running course included
    assert _titles(html, "past-title") == ["去年", "前年"]  # latest first
    assert "草稿" not in html


def test_filters_by_project_kind_level_and_year(client):
    menqiu, rouliqiu = Project.objects.get(slug="menqiu"), Project.objects.get(slug="rouliqiu")
    make_past_course(title="门球裁判", project=menqiu, kind=CourseKind.REFEREE, level="county", starts_on=dt.date(2023, 5, 1))
    make_past_course(title="柔力球教练", project=rouliqiu, kind=CourseKind.COACH, level="city", starts_on=dt.date(2024, 5, 1))
    make_course(title="门球新规则", project=menqiu, kind=CourseKind.NEW_RULES, level="city")
    assert _titles(_get(client, project=menqiu.pk), "past-title") == ["门球裁判"]
    assert _titles(_get(client, project=menqiu.pk), "upcoming-title") == ["门球新规则"]
    assert _titles(_get(client, kind="coach"), "past-title") == ["柔力球教练"]
    assert _titles(_get(client, level="city", year="2024"), "past-title") == ["柔力球教练"]
    assert _titles(_get(client, year="2023"), "past-title") == ["门球裁判"]
    html = _get(client, when="past", project=menqiu.pk)
    assert 'id="upcoming-title"' not in html and _titles(html, "past-title") == ["门球裁判"]
    html = _get(client, when="upcoming")
    assert 'id="past-title"' not in html and _titles(html, "upcoming-title") == ["门球新规则"]
    # The chosen values stay selected in the form.
    assert f'<option value="{menqiu.pk}" selected>' in _get(client, project=menqiu.pk)


def test_bad_filter_values_show_every_course(client):
    make_past_course(title="往期")
    make_course(title="近期")
    for params in ({"year": "1999"}, {"kind": "nonsense"}, {"project": "999999"}, {"when": "bogus"}):
        html = _get(client, **params)
        assert _titles(html, "past-title") == ["往期"] and _titles(html, "upcoming-title") == ["近期"]


def test_past_courses_are_paged_with_the_total(client):
    for i in range(25):
        make_past_course(title=f"往期{i:02d}", starts_on=dt.date(2022, 1, 1) + dt.timedelta(days=i))
    make_course(title="近期")
    first = _get(client)
    assert len(_titles(first, "past-title")) == 20 and "第 1 页，共 2 页" in first
    second = _get(client, page=2)
    assert _titles(second, "past-title") == ["往期04", "往期03", "往期02", "往期01", "往期00"]
    assert 'id="upcoming-title"' in second and _titles(second, "upcoming-title") == []  # heads page 1 only
    assert "暂无即将举办的培训班" not in second
    assert _titles(_get(client, page=99), "past-title") == _titles(second, "past-title")  # the last page
    assert _titles(_get(client, page="x"), "past-title") == _titles(first, "past-title")


def test_selectors_read_rows_with_labels(db):
    course = make_course(title="近期", is_online=True)
    [row] = upcoming_courses({})
    assert (row.pk, row.title, row.project_name, row.is_online) == (course.pk, "近期", "柔力球", True)
    assert (row.level_label, row.kind_label) == ("市级", "教练员")
    assert row.get_absolute_url() == course.get_absolute_url()
    make_past_course(title="往期")
    past = PastCourses({})
    assert past.count() == 1 and [r.title for r in past[0:20]] == ["往期"]


def test_course_page_shows_its_facts(client):
    committee = Committee.objects.get(slug="rouliqiu")
    course = make_course(title="柔力球教练员培训班", committee=committee, description="第一行\n第二行")
    html = client.get(reverse("training:course_detail", args=[course.pk])).content.decode()
    assert f"<a href=\"/committees/\">{committee}</a>" in html
    assert "教练员 · 柔力球" in html and "市级" in html and "每个会员单位 3 人" in html
    assert "正在推荐，请联系所在县（市、区）老体协" in html
    assert "<p>第一行<br>第二行</p>" in html
    bare = make_past_course(title="综合培训", project=None, kind=CourseKind.INSTRUCTOR, quota_per_unit=None)
    html = client.get(reverse("training:course_detail", args=[bare.pk])).content.decode()
    assert "承办" not in html and "名额" not in html and "社会体育指导员</dd>" in html
