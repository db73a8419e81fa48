"""helpers.textplot.trends: only data drawn (points, lines between observed years, names beside last points),
every panel named, no pale series; the figure's label describes it."""

from __future__ import annotations

import importlib
import io
import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Annotation

from helpers import textplot
from helpers.errors import ParameterError
from helpers.textplot.readability import problems

trendplot = importlib.import_module("helpers.textplot.trends")  # the module (the package exports the function)


def _table(rows):
    return pd.DataFrame(rows, columns=["genre", "year", "term", "per_10k", "n_documents"])


def _segments(line) -> list[tuple[float, float]]:
    """The (start, end) x of every line segment a Line2D draws (NaN breaks the line; no line style, none)."""
    if line.get_linestyle() in ("None", "none", " ", ""):
        return []
    xs = np.asarray(line.get_xdata(), dtype=float)
    return [(a, b) for a, b in itertools.pairwise(xs) if not (np.isnan(a) or np.isnan(b))]


def _labels(ax) -> dict[str, tuple[float, float]]:
    return {t.get_text(): t.get_position() for t in ax.texts if t.get_gid() == "series-label"}


def test_trends_one_panel_per_genre_and_gaps_for_missing_years():
    rows = [("report", y, t, v, 1) for y in (2014, 2015, 2016, 2019, 2020) for t, v in (("改革", 5.0), ("开放", 2.0))]
    rows += [("speech", y, "改革", 9.0, 1) for y in (2016, 2024)]
    fig = textplot.trends(_table(rows), title="趋势")
    assert len(fig.axes) == 2 and fig.axes[0].get_title(loc="left").startswith("report（5 篇")
    xs = fig.axes[0].lines[0].get_xdata()
    # the reports are yearly: 2016 → 2019 is more than the cadence (1 year), so the line breaks there
    assert np.isnan(xs).sum() == 1 and list(xs[~np.isnan(xs)]) == [2014, 2015, 2016, 2019, 2020]
    for line in fig.axes[0].lines:  # no segment spans a year without documents
        assert all(b - a <= 1 for a, b in _segments(line))
    assert not np.isnan(fig.axes[1].lines[0].get_xdata()).any()  # two speeches: their own cadence
    assert problems(fig) == []


def test_a_single_observation_is_a_point_and_names_stand_beside_their_last_point():
    """A genre observed once (a 2016 speech) is a marker with no line, named beside 2016, not at the right edge."""
    rows = [("report", y, t, v, 1) for y in (2014, 2015, 2016, 2018, 2019, 2020)
            for t, v in (("改革", 5.0 + y - 2014), ("开放", 2.0))]
    rows += [("speech", 2016, "改革", 9.0, 1), ("speech", 2016, "开放", 3.0, 1)]
    fig = textplot.trends(_table(rows), title="词语趋势 Terms over time")
    fig.savefig(io.BytesIO(), format="png")
    speech = fig.axes[1]
    assert [list(line.get_xdata()) for line in speech.lines] == [[2016], [2016]]
    assert all(line.get_linestyle() == "None" and line.get_marker() == "o" for line in speech.lines)
    assert all(_segments(line) == [] for line in speech.lines)
    for ax in fig.axes:
        assert ax.get_title(loc="left").strip()
        ends = {line.get_label(): float(np.asarray(line.get_xdata(), dtype=float)[~np.isnan(
            np.asarray(line.get_ydata(), dtype=float))][-1]) for line in ax.lines}
        labels = _labels(ax)
        assert set(labels) == set(ends)
        assert all(labels[name][0] == ends[name] for name in ends)  # each name at its own series' last x
    reports = fig.axes[0]
    assert all(b - a <= 1 for line in reports.lines for a, b in _segments(line))  # 2016 → 2018 not bridged
    assert not any(isinstance(t, Annotation) for ax in fig.axes for t in ax.texts)  # no leader lines
    # the two names at 2016 in the speech panel do not overlap (3.0 and 9.0 apart enough, and slid if needed)
    ys = sorted(y for _, y in _labels(speech).values())
    assert ys[1] > ys[0]


def test_every_panel_is_named_and_a_genreless_document_by_its_title():
    rows = [("report", y, "改革", 5.0, 1, None) for y in (2018, 2019, 2020)]
    rows += [("", y, "改革", 4.0, 1, "在深入推动长江经济带发展座谈会上的讲话") for y in (2018, 2020)]
    table = pd.DataFrame(rows, columns=["genre", "year", "term", "per_10k", "n_documents", "title"])
    named = textplot.trends(table, fallback="title")
    assert named.axes[1].get_title(loc="left").startswith("在深入推动长江经济带发展座谈会上的讲话")
    unnamed = textplot.trends(table.drop(columns="title").assign(genre=table["genre"].replace("", None)))
    assert unnamed.axes[1].get_title(loc="left").startswith(trendplot.NO_GENRE)
    assert all(ax.get_title(loc="left").strip() for ax in unnamed.axes)
    with pytest.raises(ParameterError, match="fallback"):
        textplot.trends(table, fallback="titel")


def test_no_series_is_too_pale_and_colours_stay_distinct():
    rows = [("report", y, f"词{k}", float(k), 1) for y in (2014, 2015) for k in range(1, 12)]
    fig = textplot.trends(_table(rows), max_lines=10)
    colours = [line.get_color() for line in fig.axes[0].lines]
    assert len(set(colours)) == 10
    assert min(trendplot.contrast(c) for c in colours) >= trendplot.CONTRAST
    assert trendplot.contrast("#edc948") < 2 and trendplot.contrast(trendplot.readable("#edc948")) >= 3
    assert trendplot.readable("#1f1f1f") == "#1f1f1f"  # dark enough already: unchanged


def test_trends_draws_the_top_lines_and_names_the_rest():
    rows = [("report", y, f"词{k}", float(k), 1) for y in (2014, 2015) for k in range(1, 12)]
    fig = textplot.trends(_table(rows), max_lines=8)
    assert len(fig.axes[0].lines) == 8
    assert "not drawn: 词1、词2、词3" in fig.axes[0].get_title(loc="left")
    colours = [line.get_color() for line in fig.axes[0].lines]
    assert len(set(colours)) == 8 and problems(fig) == []


def test_the_figure_describes_its_trend():
    rows = [("speech", 2016, "科技", 40.0, 1), ("speech", 2024, "科技", 275.2, 1),
            ("speech", 2016, "人才", 3.0, 1), ("speech", 2024, "人才", 5.0, 1)]
    fig = textplot.trends(_table(rows), title="词语趋势 Terms over time")
    assert fig.get_label() == ("词语趋势 Terms over time. speech: 科技 40.0 (2016) → 275.2 (2024); "
                               "人才 3.0 (2016) → 5.0 (2024)")


def test_trends_levels_for_one_year():
    one = _table([("speech", 2024, "科技强国", 22.1, 1), ("speech", 2024, "中国式现代化", 6.6, 1)])
    fig = textplot.trends(one, title="提法")
    assert "one point in time (2024)" in fig._suptitle.get_text()
    assert [round(p.get_width(), 1) for p in fig.axes[0].patches] == [6.6, 22.1]
    assert fig.get_label() == ("提法 只有一个时间点 one point in time (2024): levels, no trend. levels in 2024: "
                               "科技强国 22.1 (2024); 中国式现代化 6.6 (2024)")


def test_trends_leave_out_undated_rows_beside_dated_ones():
    """An undated document (no year) among dated ones has no place on the time axis: drawn without it."""
    table = pd.DataFrame({"year": pd.array([2016, 2024, None], dtype="Int64"),
                          "term": ["科技", "科技", "科技"], "per_10k": [40.0, 275.2, 99.0]})
    fig = textplot.trends(table, y="per_10k", hue="term")
    line = fig.axes[0].lines[0]
    assert list(line.get_ydata()) == [40.0, 275.2]
    assert fig.axes[0].get_title(loc="left").strip()  # no genre column: still named
    fig.savefig(io.BytesIO(), format="png")
