"""The apps together: pages of one app that show another app's records through reverse relations."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from committees.models import Committee
from common.choices import Level
from events.models import Event, EventKind
from grassroots.models import Project


def _event(title, committee, start, published=True):
    return Event.objects.create(
        title=title, kind=EventKind.HOLIDAY, level=Level.CITY, project=Project.objects.get(slug="menqiu"),
        committee=committee, start_date=start, end_date=start, is_published=published,
    )


def test_committee_page_lists_its_real_events(client, db):
    menqiu = Committee.objects.get(slug="menqiu")
    today = timezone.localdate()
    _event("庆元旦门球比赛", menqiu, today - dt.timedelta(days=40))
    _event("庆七一门球比赛", menqiu, today + dt.timedelta(days=20))
    _event("未发布的门球比赛", menqiu, today + dt.timedelta(days=5), published=False)
    _event("乒乓球友谊赛", Committee.objects.get(slug="pingpangqiu"), today)
    html = client.get(reverse("committees:committee_detail", kwargs={"slug": "menqiu"})).content.decode()
    assert "庆元旦门球比赛" in html and "庆七一门球比赛" in html
    assert "未发布的门球比赛" not in html and "乒乓球友谊赛" not in html


def test_event_page_lists_its_published_news(client, db, staff_user):
    from news.models import Article, ArticleStatus, Section

    menqiu = Committee.objects.get(slug="menqiu")
    event = _event("老兵门球赛", menqiu, timezone.localdate() - dt.timedelta(days=3))
    section = Section.objects.get(slug="saishi")
    Article.objects.create(title="老兵门球赛举行", section=section, body="<p>正文</p>", event=event,
                           status=ArticleStatus.PUBLISHED, published_at=timezone.now(), author=staff_user)
    Article.objects.create(title="还在审核的稿件", section=section, body="<p>正文</p>", event=event,
                           status=ArticleStatus.PENDING, author=staff_user)
    html = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "老兵门球赛举行" in html and "还在审核的稿件" not in html


def test_publishing_news_about_an_event_refreshes_the_cached_event_page(client, db, staff_user):
    from news.models import Article, ArticleStatus, Section

    event = _event("重阳节门球赛", Committee.objects.get(slug="menqiu"), timezone.localdate())
    url = reverse("events:event_detail", args=[event.pk])
    assert "重阳节门球赛圆满结束" not in client.get(url).content.decode()
    Article.objects.create(title="重阳节门球赛圆满结束", section=Section.objects.get(slug="saishi"), body="<p>正文</p>",
                           event=event, status=ArticleStatus.PUBLISHED, published_at=timezone.now(), author=staff_user)
    assert "重阳节门球赛圆满结束" in client.get(url).content.decode()
