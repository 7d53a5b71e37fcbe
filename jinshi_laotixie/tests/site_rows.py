"""Rows of everything the site-wide pages show, n of each, for the query-budget tests."""

import datetime as dt

from django.utils import timezone

from events.models import Award, AwardType, Entry, EntryStatus, EventKind
from events.tests.helpers import make_event, make_item
from grassroots.tests import factories as gf
from news.models import ArticleStatus
from news.tests import factories as nf
from training.tests.factories import make_course, nominate


def make_rows(n: int, *, zezhou, gaoping, person_zezhou, writer=None) -> None:
    today = timezone.localdate()
    campaign = gf.campaign(year=today.year + 1, deadline=today + dt.timedelta(days=5))
    town = gf.township(zezhou, name="预算镇")
    now = timezone.now()
    for i in range(n):
        # Published seconds apart, the first newest, and the documents signed two days before: the
        # factories' own times step back a minute per row made in the process, and a notice of
        # yesterday (Beijing) sorts below a document of today on the home page, as it should.
        for slug in ("tongzhi", "dongtai", "jiceng"):
            nf.article(section_slug=slug, title=f"{slug}稿件{i}", published_at=now - dt.timedelta(seconds=i))
        nf.document(title=f"预算文件{i}", year=2030, serial=1000 + i, signed_on=today - dt.timedelta(days=2))
        open_event = make_event(title=f"报名中的赛事{i}", kind=EventKind.HOLIDAY)
        item = make_item(open_event)
        Entry.objects.create(event=open_event, item=item, unit=zezhou, team_name=f"泽州队{i}", status=EntryStatus.DRAFT)
        Entry.objects.create(event=open_event, item=item, unit=gaoping, team_name=f"高平机密队{i}", status=EntryStatus.DRAFT)
        done = make_event(title=f"已发布成绩的赛事{i}", open_now=None, start=today - dt.timedelta(days=40 + i), results_released=True)
        done_item = make_item(done)
        entry = Entry.objects.create(event=done, item=done_item, unit=zezhou, team_name=f"获奖队{i}", status=EntryStatus.ACCEPTED)
        Award.objects.create(entry=entry, award_type=AwardType.WINNER)
        course = make_course(title=f"预算培训班{i}")
        nominate(course, person_zezhou)
        gf.village(town, name=f"预算村{i}")
        if writer is not None:
            nf.article(section_slug="dongtai", title=f"退回稿{i}", status=ArticleStatus.RETURNED, author=writer, review_note="请补充照片")
    return campaign
