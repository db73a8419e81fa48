"""Dates: the one home of date and year parsing, for metadata cells, file names, titles and whole columns.

Dates are :class:`datetime.date` values, so historical documents of any year
from 1 to 9999 are represented (pandas' nanosecond timestamps stop at 1677);
an impossible date such as ``2024年2月30日`` is no date, never an exception.
A year is an ``int`` (a column of years: pandas ``Int64``).

Single values: :func:`parse_date` (a whole value), :func:`find_date` (the
first date in a text), :func:`parse_year` (a year given on its own),
:func:`year_of` (the year a full or partial date value starts with),
:func:`find_year` (a year written ``2019年`` in a title).  Whole columns:
:func:`parse_dates` and :func:`years`, which accept what a ``date`` column
holds (text in either style, ``date``/``datetime``/``Timestamp`` values, NA).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["YEAR_IN_TEXT", "find_date", "find_year", "parse_date", "parse_dates", "parse_year", "year_of", "years"]

_CN = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_ISO = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
_FULL = [re.compile(_ISO), re.compile(_CN)]
_ANYWHERE = re.compile(rf"{_CN}|(?<!\d){_ISO}(?!\d)")
# A year written in a title or heading (``1954年``, ``2019 年``): 1800–2099, not the tail of a longer number.
YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:1[89]|20)\d\d)\s*年")
_LEADING_YEAR = re.compile(r"\s*(\d{4})(?!\d)")
_ALONE_YEAR = re.compile(r"(\d{1,4})(?:\.0+)?")


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


def find_year(text: str) -> int | None:
    """The first year written ``NNNN年`` in ``text`` (1800–2099, see :data:`YEAR_IN_TEXT`), or None."""
    match = YEAR_IN_TEXT.search(text or "")
    return int(match.group(1)) if match else None


def parse_year(value) -> int | None:
    """A year given on its own (a ``year`` cell: ``2019``, ``2019.0``, ``1600``), 1–9999; None otherwise."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    match = _ALONE_YEAR.fullmatch(str(value).strip())
    year = int(match.group(1)) if match else 0
    return year if 1 <= year <= 9999 else None


def year_of(value) -> int | None:
    """The year of a date value: a full date (text, ``date``, ``datetime``, ``Timestamp``) or a partial one
    starting with a four-digit year (``2020-03``, ``2020年``); None for NA or anything else."""
    date = _as_date(value)
    if date is not None:
        return date.year
    if isinstance(value, str) and (match := _LEADING_YEAR.match(value)):
        return int(match.group(1))
    return None


def _as_date(value) -> dt.date | None:
    """One value of a date column as a :class:`datetime.date`, or None."""
    if isinstance(value, dt.datetime):  # Timestamp included; before date, its base class
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).date()
    return None


def _series(values: Iterable) -> pd.Series:
    return values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)


def parse_dates(values: Iterable) -> pd.Series:
    """Every value of a date column as a :class:`datetime.date` or None (object dtype, the same index):
    text in either style (``2020年1月1日``, ``2020-01-01``), ``date``, ``datetime``, ``Timestamp``,
    ``numpy.datetime64``; NA and unparsable values give None.  Years 1–9999, unlike ``pd.to_datetime``."""
    values = _series(values)
    return pd.Series([_as_date(v) for v in values.to_numpy(dtype=object)], index=values.index, dtype=object,
                     name=values.name)


def years(values: Iterable) -> pd.Series:
    """The year of every value of a date column (:func:`year_of`), as pandas ``Int64`` with the same index;
    NA where there is none."""
    values = _series(values)
    return pd.Series([year_of(v) for v in values.to_numpy(dtype=object)], index=values.index, dtype="Int64",
                     name=values.name)
