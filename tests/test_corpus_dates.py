"""Dates: the one home of date and year parsing, for single values, texts and whole columns."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from helpers.corpus import dates


def test_parse_date_accepts_iso_slashes_and_chinese_dates():
    assert dates.parse_date("2024-06-24") == dt.date(2024, 6, 24)
    assert dates.parse_date("2024/6/24") == dt.date(2024, 6, 24)
    assert dates.parse_date("2020年1月1日") == dt.date(2020, 1, 1)
    assert dates.parse_date("2024年2月30日") is None  # impossible: no date, no exception
    assert dates.parse_date("政府工作报告") is None


def test_find_year_reads_a_year_written_in_a_title():
    assert dates.find_year("1954年中华人民共和国国务院政府工作报告") == 1954
    assert dates.find_year("关于2019 年政府工作报告的决议") == 2019
    assert dates.find_year("在中国共产党第十九次全国代表大会上的报告") is None
    assert dates.find_year("五千年文明") is None and dates.find_year("共5000年") is None  # outside 1800–2099
    assert dates.find_year("编号12020年") is None  # part of a longer number, not a year


def test_parse_year_reads_a_year_given_on_its_own():
    assert dates.parse_year("2019") == 2019
    assert dates.parse_year(" 2019.0 ") == 2019  # a year column read as floats
    assert dates.parse_year(1600) == 1600
    assert dates.parse_year("") is None and dates.parse_year(None) is None and dates.parse_year("二〇一九") is None
    assert dates.parse_year("0") is None and dates.parse_year("10000") is None


def test_year_of_a_date_value_full_or_partial():
    assert dates.year_of("2020年1月1日") == 2020
    assert dates.year_of("2020-03") == 2020 and dates.year_of("2020年") == 2020
    assert dates.year_of(dt.date(1600, 1, 1)) == 1600
    assert dates.year_of("20201") is None and dates.year_of("") is None and dates.year_of(None) is None


def test_parse_dates_of_a_column_of_mixed_values():
    values = ["2020年1月1日", "2024-06-24", dt.date(1600, 1, 1), dt.datetime(2019, 3, 5, 9, 30),
              pd.Timestamp("2018-03-05"), np.datetime64("2017-03-05"), None, pd.NA, np.nan, "", "无日期"]
    parsed = dates.parse_dates(pd.Series(values, index=list("abcdefghijk")))
    assert parsed.index.tolist() == list("abcdefghijk")
    assert parsed.tolist() == [dt.date(2020, 1, 1), dt.date(2024, 6, 24), dt.date(1600, 1, 1), dt.date(2019, 3, 5),
                               dt.date(2018, 3, 5), dt.date(2017, 3, 5), None, None, None, None, None]
    assert all(type(d) is dt.date for d in parsed.dropna())  # no datetime or Timestamp left


def test_years_of_a_column_where_pandas_gives_none():
    values = ["2020年1月1日", "2024-06-24", dt.date(1600, 1, 1), dt.datetime(2019, 3, 5), pd.Timestamp("2018-03-05"),
              None, pd.NA, "", "2016"]
    assert pd.to_datetime(pd.Series(["2020年1月1日"]), errors="coerce").isna().all()  # why this function exists
    years = dates.years(values)
    assert str(years.dtype) == "Int64"
    assert years.tolist() == [2020, 2024, 1600, 2019, 2018, pd.NA, pd.NA, pd.NA, 2016]
    indexed = dates.years(pd.Series(["2020年1月1日", None], index=["x", "y"]))
    assert indexed.index.tolist() == ["x", "y"] and indexed.tolist() == [2020, pd.NA]
