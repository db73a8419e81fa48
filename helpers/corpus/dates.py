"""Dates: the one home of date parsing, for metadata cells, file names and dates found in a text.

Dates are :class:`datetime.date` values, so historical documents of any year
from 1 to 9999 are represented (pandas' nanosecond timestamps stop at 1677);
an impossible date such as ``2024年2月30日`` is no date, never an exception.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["find_date", "parse_date"]

_CN = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_ISO = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
_FULL = [re.compile(_ISO), re.compile(_CN)]
_ANYWHERE = re.compile(rf"{_CN}|(?<!\d){_ISO}(?!\d)")


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(value: str) -> dt.date | None:
    """The date a whole value states (``2024-06-24``, ``2024/6/24``, ``2024年6月24日``); None if none or impossible."""
    value = value.strip()
    for pattern in _FULL:
        if match := pattern.fullmatch(value):
            return _date(*match.groups())
    return None


def find_date(text: str) -> dt.date | None:
    """The first possible date written anywhere in ``text`` (``（2017年10月18日）``, ``2024-06-24``), or None."""
    for match in _ANYWHERE.finditer(text):
        groups = [g for g in match.groups() if g is not None]
        if (date := _date(*groups)) is not None:
            return date
    return None
