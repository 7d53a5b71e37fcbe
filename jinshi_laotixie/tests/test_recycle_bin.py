"""回收站 (issue 10 item 4): what staff delete in the admin comes back, with what went with it;
a restore that would break a rule is refused whole; only the secretariat may use it."""

import pytest
from django.test import Client
from django.urls import reverse

from events.models import Entry, EntryMember, EntryStatus
from events.tests.helpers import make_event, make_item
from grassroots.models import Person
from news.models import Article
from news.tests import factories as nf

BIN = "/admin/recycle-bin/"


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def team(zezhou, make_person):
    item = make_item(make_event(title="回收站测试赛事"))
    entry = Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name="泽州门球一队",
                                 status=EntryStatus.SUBMITTED)
    members = [EntryMember.objects.create(entry=entry, person=make_person(zezhou, name=f"队员{i}")) for i in range(3)]
    return entry, members


def admin_delete(client, obj):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def restore(client, label, pk):
    return client.post(BIN, {"model": label, "pk": pk}, follow=True)


def page_messages(response):
    return [str(m) for m in response.context["messages"]]


def test_an_entry_deleted_in_the_admin_comes_back_with_its_members(staff_client, staff_user, team):
    entry, members = team
    created_at = entry.created_at
    admin_delete(staff_client, entry)
    assert not EntryMember.objects.filter(entry_id=entry.pk).exists()

    page = staff_client.get(BIN)
    html = page.content.decode()
    assert page.status_code == 200 and "泽州门球一队" in html
    assert "参赛人员 3 条" in html and staff_user.display_name in html

    response = restore(staff_client, "events.entry", entry.pk)
    assert "已恢复报名" in " ".join(page_messages(response))
    back = Entry.objects.get(pk=entry.pk)
    assert back.team_name == "泽州门球一队" and back.status == EntryStatus.SUBMITTED
    assert back.created_at == created_at  # not stamped as new
    assert sorted(back.members.values_list("pk", flat=True)) == sorted(m.pk for m in members)
    latest = back.history.order_by("-history_id").first()
    assert latest.history_type == "+" and latest.history_user == staff_user and latest.history_change_reason == "从回收站恢复"
    assert "泽州门球一队" not in staff_client.get(BIN).content.decode()  # out of the bin


def test_a_member_removed_earlier_stays_removed(staff_client, team):
    """Only what went with the entry comes back, not a member taken off the team long before."""
    import datetime as dt

    entry, members = team
    gone = members[0].pk
    members[0].delete()
    removal = EntryMember.history.get(id=gone, history_type="-")
    EntryMember.history.filter(history_id=removal.history_id).update(history_date=removal.history_date - dt.timedelta(days=3))
    admin_delete(staff_client, entry)
    restore(staff_client, "events.entry", entry.pk)
    assert sorted(Entry.objects.get(pk=entry.pk).members.values_list("pk", flat=True)) == sorted(m.pk for m in members[1:])


def test_an_article_deleted_in_the_admin_comes_back(staff_client):
    from news.models import ArticleAttachment

    article = nf.article(section_slug="dongtai", title="将被误删的稿件")
    attachment = ArticleAttachment.objects.create(article=article, file=nf.pdf_upload("通知附件.pdf"))
    admin_delete(staff_client, article)
    assert not ArticleAttachment.objects.filter(pk=attachment.pk).exists()
    assert "将被误删的稿件" in staff_client.get(BIN + "?model=news.article").content.decode()
    restore(staff_client, "news.article", article.pk)
    back = Article.objects.get(pk=article.pk)
    assert back.title == "将被误删的稿件" and back.search_text  # search index rebuilt by save()
    assert back.attachments.get().file.name == attachment.file.name  # the file never left the disk


def test_a_person_deleted_then_registered_again_is_refused_with_a_reason(staff_client, zezhou, make_person):
    person = make_person(zezhou, name="重复登记")
    admin_delete(staff_client, person)
    Person.objects.create(organisation=zezhou, name="重新登记", gender=person.gender, birth_date=person.birth_date,
                          id_number=person.id_number)
    count = Person.objects.count()
    response = restore(staff_client, "grassroots.person", person.pk)
    text = " ".join(page_messages(response))
    assert "无法恢复人员“重复登记”" in text and "身份证号已经登记过" in text, text
    assert Person.objects.count() == count and not Person.objects.filter(pk=person.pk).exists()
    assert "重复登记" in response.content.decode()  # still in the bin


def test_nothing_is_half_restored_when_a_member_is_now_in_another_team(staff_client, team, zezhou):
    entry, members = team
    admin_delete(staff_client, entry)
    other = Entry.objects.create(event=entry.event, item=entry.item, unit=zezhou, team_name="泽州门球二队",
                                 status=EntryStatus.SUBMITTED)
    EntryMember.objects.create(entry=other, person=members[1].person)
    response = restore(staff_client, "events.entry", entry.pk)
    text = " ".join(page_messages(response))
    assert "无法恢复参赛人员" in text and "只能参加一支队伍" in text, text
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert not EntryMember.objects.filter(entry_id=entry.pk).exists()


@pytest.mark.parametrize("who", ["zezhou_coordinator", "committee_officer", "correspondent"])
def test_others_cannot_see_or_use_the_bin(who, request, staff_client, team):
    entry, _members = team
    admin_delete(staff_client, entry)
    client = Client()
    client.force_login(request.getfixturevalue(who))
    page = client.get(BIN)
    assert page.status_code in (302, 403) and "泽州门球一队" not in page.content.decode()
    response = client.post(BIN, {"model": "events.entry", "pk": entry.pk})
    assert response.status_code in (302, 403)
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert "回收站" not in client.get("/admin/").content.decode()


def test_the_admin_index_links_the_bin_for_staff(staff_client):
    assert BIN in staff_client.get("/admin/").content.decode()


def test_the_bin_is_paginated_and_filtered(staff_client, zezhou, make_person):
    people = [make_person(zezhou, name=f"待删{i:02d}", with_id=False) for i in range(32)]
    Person.objects.filter(pk__in=[p.pk for p in people]).delete()
    Article.objects.filter(pk=nf.article(section_slug="dongtai", title="待删稿件").pk).delete()
    first = staff_client.get(BIN).content.decode()
    assert "第 1 / 2 页，共 33 条" in first
    only_articles = staff_client.get(BIN + "?model=news.article").content.decode()
    assert "待删稿件" in only_articles and "待删01" not in only_articles


def test_staff_read_a_deleted_entrys_history_and_officers_get_404(staff_client, team, committee_officer):
    entry, _members = team
    # the event is the association's own (no committee): outside the 门球 officer's scope
    admin_delete(staff_client, entry)
    url = reverse("admin:events_entry_history", args=[entry.pk])
    assert staff_client.get(url).status_code == 200
    officer = Client()
    officer.force_login(committee_officer)
    assert officer.get(url).status_code in (403, 404)


def test_staff_bring_a_deleted_entry_back_from_its_history_page(staff_client, team):
    """The route the earlier, removed test took (it answered 404): the history's revert form."""
    from .test_history_revert import _revert_data

    entry, _members = team
    pk = entry.pk
    admin_delete(staff_client, entry)
    version = Entry.history.filter(id=pk).exclude(history_type="-").order_by("-history_id").first()
    url = reverse("admin:events_entry_simple_history", args=[pk, version.history_id])
    page = staff_client.get(url)
    assert page.status_code == 200
    response = staff_client.post(url, _revert_data(page))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Entry.objects.get(pk=pk).team_name == "泽州门球一队"


@pytest.mark.parametrize("rows", [3, 30])
def test_the_bin_page_asks_the_same_queries_for_3_and_30_deleted_entries(rows, staff_client, zezhou, make_person):
    """Each row shows its record, who deleted it and what went with it: read per kind on the page,
    not per row (a budget that holds for 3 rows and for 30)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = make_item(make_event(title="预算赛事"))
    for i in range(rows):
        entry = Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name=f"预算队{i}", status=EntryStatus.SUBMITTED)
        EntryMember.objects.create(entry=entry, person=make_person(zezhou, name=f"预算队员{i}"))
        entry.delete()  # the member goes with it, as in the admin
    with CaptureQueriesContext(connection) as queries:
        html = staff_client.get(BIN + "?model=events.entry").content.decode()
    assert html.count("参赛人员 1 条") == min(rows, 30)
    assert len(queries) <= 16, [q["sql"][:120] for q in queries.captured_queries]


def test_each_row_names_its_own_record_when_kinds_share_history_ids(staff_client, team):
    """The entry's and the article's history rows may carry the same history_id (each history table
    counts on its own): every row of the page still names its own record."""
    entry, _members = team
    article = nf.article(section_slug="dongtai", title="同一页上被删除的新闻")
    admin_delete(staff_client, entry)
    admin_delete(staff_client, article)
    rows = {row["label"]: row["text"] for row in staff_client.get(BIN).context["rows"]}
    assert "泽州门球一队" in rows["events.entry"] and rows["news.article"] == "同一页上被删除的新闻"
