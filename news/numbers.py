"""Official document numbers (发文字号): 晋市老体字〔2023〕1号 = prefix, year, serial."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Brackets people type for the year: 〔〕 (the standard), ﹝﹞, [], ［］, (), （）, 【】.
_OPEN = "〔﹝[［(（【"
_CLOSE = "〕﹞]］)）】"
_NUMBER_RE = re.compile(
    rf"^\s*(?P<prefix>[^\s{re.escape(_OPEN)}]+?)\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}})\s*[{re.escape(_CLOSE)}]"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*号?\s*$"
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class DocumentNumber:
    prefix: str
    year: int
    serial: int

    def __str__(self) -> str:
        return format_number(self.prefix, self.year, self.serial)


def format_number(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}〔{year}〕{serial}号"


def parse_number(text: str) -> DocumentNumber:
    """Parse what people type; raise ValidationError with a Chinese message when it does not parse."""
    match = _NUMBER_RE.match((text or "").translate(_FULLWIDTH_DIGITS))
    if not match:
        raise ValidationError(
            _("文号“%(text)s”无法识别，请按“晋市老体字〔2023〕1号”的格式填写：机关代字、年份（四位）、序号。") % {"text": text},
            code="number_unparsable",
        )
    year, serial = int(match["year"]), int(match["serial"])
    if not 1949 <= year <= 2100:
        raise ValidationError(_("文号中的年份 %(year)s 不对，请填写四位年份。") % {"year": year}, code="number_year")
    if serial < 1:
        raise ValidationError(_("文号中的序号应从 1 开始。"), code="number_serial")
    return DocumentNumber(match["prefix"].strip(), year, serial)
