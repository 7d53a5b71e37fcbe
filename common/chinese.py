"""Chinese formatting: dates written in Chinese numerals as official documents sign them."""

import datetime as dt

_DIGITS = "〇一二三四五六七八九"


def _small_number(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else _DIGITS[tens]) + "十"
    return text + (_DIGITS[ones] if ones else "")


def chinese_date(value: dt.date) -> str:
    """2023-03-03 -> 二〇二三年三月三日."""
    year = "".join(_DIGITS[int(d)] for d in str(value.year))
    return f"{year}年{_small_number(value.month)}月{_small_number(value.day)}日"


def chinese_ordinal(n: int) -> str:
    """5 -> 第五 (for 第五届, 第七届)."""
    if n >= 100:
        return f"第{n}"
    return "第" + _small_number(n)
