"""The public finder (健身去哪儿), the venue page, and the search/workbench/sitemap hooks."""

import datetime as dt

import pytest
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse

from common.registry import registry
from grassroots import services
from grassroots.models import OrgStatus, Venue

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(zezhou, gaoping):
    bagong = f.township(zezhou, "巴公镇", contact_person="巴公联系人", contact_phone="13900001111", phone_public=True)
    cun = f.village(bagong, "巴公一村", contact_person="保密人", contact_phone="13900002222", phone_public=False)
    jincun = f.township(zezhou, "金村镇")
    mishan = f.township(gaoping, "米山镇")
    v1 = f.venue(bagong, "巴公广场", projects=("门球",))
    f.team(bagong, "巴公门球队", venue=v1)
    v2 = f.venue(cun, "一村活动室", projects=("象棋",))
    v3 = f.venue(jincun, "金村广场", projects=("广场舞",))
    f.team(jincun, "金村柔力球队", project="柔力球", venue=v3)
    v4 = f.venue(mishan, "米山公园", projects=("太极拳(剑)",))
    hidden = f.venue(mishan, "内部场地", is_public=False)
    return {"bagong": bagong, "cun": cun, "jincun": jincun, "mishan": mishan, "v1": v1, "v2": v2, "v3": v3, "v4": v4, "hidden": hidden}


def names(response):
    return [v.name for v in response.context["page_obj"]]


class TestFinder:
    def test_all_public_venues(self, client, places):
        response = client.get(reverse("grassroots:finder"))
        assert set(names(response)) == {"巴公广场", "一村活动室", "金村广场", "米山公园"}

    def test_venues_keep_their_organisations_member_unit(self, client, places, zezhou, gaoping):
        """Venue.member_unit, the finder's county filter, follows the organisation: on save, and when
        the organisation moves to another county."""
        assert {v.member_unit_id for v in Venue.objects.filter(organisation__member_unit=zezhou)} == {zezhou.pk}
        assert Venue.objects.get(pk=places["v4"].pk).member_unit_id == gaoping.pk
        jincun = places["jincun"]
        jincun.parent = gaoping
        jincun.save()
        assert Venue.objects.get(pk=places["v3"].pk).member_unit_id == gaoping.pk
        assert "金村广场" in names(client.get(reverse("grassroots:finder"), {"county": "gaoping"}))
        assert "金村广场" not in names(client.get(reverse("grassroots:finder"), {"county": "zezhou"}))
        venue = places["v1"]
        venue.organisation = jincun
        venue.save(update_fields=["organisation"])
        assert Venue.objects.get(pk=venue.pk).member_unit_id == gaoping.pk
        # Every venue's copy agrees with its organisation's member unit.
        assert not Venue.objects.exclude(member_unit=F("organisation__member_unit")).exists()

    def test_filter_county(self, client, places):
        response = client.get(reverse("grassroots:finder"), {"county": "gaoping"})
        assert names(response) == ["米山公园"]

    def test_filter_township_includes_villages(self, client, places):
        response = client.get(reverse("grassroots:finder"), {"county": "zezhou", "township": places["bagong"].pk})
        assert set(names(response)) == {"巴公广场", "一村活动室"}
        # With a county chosen, only its townships are offered.
        choices = [str(label) for _value, label in response.context["filter"].form.fields["township"].choices]
        assert "米山镇" not in choices and "巴公镇" in choices and choices[0] == "全部乡镇/街道"
        # A township of another county is not a valid choice: the finder says so and shows all.
        response = client.get(reverse("grassroots:finder"), {"county": "gaoping", "township": places["bagong"].pk})
        assert response.context["filter"].errors and len(names(response)) == 4
        assert "筛选条件有误" in response.content.decode()

    def test_filter_project_by_venue_or_team(self, client, places):
        assert names(client.get(reverse("grassroots:finder"), {"project": "menqiu"})) == ["巴公广场"]
        assert names(client.get(reverse("grassroots:finder"), {"project": "rouliqiu"})) == ["金村广场"]

    def test_bad_filter_values_show_everything_not_an_error(self, client, places):
        response = client.get(reverse("grassroots:finder"), {"county": "nowhere", "project": "x"})
        assert response.status_code == 200
        # An unknown county offers every township, as with no county (the choices are read again).
        choices = [str(label) for _value, label in response.context["filter"].form.fields["township"].choices]
        assert {"巴公镇", "金村镇", "米山镇"} <= set(choices)
        counties = [str(label) for _value, label in response.context["filter"].form.fields["county"].choices]
        chosen = client.get(reverse("grassroots:finder"), {"county": "zezhou"}).context["filter"].form.fields["county"]
        assert [str(label) for _value, label in chosen.choices] == counties

    def test_contact_only_where_published_and_no_personal_data(self, client, places, make_person):
        person = make_person(places["bagong"], name="张健身", phone="13911112222")
        body = client.get(reverse("grassroots:finder"), {"county": "zezhou"}).content.decode()
        assert "13900001111" in body and "巴公联系人" in body
        assert "13900002222" not in body and "保密人" not in body
        assert person.id_number not in body and "13911112222" not in body
        assert "周一、周三、周五 08:00—10:00" in body

    def test_dissolved_org_hidden_and_cache_cleared(self, client, places):
        assert "一村活动室" in names(client.get(reverse("grassroots:finder")))
        services.organisation_dissolve(organisation=places["cun"], on=dt.date(2023, 1, 1))
        assert "一村活动室" not in names(client.get(reverse("grassroots:finder")))

    def test_new_team_shows_after_cache(self, client, places):
        url = reverse("grassroots:finder")
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
        f.team(places["mishan"], "米山太极队", project="太极拳(剑)", venue=places["v4"])
        response = client.get(url)
        assert "米山太极队" in response.content.decode()

    def test_venue_detail(self, client, places):
        assert client.get(reverse("grassroots:venue_detail", args=[places["v1"].pk])).status_code == 200
        assert client.get(reverse("grassroots:venue_detail", args=[places["hidden"].pk])).status_code == 404

    @pytest.mark.parametrize("n", [3, 30])
    def test_query_budget(self, client, zezhou, django_assert_max_num_queries, n):
        township = f.township(zezhou, "预算镇")
        for i in range(n):
            venue = f.venue(township, f"场地{i}", projects=("门球", "象棋"))
            f.team(township, f"队{i}", venue=venue)
        # Choices (organisations, projects), the page with its total, its teams, its projects.
        with django_assert_max_num_queries(5):
            assert client.get(reverse("grassroots:finder"), {"county": "zezhou", "project": "menqiu"}).status_code == 200
        venue = township.venues.first()
        with django_assert_max_num_queries(3):
            assert client.get(reverse("grassroots:venue_detail", args=[venue.pk])).status_code == 200

    def test_paging_total_and_out_of_range_pages(self, client, zezhou):
        township = f.township(zezhou, "分页镇")
        for i in range(25):
            f.venue(township, f"场地{i:02d}", projects=())
        url = reverse("grassroots:finder")
        first = client.get(url)
        page = first.context["page_obj"]
        assert page.number == 1 and page.paginator.count == 25 and page.paginator.num_pages == 2 and len(page) == 20
        assert "共找到 25 处场地" in first.content.decode()
        second = client.get(url, {"page": 2})
        assert second.context["page_obj"].number == 2 and len(second.context["page_obj"]) == 5
        assert set(names(first)).isdisjoint(names(second))
        # As Paginator.get_page(): past the end is the last page, not a number is the first.
        for value, number in (("9", 2), ("0", 2), ("abc", 1), ("99999999999999999999", 2)):
            page = client.get(url, {"page": value}).context["page_obj"]
            assert page.number == number and page.paginator.count == 25, value
        nothing = client.get(url, {"county": "zezhou", "project": "menqiu"})
        assert nothing.context["page_obj"].paginator.count == 0 and "这里还没有登记场地" in nothing.content.decode()

    def test_teams_and_projects_of_more_venues_than_one_read_holds(self, zezhou):
        """The ids are read IDS_PER_READ at a time: a longer list is read in turns, each venue
        gets its own teams and projects, none another's."""
        from types import SimpleNamespace

        from grassroots.selectors import IDS_PER_READ, attach_teams_and_projects

        township = f.township(zezhou, "多场地镇")
        venues = []
        for i in range(IDS_PER_READ + 5):
            venue = f.venue(township, f"场地{i:02d}", projects=("门球",) if i % 2 else ("象棋",))
            f.team(township, f"队{i:02d}", venue=venue)
            venues.append(venue)
        cards = attach_teams_and_projects([SimpleNamespace(pk=v.pk) for v in venues])
        for i, card in enumerate(cards):
            assert [t.name for t in card.active_teams] == [f"队{i:02d}"]
            assert card.project_list == (["门球"] if i % 2 else ["象棋"])
        assert attach_teams_and_projects([]) == []

    def test_card_shows_the_place_projects_and_teams(self, client, places):
        html = client.get(reverse("grassroots:venue_detail", args=[places["v2"].pk])).content.decode()
        # A village's venue: member unit, township, village; no team there; no published phone.
        assert "泽州县 · 巴公镇 · 巴公一村" in html and '<span class="tag">象棋</span>' in html
        assert "暂未登记固定队伍" in html and "保密人" not in html
        html = client.get(reverse("grassroots:venue_detail", args=[places["v1"].pk])).content.decode()
        assert "<strong>巴公门球队</strong>" in html and "巴公联系人" in html and "tel:13900001111" in html
        assert "返回泽州县的健身场地" in html and "?county=zezhou" in html


class TestHooks:
    def test_search(self, places):
        request = RequestFactory().get("/search/")
        hits = registry.search_providers["grassroots"](request, "门球", 10)
        assert any("巴公门球队" in h.title for h in hits)
        assert not any("内部场地" in h.title for h in registry.search_providers["grassroots"](request, "内部", 10))

    def test_search_finds_venues_by_name_address_or_place_and_teams_by_project(self, places):
        search = registry.search_providers["grassroots"]
        request = RequestFactory().get("/search/")
        f.venue(places["jincun"], "文化中心", address="金村镇幸福路8号")
        by_address = {h.title: h for h in search(request, "幸福路", 10)}
        assert by_address["文化中心"].snippet == "金村镇 · 金村镇幸福路8号"
        assert by_address["文化中心"].url == reverse("grassroots:venue_detail", args=[Venue.objects.get(name="文化中心").pk])
        assert {h.title for h in search(request, "一村", 10)} >= {"一村活动室"}  # the village's name
        by_project = list(search(request, "柔力球", 10))
        assert [h.title for h in by_project] == ["金村柔力球队（柔力球）"]
        assert by_project[0].snippet == "金村镇 · 金村广场 · 周一、周三、周五 08:00—10:00"
        assert search(request, "巴公", 1) and len(search(request, "巴公", 1)) == 1

    def test_venue_search_follows_renames_of_the_venue_and_its_organisation(self, places):
        search = registry.search_providers["grassroots"]
        request = RequestFactory().get("/search/")
        venue = f.venue(places["jincun"], "文化中心", address="幸福路8号")
        titles = lambda text: {h.title for h in search(request, text, 10)}  # noqa: E731
        assert "文化中心" in titles("金村镇")  # by its organisation's name
        township = venue.organisation
        township.name = "新和平镇"
        township.save()
        assert "文化中心" in titles("新和平镇") and "文化中心" not in titles("金村镇")
        venue.address = "和谐路9号"
        venue.save(update_fields=["address"])
        assert "文化中心" in titles("和谐路") and "文化中心" not in titles("幸福路")
        venue.refresh_from_db()
        assert venue.search_text == "文化中心\n和谐路9号\n新和平镇"
        # Nothing spans two of its lines: the end of the name and the start of the address.
        assert "文化中心" not in titles("中心和谐")

    def test_workbench_for_coordinator_and_staff(self, places, zezhou_coordinator, gaoping_coordinator, staff_user):
        campaign = f.campaign()
        inspection = services.inspection_record(campaign=campaign, organisation=places["cun"], inspected_on=dt.date.today(),
                                                inspectors="王", scores=f.full_scores(campaign, score=1, met=False))
        services.inspection_confirm(inspection=inspection, user=staff_user)
        request = RequestFactory().get("/portal/")
        request.user = zezhou_coordinator
        titles = [t.title for t in registry.workbench_providers["grassroots"](request)]
        assert any("自查" in t for t in titles) and any("巴公一村" in t for t in titles)
        request.user = gaoping_coordinator
        assert not any("巴公一村" in t.title for t in registry.workbench_providers["grassroots"](request))
        services.rectification_report(rectification=inspection.opened_rectification, report="已整改")
        request.user = staff_user
        assert any("等待复查" in t.title for t in registry.workbench_providers["grassroots"](request))

    def test_workbench_page_and_sitemap(self, client, places, zezhou_coordinator):
        f.campaign()
        client.force_login(zezhou_coordinator)
        assert "六有" in client.get(reverse("portal")).content.decode()
        body = client.get("/sitemap.xml").content.decode()
        assert "/find/?county=zezhou" in body

    def test_dissolved_excluded_everywhere(self, places):
        assert places["cun"].status == OrgStatus.ACTIVE
