"""Staff work in the admin: every grassroots page opens; an inspection entered there proposes a
result, a confirmed 不合格 opens a rectification, and a passing re-inspection closes it."""

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.models import Inspection, Organisation, Rectification, RectificationStatus, Standard

from . import factories as f

pytestmark = pytest.mark.django_db

MODELS = ["organisation", "person", "project", "venue", "team", "unitassignment", "standard", "campaign", "selfcheck", "inspection", "rectification"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_pages_open_for_staff(client, staff_user, zezhou, model):
    campaign = f.campaign()
    township = f.township(zezhou)
    f.team(township, venue=f.venue(township))
    from grassroots import services

    inspection = services.inspection_record(campaign=campaign, organisation=township, inspected_on=dt.date(2023, 3, 1), inspectors="王",
                                            scores=f.full_scores(campaign, score=1, met=False))
    services.inspection_confirm(inspection=inspection, user=staff_user)
    client.force_login(staff_user)
    assert client.get(reverse(f"admin:grassroots_{model}_changelist")).status_code == 200
    if model not in ("rectification", "unitassignment"):
        assert client.get(reverse(f"admin:grassroots_{model}_add")).status_code == 200


def _inspection_post(campaign, org, *, score, met, result, kind="initial", rectification=""):
    items = list(campaign.standard.items.all())
    data = {
        "campaign": campaign.pk, "organisation": org.pk, "kind": kind, "rectification": rectification,
        "inspected_on": "2023-03-20", "inspectors": "王秘书、县联络员", "method_site": "on", "method_report": "on",
        "result": result, "note": "",
        "scores-TOTAL_FORMS": str(len(items)), "scores-INITIAL_FORMS": "0", "scores-MIN_NUM_FORMS": "0", "scores-MAX_NUM_FORMS": "1000",
    }
    for i, item in enumerate(items):
        data[f"scores-{i}-item"] = item.pk
        data[f"scores-{i}-score"] = str(score)
        if met:
            data[f"scores-{i}-met"] = "on"
    return data


def test_inspect_fail_and_close_in_admin(client, staff_user, zezhou):
    campaign = f.campaign()
    village = f.village(f.township(zezhou))
    client.force_login(staff_user)
    response = client.post(reverse("admin:grassroots_inspection_add"), _inspection_post(campaign, village, score=3, met=False, result="fail"))
    assert response.status_code == 302, response.content.decode()[:2000]
    inspection = Inspection.objects.get()
    assert inspection.proposed_result == "fail" and inspection.confirmed_by == staff_user
    rect = Rectification.objects.get()
    assert rect.status == RectificationStatus.OPEN
    response = client.post(
        reverse("admin:grassroots_inspection_add"),
        _inspection_post(campaign, village, score=9, met=True, result="pass", kind="reinspection", rectification=rect.pk),
    )
    assert response.status_code == 302
    rect.refresh_from_db()
    assert rect.status == RectificationStatus.CLOSED and rect.closed_on == dt.date(2023, 3, 20)


def test_score_over_maximum_refused_in_admin(client, staff_user, zezhou):
    campaign = f.campaign()
    client.force_login(staff_user)
    response = client.post(reverse("admin:grassroots_inspection_add"), _inspection_post(campaign, f.township(zezhou), score=12, met=True, result=""))
    assert response.status_code == 200 and "不能超过该条目的满分" in response.content.decode()
    assert not Inspection.objects.exists()


def test_confirm_action_and_frozen_standard(client, staff_user, zezhou):
    from grassroots import services

    campaign = f.campaign()
    inspection = services.inspection_record(campaign=campaign, organisation=f.township(zezhou), inspected_on=dt.date(2023, 3, 1),
                                            inspectors="王", scores=f.full_scores(campaign))
    client.force_login(staff_user)
    client.post(reverse("admin:grassroots_inspection_changelist"), {"action": "confirm_proposed", "_selected_action": [inspection.pk]})
    inspection.refresh_from_db()
    assert inspection.result == "excellent"
    standard = campaign.standard
    page = client.get(reverse("admin:grassroots_standard_change", args=[standard.pk])).content.decode()
    assert 'name="items-0-title"' not in page  # frozen: items read-only
    client.post(reverse("admin:grassroots_standard_changelist"), {"action": "new_version", "_selected_action": [standard.pk]})
    assert Standard.objects.filter(code="liuyou", version=2).exists()


def test_organisation_cannot_be_deleted(client, staff_user, zezhou):
    township = f.township(zezhou)
    client.force_login(staff_user)
    # not a bare 403: the organisation's page with the way to dissolve it (状态 撤销)
    response = client.post(reverse("admin:grassroots_organisation_delete", args=[township.pk]), {"post": "yes"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:grassroots_organisation_change", args=[township.pk])
    assert Organisation.objects.filter(pk=township.pk).exists()
