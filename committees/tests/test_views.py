import datetime as dt

import pytest
from django.urls import reverse

from committees.models import Committee, Officer, OfficerRole
from committees.selectors import association_leadership
from common.registry import registry


def test_list_shows_committees_projects_and_directors(client, menqiu_officers):
    response = client.get(reverse("committees:committee_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "门球专项委员会" in html and "乒乓球专项委员会" in html
    assert "主任：<" not in html  # names, not empty labels
    assert "冯国栋" in html
    assert 'href="/committees/menqiu/"' in html


def test_list_hides_inactive_committees_and_retired_projects(client, menqiu):
    Committee.objects.filter(slug="wangqiu").update(is_active=False)
    project = menqiu.projects.get()
    project.is_active = False
    project.save()
    html = client.get(reverse("committees:committee_list")).content.decode()
    assert "网球专项委员会" not in html
    assert "<li>门球</li>" not in html


def test_detail_shows_introduction_and_current_officers_in_rank_order(client, menqiu, menqiu_officers, appoint):
    appoint(menqiu, OfficerRole.SECRETARY_GENERAL, name="焦秀梅")
    appoint(menqiu, OfficerRole.MEMBER, name="已卸任者", started_on=dt.date(2018, 1, 1), ended_on=dt.date(2020, 1, 1))
    menqiu.introduction = "负责全市门球运动"
    menqiu.save()
    response = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "负责全市门球运动" in html
    assert html.index("冯国栋") < html.index("秦永红") < html.index("焦秀梅")
    assert "已卸任者" not in html


def test_detail_has_no_personal_data(client, menqiu, appoint, make_person, city):
    person = make_person(city, name="隐私测试", phone="13912345678", birth=dt.date(1956, 3, 14))
    Officer.objects.create(person=person, committee=menqiu, role=OfficerRole.MEMBER, term=menqiu.current_term, started_on=dt.date(2022, 1, 1))
    html = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"})).content.decode()
    assert "隐私测试" in html
    for secret in (person.id_number, person.id_number[-4:] + "<", "13912345678", "1956-03-14", "1956年3月", "5678"):
        assert secret not in html
    html = client.get(reverse("committees:committee_list")).content.decode()
    assert person.id_number not in html and "13912345678" not in html


@pytest.mark.parametrize("slug", ["no-such-committee", "wangqiu"])
def test_unknown_or_inactive_committee_is_404(client, db, slug):
    Committee.objects.filter(slug="wangqiu").update(is_active=False)
    assert client.get(reverse("committees:committee_detail", kwargs={"slug": slug})).status_code == 404


def test_page_cache_is_cleared_when_officers_change(client, menqiu, appoint):
    url = reverse("committees:committee_detail", kwargs={"slug": "menqiu"})
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    appoint(menqiu, OfficerRole.DIRECTOR, name="新主任")
    response = client.get(url)
    assert "新主任" in response.content.decode()
    person = Officer.objects.get(person__name="新主任").person
    person.name = "改名主任"
    person.save()
    assert "改名主任" in client.get(url).content.decode()


def test_logged_in_officer_sees_fresh_page(client, committee_officer, menqiu):
    client.force_login(committee_officer)
    response = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"}))
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_about_page_shows_current_leadership(client, appoint):
    appoint(None, OfficerRole.CHAIRMAN, name="李建国", term=7)
    appoint(None, OfficerRole.VICE_CHAIRMAN, name="赵淑芳", term=7)
    appoint(None, OfficerRole.CHAIRMAN, name="吴福生", term=6, started_on=dt.date(2016, 1, 1), ended_on=dt.date(2021, 6, 1))
    html = client.get(reverse("about")).content.decode()
    assert "协会领导（第七届）" in html
    assert html.index("李建国") < html.index("赵淑芳")
    assert "吴福生" not in html


def test_leadership_selector_groups_by_role(appoint):
    appoint(None, OfficerRole.VICE_CHAIRMAN, name="乙", term=7, sort_order=2)
    appoint(None, OfficerRole.VICE_CHAIRMAN, name="甲", term=7, sort_order=1)
    appoint(None, OfficerRole.CHAIRMAN, name="丙", term=7)
    leadership = association_leadership()
    assert leadership["term_label"] == "第七届"
    assert [(g["label"], [o.person.name for o in g["officers"]]) for g in leadership["groups"]] == [
        ("主席", ["丙"]), ("副主席", ["甲", "乙"])
    ]


def test_leadership_selector_without_officers(db):
    assert association_leadership() == {"term": None, "term_label": "", "officers": [], "groups": []}


def test_search_provider_finds_committee_by_project(rf, db):
    hits = list(registry.search_providers["committees"](rf.get("/search/"), "象棋", 10))
    assert [hit.title for hit in hits] == ["棋牌专项委员会"]
    assert hits[0].url == "/committees/qipai/"


def test_sitemap_lists_committee_pages(client, db):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/committees/menqiu/" in xml


# ---- query budgets: same number of queries for 3 and for 30 rows ---------------------------------------------


def _make_committees(n, appoint):
    Committee.objects.all().delete()
    from grassroots.models import Project

    projects = list(Project.objects.all()[:3])
    for i in range(n):
        committee = Committee.objects.create(name=f"测试专委会{i}", slug=f"test-{i}", current_term=2)
        committee.projects.set(projects)
        appoint(committee, OfficerRole.DIRECTOR)
        appoint(committee, OfficerRole.DEPUTY_DIRECTOR)


@pytest.mark.parametrize("rows", [3, 30])
def test_list_query_budget(client, appoint, django_assert_max_num_queries, rows):
    _make_committees(rows, appoint)
    # The committees with their projects, and their directors.
    with django_assert_max_num_queries(2):
        response = client.get(reverse("committees:committee_list"))
    assert response.content.decode().count('class="committee-card"') == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_detail_query_budget(client, menqiu, appoint, django_assert_max_num_queries, rows):
    for i in range(rows):
        appoint(menqiu, OfficerRole.MEMBER, name=f"委员{i}")
    # The committee with its projects, its officers, upcoming and past events, news.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"}))
    assert response.content.decode().count('class="officer-name"') == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_about_query_budget(client, appoint, django_assert_max_num_queries, rows):
    for i in range(rows):
        appoint(None, OfficerRole.VICE_CHAIRMAN, name=f"副主席{i}", term=7)
    # 1 for the leadership, plus the site's member units and about pages (issue 8).
    with django_assert_max_num_queries(3):
        response = client.get(reverse("about"))
    assert response.content.decode().count('class="officer-name"') == rows


def test_site_search_page_lists_committees(client, db):
    html = client.get("/search/", {"q": "门球"}).content.decode()
    # The site search marks the query's words (issue 8): <mark>门球</mark>专项委员会.
    assert "<mark>门球</mark>专项委员会" in html and "/committees/menqiu/" in html


def test_detail_meta_description_cuts_the_introduction_as_before(client, menqiu):
    from django.template.defaultfilters import truncatechars

    menqiu.introduction = "门球专委会负责全市门球运动的推广和比赛。" * 8
    menqiu.save()
    html = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"})).content.decode()
    assert f'<meta name="description" content="{menqiu.name}：{truncatechars(menqiu.introduction, 90)}">' in html


def test_leadership_partial_renders_groups_in_rank_order(appoint):
    from django.template.loader import render_to_string

    appoint(None, OfficerRole.VICE_CHAIRMAN, name="赵淑芳", term=7)
    appoint(None, OfficerRole.CHAIRMAN, name="李建国", term=7)
    html = render_to_string("committees/includes/leadership.html", {"leadership": association_leadership()})
    assert "协会领导（第七届）" in html
    assert html.index("<dt>主席</dt>") < html.index("李建国") < html.index("<dt>副主席</dt>") < html.index("赵淑芳")
    empty = render_to_string("committees/includes/leadership.html", {"leadership": association_leadership(term=1)})
    assert "领导名单正在整理中。" in empty and "协会领导</h2>" in empty
