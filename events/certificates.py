"""Award and participation certificates (奖状) through common.pdf."""

from common.chinese import chinese_date
from common.pdf import Certificate, render_certificate

from .models import Award, Entry


def _recipient(entry: Entry, person=None) -> str:
    if person is not None:
        return f"{person.name}（{entry.unit.display_name}）"
    if entry.team_name.startswith(entry.unit.display_name):
        return entry.team_name
    return f"{entry.unit.display_name} {entry.team_name}"


def award_certificate(award: Award) -> Certificate:
    entry = award.entry
    item_line = entry.item.display_name
    if entry.routine_title:
        item_line += f" {entry.routine_title}"
    return Certificate(
        heading="荣誉证书",
        recipient=_recipient(entry, award.person),
        body_lines=[
            f"在{award.event.title}中",
            f"{item_line}",
            f"荣获 {award.label}",
            "特发此证，以资鼓励。",
        ],
        date_text=chinese_date(award.event.end_date),
        number=award.certificate_number,
    )


def award_certificate_pdf(award: Award) -> bytes:
    return render_certificate(award_certificate(award))


def participation_certificate_pdf(entry: Entry) -> bytes:
    cert = Certificate(
        heading="参赛证书",
        recipient=_recipient(entry),
        body_lines=[f"参加{entry.event.title}", entry.item.display_name, "特发此证。"],
        date_text=chinese_date(entry.event.end_date),
        number=f"JCLT-{entry.event.start_date.year}-P{entry.pk:06d}",
    )
    return render_certificate(cert)
