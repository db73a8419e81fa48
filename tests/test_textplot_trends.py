"""helpers.textplot.trends: one panel per genre, gaps for missing years, top lines with the rest named."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from helpers import textplot
from helpers.textplot.readability import problems


def _table(rows):
    return pd.DataFrame(rows, columns=["genre", "year", "term", "per_10k", "n_documents"])


def test_trends_one_panel_per_genre_and_gaps_for_missing_years():
    rows = [("report", y, t, v, 1) for y in (2014, 2015, 2016, 2019, 2020) for t, v in (("改革", 5.0), ("开放", 2.0))]
    rows += [("speech", y, "改革", 9.0, 1) for y in (2016, 2024)]
    fig = textplot.trends(_table(rows), title="趋势")
    assert len(fig.axes) == 2 and fig.axes[0].get_title(loc="left").startswith("report（5 篇")
    xs = fig.axes[0].lines[0].get_xdata()
    # the reports are yearly: 2016 → 2019 is more than 1.5 years, so the line breaks there
    assert np.isnan(xs).sum() == 1 and list(xs[~np.isnan(xs)]) == [2014, 2015, 2016, 2019, 2020]
    assert not np.isnan(fig.axes[1].lines[0].get_xdata()).any()  # two speeches: their own cadence
    assert problems(fig) == []


def test_trends_draws_the_top_lines_and_names_the_rest():
    rows = [("report", y, f"词{k}", float(k), 1) for y in (2014, 2015) for k in range(1, 12)]
    fig = textplot.trends(_table(rows), max_lines=8)
    assert len(fig.axes[0].lines) == 8
    assert "not drawn: 词1、词2、词3" in fig.axes[0].get_title(loc="left")
    colours = [line.get_color() for line in fig.axes[0].lines]
    assert len(set(colours)) == 8 and problems(fig) == []


def test_trends_levels_for_one_year():
    one = _table([("speech", 2024, "科技强国", 22.1, 1), ("speech", 2024, "中国式现代化", 6.6, 1)])
    fig = textplot.trends(one, title="提法")
    assert "one point in time (2024)" in fig._suptitle.get_text()
    assert [round(p.get_width(), 1) for p in fig.axes[0].patches] == [6.6, 22.1]


def test_trends_leave_out_undated_rows_beside_dated_ones():
    """An undated document (no year) among dated ones has no place on the time axis: drawn without it."""
    table = pd.DataFrame({"year": pd.array([2016, 2024, None], dtype="Int64"),
                          "term": ["科技", "科技", "科技"], "per_10k": [40.0, 275.2, 99.0]})
    fig = textplot.trends(table, y="per_10k", hue="term")
    line = fig.axes[0].lines[0]
    assert list(line.get_ydata()) == [40.0, 275.2]
    fig.savefig(io.BytesIO(), format="png")  # the end label is placed at the last dated point
