"""Figures of revisions: bounded size, global settings untouched, empty input drawn."""

from __future__ import annotations

import struct

import matplotlib as mpl
import numpy as np
import pandas as pd

from helpers import outputs, revisions, textplot
from helpers.textplot.revisions import STATUS_COLORS


def _pixels(figure) -> tuple[int, int]:
    data = outputs.png_bytes(figure)
    return struct.unpack(">II", data[16:24])


def test_figures_of_the_work_reports(extended):
    before = dict(mpl.rcParams)
    pairs = revisions.choose(extended.documents)
    aligned = revisions.align_pairs(extended, revisions.pick(pairs))
    passages = revisions.reuse(extended)
    figures = [textplot.revision_status(revisions.counts(aligned), old_label="2018", new_label="2019"),
               textplot.revision_continuity(revisions.carryover(extended, pairs)),
               textplot.reuse_heatmap(revisions.matrix(passages, extended.documents), extended.documents)]
    assert dict(mpl.rcParams) == before
    for figure in figures:
        width, height = _pixels(figure)
        assert 300 < width <= 3000 and 200 < height <= 3000
    heat = figures[2].axes[0]
    assert [t.get_text() for t in heat.get_yticklabels()] == list(extended.documents.sort_values("date")["doc_id"])


def test_continuity_draws_gaps(extended):
    documents = extended.documents[extended.documents["doc_id"] != "2016-03-05_gwr-2016"]
    pairs = revisions.choose(documents)
    carried = revisions.carryover(extended, pairs[pairs["genre"] == "government work report"])
    axes = textplot.revision_continuity(carried).axes[0]
    lefts = sorted({round(p.get_x() + p.get_width() / 2) for p in axes.patches})
    assert lefts == [2015, 2017, 2018, 2019]  # no bar at 2016
    outlined = [p for p in axes.patches if not p.get_fill()]
    assert [round(p.get_x() + p.get_width() / 2) for p in outlined] == [2017]


def test_nothing_to_compare(seed):
    figure = textplot.revision_status(revisions.counts(revisions.align_texts([], [])))
    # the reason, without axes whose ticks would measure nothing
    assert [t.get_text() for t in figure.axes[0].texts] == ["nothing to compare: no pair of documents"]
    assert len(figure.axes) == 1 and not figure.axes[0].axison
    assert _pixels(textplot.revision_continuity(revisions.carryover(seed, revisions.choose(seed.documents))))[0] > 300


def test_continuity_of_many_pairs_a_year_draws_the_yearly_mean():
    from helpers.textplot import readability

    years = np.repeat(np.arange(1990, 2020), 40)
    carried = pd.DataFrame({"genre": "article", "new_year": pd.array(years, dtype="Int64"),
                            "gap_years": pd.array(np.where(years == 2000, 2, 0), dtype="Int64"),
                            "unchanged": 0.1, "changed": np.linspace(0, 0.4, len(years)), "moved": 0.0})
    carried["added"] = 1 - carried[["unchanged", "changed", "moved"]].sum(axis=1)
    fig = textplot.revision_continuity(carried)
    ax = fig.axes[0]
    changed = [p for p in ax.patches if p.get_facecolor()[:3] == mpl.colors.to_rgb(
        STATUS_COLORS["changed"])]
    assert len(changed) == 30
    means = carried.groupby("new_year")["changed"].mean().to_numpy()
    assert np.allclose([p.get_height() for p in changed], means)
    assert readability.problems(fig) == []


def test_continuity_ticks_are_whole_years_and_66_years_fit_a_page():
    """One pair (a single year) had ticks 2023.6 … 2024.4; 1954–2019 drew wider than a report page."""
    from helpers.report.cells import _CSS_PIXELS_PER_PNG_PIXEL

    one = pd.DataFrame({"genre": ["speech"], "new_year": pd.array([2024], dtype="Int64"),
                        "gap_years": pd.array([8], dtype="Int64"), "unchanged": [0.2], "changed": [0.3],
                        "moved": [0.0], "added": [0.5]})
    fig = textplot.revision_continuity(one)
    fig.canvas.draw()
    ticks = fig.axes[0].get_xticks()
    shown = [t for t in ticks if fig.axes[0].get_xlim()[0] <= t <= fig.axes[0].get_xlim()[1]]
    assert shown and all(float(t).is_integer() for t in shown)
    years = np.arange(1954, 2020)
    many = pd.DataFrame({"genre": "government work report", "new_year": pd.array(years, dtype="Int64"),
                         "gap_years": pd.array(np.ones(len(years), dtype=int), dtype="Int64"), "unchanged": 0.2,
                         "changed": 0.3, "moved": 0.0, "added": 0.5})
    width_px = _pixels(textplot.revision_continuity(many))[0]
    assert width_px * _CSS_PIXELS_PER_PNG_PIXEL * 0.8 <= 1216  # the page's 76rem at its smallest scale
    # party congresses since 1921 and resolutions since 2008 in one figure: 99 years, one shared axis
    mixed = pd.concat([many, many.assign(genre="party congress report", new_year=many["new_year"] - 33)])
    fig = textplot.revision_continuity(mixed)
    assert _pixels(fig)[0] * _CSS_PIXELS_PER_PNG_PIXEL * 0.8 <= 1216
    assert fig.axes[0].get_xlim() == fig.axes[1].get_xlim()
