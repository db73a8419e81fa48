"""helpers.textplot.trends: lines over dates, small multiples, levels for one date."""

from __future__ import annotations

import io

import pandas as pd

from helpers import textplot


def test_trends_lines_over_dates_and_levels_for_one_date():
    many = pd.DataFrame({"date": pd.to_datetime(["2016-05-30", "2024-06-24", "2016-05-30", "2024-06-24"]),
                         "formulation": ["科技强国", "科技强国", "中国式现代化", "中国式现代化"],
                         "per_10k_chars": [4.0, 22.1, 0.0, 6.6]})
    fig = textplot.trends(many)
    assert len(fig.axes[0].lines) == 2
    wide = pd.concat([many.assign(formulation=many["formulation"] + str(k)) for k in range(5)])
    fig = textplot.trends(wide)  # ten lines: one small panel each
    assert sum(ax.get_visible() for ax in fig.axes) == 10
    assert all(len(ax.lines) == 1 for ax in fig.axes if ax.get_visible())
    one = many[many["date"] == pd.Timestamp("2024-06-24")]
    fig = textplot.trends(one, title="提法")
    assert "one date only (2024-06-24)" in fig._suptitle.get_text()
    assert [round(p.get_width(), 1) for p in fig.axes[0].patches] == [6.6, 22.1]


def test_trends_leave_out_undated_rows_beside_dated_ones():
    """An undated document (date NaT) among dated ones has no place on the time axis: drawn without it."""
    table = pd.DataFrame({"date": pd.to_datetime(["2016-05-30", "2024-06-24", None]),
                          "term": ["科技", "科技", "科技"], "per_10k": [40.0, 275.2, 99.0]})
    fig = textplot.trends(table, y="per_10k", hue="term")
    line = fig.axes[0].lines[0]
    assert list(line.get_ydata()) == [40.0, 275.2]
    fig.savefig(io.BytesIO(), format="png")  # the end label is placed at the last dated point
