"""The annual report: figures from records, checked against the demo data counted by hand,
and the Excel and Word files read back."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from jinshi_laotixie.reports import about, annual_report

pytestmark = pytest.mark.django_db

# Hand-counted from events/demo.py, training/demo.py and news/demo.py for 2022:
# events: 4 festival contests (5th festival), 4 holiday events, 4 external (2 national, 2 provincial).
# awards: 全民健身线上运动会 5 优胜奖 + 秧歌舞线上比赛 2 一等奖 = 7 national;
#         柔力球 甲组规定/自选 优胜奖 2 + 网球 男双第五名 + 团体优秀奖 = 4 provincial.
# training: national 54 + provincial 52 = 106 sent up (选派100余名); city 85 + county 1038 = 1123 (1000余).
# news: 12 articles dated 2022 in news/demo.py ARTICLES.
HAND = {
    "festival_contests": 4, "events_total": 12, "awards_national": 7, "awards_provincial": 4,
    "trained_sent_up": 106, "trained_local": 1123, "outreach_total": 0, "news_total": 12,
}
EVENTS_BY_KIND = {"艺术节赛事": 4, "节日赛事": 4, "上级赛事": 4}


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--force", stdout=io.StringIO())


def _inspected_2022() -> tuple[int, int, int]:
    """Counted independently of the selector: organisations whose latest 2022 inspection has a result."""
    from grassroots.models import Inspection

    latest = {}
    for org, result in Inspection.objects.filter(campaign__year=2022).exclude(result="").order_by("inspected_on", "pk").values_list("organisation_id", "result"):
        latest[org] = result
    return len(latest), sum(r == "excellent" for r in latest.values()), sum(r == "fail" for r in latest.values())


def test_2022_report_restates_the_seed_figures_from_records(seeded, client, django_user_model):
    staff_user = django_user_model.objects.get(username="mishu")
    report = annual_report(2022)
    figures = report.figures
    for key, value in HAND.items():
        assert figures[key] == value, key
    assert figures["events_by_kind"] == EVENTS_BY_KIND
    assert "柔力球单拍集体自选《兵哥哥》优胜奖" in figures["award_phrases"]
    assert "柔力球单拍集体规定《走向复兴》优胜奖" in figures["award_phrases"]
    assert "健身秧歌自选《情系西口》一等奖" in figures["award_phrases"]
    assert "网球甲组男双第五名" in figures["award_phrases"]
    assert "网球团体优秀奖" in figures["award_phrases"]
    inspected, excellent, failed = _inspected_2022()
    assert inspected > 0
    assert (figures["inspected"], figures["inspected_excellent"], figures["inspected_failed"]) == (inspected, excellent, failed)
    training = " ".join(report.part("training").sentences)
    assert "选派100余名健身骨干" in training and "1000余基层健身骨干" in training

    client.force_login(staff_user)
    page = client.get(reverse("report", args=[2022])).content.decode()
    assert "选派100余名健身骨干" in page and "柔力球单拍集体自选《兵哥哥》优胜奖" in page

    # Excel: one sheet per part, the figures in the cells.
    from openpyxl import load_workbook

    response = client.get(reverse("report_xlsx", args=[2022]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == len(report.parts)
    training_sheet = book["培训"]
    total_row = next(row for row in training_sheet.iter_rows(values_only=True) if row[0] == "合计")
    assert total_row[-3:] == (106, 1123, 1229)
    awards = [row[2] for row in book["全国、全省比赛获奖"].iter_rows(min_row=3, values_only=True) if row and row[0] in ("国家级", "省级")]
    assert len(awards) == 11 and "柔力球单拍集体自选《兵哥哥》优胜奖" in awards

    # Word: paragraphs staff can paste.
    from docx import Document

    response = client.get(reverse("report_docx", args=[2022]))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "选派100余名健身骨干参加了国家和省老体协、体育局组织的培训学习。" in text
    assert "1000余基层健身骨干参加培训" in text
    assert "柔力球单拍集体自选《兵哥哥》优胜奖" in text
    assert f"验收基层组织{inspected}个" in text
    assert len(doc.tables) >= 5


def test_about_rounds_like_a_work_summary():
    assert about(106) == "100余" and about(1123) == "1000余" and about(56) == "56" and about(2300) == "2000余"


def test_empty_year_says_so(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("report", args=[1995]))
    assert response.status_code == 200
    assert "1995年没有记录，本报告为空。" in response.content.decode()
    from docx import Document

    doc = Document(io.BytesIO(client.get(reverse("report_docx", args=[1995])).content))
    assert any("本报告为空" in p.text for p in doc.paragraphs)


@pytest.mark.parametrize("path", ["/reports/99999/", "/reports/abc/", "/reports/99999/report.docx", "/reports/0/report.xlsx"])
def test_bad_years_are_not_found(client, staff_user, path):
    client.force_login(staff_user)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("name", ["report", "report_xlsx", "report_docx"])
def test_only_the_secretariat_sees_figures(client, name, zezhou_coordinator, correspondent, committee_officer):
    url = reverse(name, args=[2022])
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]
    for user in (zezhou_coordinator, correspondent, committee_officer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403
        assert b"100\xe4\xbd\x99" not in response.content  # "100余"
