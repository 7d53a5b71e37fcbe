import io

import pytest
from django.core.management import call_command

from events.models import Award, AwardType, Entry, Event, Festival

pytestmark = pytest.mark.django_db


def test_demo_has_the_seeds_2022_activities_with_real_awards_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Event.objects.count(), Entry.objects.count(), Award.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Event.objects.count(), Entry.objects.count(), Award.objects.count()) == counts
    fifth = Festival.objects.get(edition=5)
    assert fifth.theme == "喜迎二十大，银辉添新彩" and "市委老干部局" in fifth.organisers and fifth.events.count() >= 4
    for title in ("庆元旦门球", "建军95周年老兵门球赛", "庆七一、迎二十大", "金缘杯"):
        assert Event.objects.filter(title__contains=title, start_date__year=2022).exists(), title
    online = Event.objects.get(title__startswith="全民健身线上运动会")
    assert online.awards.count() == 5 and set(online.awards.values_list("award_type", flat=True)) == {AwardType.WINNER}
    routines = {e.item.display_name for e in online.entries.select_related("item")}
    assert any("《兵哥哥》" in r for r in routines) and any("第八套" in r for r in routines) and any("第13套" in r for r in routines)
    yangge = Event.objects.get(title__contains="秧歌舞线上比赛")
    assert list(yangge.awards.values_list("award_type", flat=True)) == [AwardType.FIRST, AwardType.FIRST]
    labels = {a.label for a in Award.objects.filter(event__title__contains="网球")}
    assert labels == {"第五名", "团体优秀奖"}
    assert Award.objects.filter(event__title__contains="柔力球交流展示", award_type=AwardType.WINNER).count() == 2
    assert Event.objects.registration_open().filter(festival__edition=6).exists()
