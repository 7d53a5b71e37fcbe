"""PDF certificates with an embedded TrueType Chinese font (reportlab).

reportlab's built-in STSong-Light is not embedded and prints boxes where the reader lacks a Chinese
font; Noto CJK's PostScript outlines fail in reportlab. A TrueType subset (WenQuanYi Micro Hei from
Debian's fonts-wqy-microhei) renders everywhere and adds about 20-30 KB per PDF.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_NAME = "JinshiCJK"


def register_cjk_font() -> str:
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    path = Path(settings.PDF_CJK_FONT_PATH)
    if not path.exists():
        raise ImproperlyConfigured(
            f"找不到证书所用的中文字体 {path}：请安装 fonts-wqy-microhei，或用 PDF_CJK_FONT_PATH 指定 TrueType 字体。"
        )
    # subfontIndex 0 of the .ttc is the regular face.
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    return FONT_NAME


@dataclass
class Certificate:
    heading: str  # 荣誉证书 / 结业证书
    recipient: str  # the team or person, printed large
    body_lines: list[str] = field(default_factory=list)  # the event, item, award ...
    issuer: str = "晋城市老年人体育协会"
    date_text: str = ""  # 二〇二三年三月三日
    number: str = ""  # certificate number, unique


def render_certificate(cert: Certificate) -> bytes:
    font = register_cjk_font()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"{cert.heading} {cert.number}")
    pdf.setAuthor(cert.issuer)
    red = colors.HexColor("#9f1a1f")
    # Double border.
    pdf.setStrokeColor(red)
    pdf.setLineWidth(6)
    pdf.rect(24, 24, width - 48, height - 48)
    pdf.setLineWidth(1.5)
    pdf.rect(36, 36, width - 72, height - 72)
    pdf.setFillColor(red)
    pdf.setFont(font, 44)
    pdf.drawCentredString(width / 2, height - 120, cert.heading)
    pdf.setFillColor(colors.black)
    pdf.setFont(font, 30)
    pdf.drawCentredString(width / 2, height - 195, cert.recipient)
    pdf.setFont(font, 20)
    y = height - 250
    for line in cert.body_lines:
        pdf.drawCentredString(width / 2, y, line)
        y -= 34
    pdf.setFont(font, 18)
    pdf.drawRightString(width - 110, 130, cert.issuer)
    if cert.date_text:
        pdf.drawRightString(width - 110, 100, cert.date_text)
    if cert.number:
        pdf.setFont(font, 12)
        pdf.drawString(70, 60, f"证书编号：{cert.number}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
