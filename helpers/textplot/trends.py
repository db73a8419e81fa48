"""Figures over time: one panel per genre, one line per series, years without documents left as gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .base import distinct_colors, new_figure, with_fonts
from .frequency import bars
from .labels import arrange

__all__ = ["trends"]

MAX_PANELS = 6


def _label_ends(fig: Figure, panels: list, fontsize: float) -> None:
    """Name each line right of its panel, in a column, with a leader line to its last point.

    The figure is drawn once first, so the label spacing is measured on the final axes height.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    for ax, ends in panels:
        if not ends:
            continue
        low, high = ax.get_ylim()
        gap = fontsize * 1.6 / 72 * fig.dpi / max(ax.get_window_extent().height, 1) * (high - low)
        spots = arrange([e[2] for e in ends], gap, how="slide", within=(low, high + 2 * gap))
        right = ax.get_xlim()[1]
        for (name, last_x, last_y, color), spot in zip(ends, spots, strict=True):
            ax.annotate(name, xy=(last_x, last_y), xytext=(right, spot), textcoords="data", fontsize=fontsize,
                        color=color, va="center", ha="left", annotation_clip=False,
                        arrowprops={"arrowstyle": "-", "color": color, "lw": 0.5, "alpha": 0.6})


@with_fonts
def trends(table: pd.DataFrame, *, x: str = "year", y: str = "per_10k", hue: str = "term",
           by: str | None = "genre", title: str = "", ylabel: str = "", max_lines: int = 8) -> Figure:
    """One line per ``hue`` value over ``x`` (years), one panel per ``by`` value (genre).

    ``table`` is :func:`helpers.textstat.term_trends` or
    :func:`helpers.textstat.formulation_trends`: one row per year that has
    documents.  Years between without a row are drawn as gaps (the line breaks),
    never bridged.  Each panel draws the ``max_lines`` series with the largest
    total and names the others it leaves out; a series keeps its colour in
    every panel, and its name stands right of the panel with a line to its last point.
    With a single ``x`` value there is no trend: the figure shows the levels as bars and says so.  Rows
    without an ``x`` value are left out when some rows have one (they have no place on a time axis).
    """
    dated = table.dropna(subset=[x])
    if len(dated):
        table = dated
    if table.empty or table[x].nunique() < 2:
        levels = table.groupby(hue, sort=False)[y].sum().reset_index()
        when = table[x].iloc[0] if len(table) else ""
        when = when.date().isoformat() if hasattr(when, "date") else str(when)
        note = f"只有一个时间点 one point in time ({when}): levels, no trend"
        return bars(levels, label=hue, value=y, top_n=max(len(levels), 1), xlabel=ylabel or y,
                    title=f"{title}\n{note}" if title else note)
    panels = [(None, table)] if by is None or by not in table.columns else [
        (g, table[table[by] == g]) for g in table.groupby(by, sort=False)[y].size().index]
    if len(panels) > MAX_PANELS:  # keep the genres with the most rows (years) and say so
        panels = sorted(panels, key=lambda p: -len(p[1]))[:MAX_PANELS]
    series = list(dict.fromkeys(table[hue]))
    chosen = {}
    for group, part in panels:
        totals = part.groupby(hue, sort=False)[y].sum()
        chosen[group] = [s for s in totals.sort_values(ascending=False, kind="stable").index[:max_lines]
                         if totals[s] > 0]
    shown = [s for s in series if any(s in drawn for drawn in chosen.values())]
    colours = dict(zip(shown, distinct_colors(len(shown)), strict=True))  # one colour per series, every panel
    fig = new_figure(10.5, 3.0 * len(panels) + 0.9)
    axes = np.atleast_1d(fig.subplots(len(panels), 1, sharex=True, squeeze=False)).ravel()
    years = np.issubdtype(np.asarray(table[x].dropna()).dtype, np.number)
    placed = []
    for ax, (group, part) in zip(axes, panels, strict=True):
        cadence = float(np.median(np.diff(np.unique(part[x].to_numpy(dtype=float))))) if years else 0.0
        totals = part.groupby(hue, sort=False)[y].sum()
        drawn = chosen[group]
        left_out = [s for s in totals.index if s not in drawn and totals[s] > 0]
        ends = []
        for name in [s for s in series if s in drawn]:
            line = part[part[hue] == name].sort_values(x)
            xs, ys = line[x].to_numpy(), line[y].to_numpy(dtype=float)
            if years and len(xs) > 1:
                xs, ys = _with_gaps(xs.astype(float), ys, cadence)
            ax.plot(xs, ys, marker="o", ms=3.5, lw=1.5, color=colours[name], label=str(name))
            last = ~np.isnan(ys)
            ends.append((str(name), xs[last][-1], float(ys[last][-1]), colours[name]))
        ax.set_ylim(bottom=0)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8, labelbottom=True)
        heading = "" if group is None else str(group)
        n_docs = int(part.drop_duplicates(x)["n_documents"].sum()) if "n_documents" in part.columns else None
        if n_docs is not None:
            heading += f"（{n_docs} 篇 documents）"
        if left_out:
            heading += f" — not drawn: {'、'.join(map(str, left_out[:6]))}{'…' if len(left_out) > 6 else ''}"
        if not drawn:
            heading += " — none of the series occurs"
        ax.set_title(heading, fontsize=10, loc="left")
        ax.set_ylabel(ylabel or y, fontsize=9)
        placed.append((ax, ends))
    if title:
        fig.suptitle(title, fontsize=13)
    _label_ends(fig, placed, 8)
    return fig


def _with_gaps(xs: np.ndarray, ys: np.ndarray, cadence: float) -> tuple[np.ndarray, np.ndarray]:
    """Insert a break (NaN) wherever two points lie more than 1.5 × the usual spacing apart."""
    far = np.flatnonzero(np.diff(xs) > 1.5 * cadence) + 1
    return np.insert(xs, far, np.nan), np.insert(ys, far, np.nan)
