"""A coordinator on a phone enters a team, as a new user would; screenshots for a person to look at."""

import datetime as dt
import os
import subprocess

import pytest

from events.models import Entry, EntryStatus
from events.tests.helpers import make_event, make_item

SHOTS = os.environ.get("EVENTS_SHOTS", "/tmp/events-shots")


@pytest.mark.django_db(transaction=True)
def test_coordinator_enters_a_team_on_a_phone(transactional_db, live_server, phone_page, browser_login, zezhou_coordinator, zezhou, make_person):
    os.makedirs(SHOTS, exist_ok=True)
    event = make_event(title="第六届老年文体艺术节柔力球交流比赛", quota=3)
    item = make_item(event, team_min=2, team_max=3, min_age=60, name="单拍集体规定套路 第十二套")
    people = [make_person(zezhou, name=name, birth=dt.date(1956, 3, 1 + n)) for n, name in enumerate(("李秀英", "王桂兰", "张玉梅"))]
    make_person(zezhou, name="郭小红", birth=dt.date(1975, 5, 5))
    page = phone_page
    browser_login(page, live_server.url, "zezhou")
    page.goto(f"{live_server.url}/portal/events/")
    page.get_by_role("link", name="报名", exact=True).click()
    page.select_option("select[name=item]", str(item.pk))
    page.fill("input[name=team_name]", "泽州县柔力球一队")
    page.get_by_label("郭小红", exact=False).check()
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_load_state()
    assert "不满本组最小年龄 60 岁" in page.content()
    assert page.input_value("input[name=team_name]") == "泽州县柔力球一队"  # nothing typed is lost
    page.screenshot(path=f"{SHOTS}/entry-form-errors-390.png", full_page=True)
    page.get_by_label("郭小红", exact=False).uncheck()
    for person in people[:2]:
        page.get_by_label(person.name, exact=False).check()
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_load_state()
    assert "报名已提交" in page.content()
    page.screenshot(path=f"{SHOTS}/entry-detail-390.png", full_page=True)
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.SUBMITTED and entry.members.count() == 2
    page.get_by_role("link", name="打印报名表").click()
    page.wait_for_load_state()
    assert "泽州县柔力球一队" in page.content()
    page.screenshot(path=f"{SHOTS}/entry-sheet-390.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on a phone


@pytest.mark.django_db
def test_certificate_renders_chinese_when_turned_into_an_image(zezhou, staff_user, tmp_path):
    from events import services
    from events.certificates import award_certificate_pdf
    from events.models import AwardType

    item = make_item(make_event(title="晋城市第六届老年文体艺术节柔力球交流比赛"), name="单拍集体规定套路")
    entry = Entry.objects.create(event=item.event, item=item, unit=zezhou, team_name="泽州县柔力球一队", status=EntryStatus.ACCEPTED)
    award = services.award_set(entry=entry, award_type=AwardType.FIRST)
    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(award_certificate_pdf(award))
    os.makedirs(SHOTS, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), f"{SHOTS}/certificate"], check=True)
    from PIL import Image

    image = Image.open(f"{SHOTS}/certificate.png").convert("L")
    # Dark pixels from the text and border: boxes-only output would still print, so the look is checked by eye too.
    dark = sum(1 for p in image.getdata() if p < 100)
    assert image.width > image.height and dark > 2000
