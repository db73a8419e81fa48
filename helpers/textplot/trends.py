"""Figures over time: one line per series, or small multiples beyond eight series."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .base import new_figure, spread, with_fonts
from .frequency import bars

__all__ = ["trends"]


@with_fonts
def trends(table: pd.DataFrame, *, x: str = "date", y: str = "per_10k_chars", hue: str = "formulation",
           title: str = "", ylabel: str = "") -> Figure:
    """One line per ``hue`` value over ``x`` (dates), labelled at its end.

    With a single date there is no trend to draw: the figure shows the level
    of each value as bars instead, and says so.  Rows without a date are left
    out when some rows have one (they have no place on a time axis).
    """
    dated = table.dropna(subset=[x])
    if len(dated):
        table = dated
    if table[x].nunique() < 2:
        levels = table.groupby(hue, sort=False)[y].sum().reset_index()
        when = table[x].iloc[0] if len(table) else ""
        when = when.date().isoformat() if hasattr(when, "date") else str(when)
        note = f"只有一个日期 one date only ({when}): levels, no trend"
        return bars(levels, label=hue, value=y, top_n=len(levels), xlabel=ylabel or y,
                    title=f"{title}\n{note}" if title else note)
    from matplotlib import colormaps

    groups = list(dict.fromkeys(table[hue]))
    colours = colormaps["tab20"].colors
    if len(groups) > 8:  # too many lines for one panel: one small panel per value, same time axis
        ncols = 4
        nrows = -(-len(groups) // ncols)
        fig = new_figure(12, 1.9 * nrows + 0.8)
        axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, squeeze=False)).ravel()
        for k, (ax, group) in enumerate(zip(axes, groups, strict=False)):
            part = table[table[hue] == group].sort_values(x)
            ax.plot(part[x], part[y], marker="o", ms=3, lw=1.4, color=colours[(2 * k) % len(colours)])
            ax.set_title(str(group), fontsize=9)
            ax.set_ylim(bottom=0)
            ax.tick_params(labelsize=7, labelbottom=True)
            ax.spines[["top", "right"]].set_visible(False)
        for ax in axes[len(groups):]:
            ax.set_visible(False)
        fig.supylabel(ylabel or y, fontsize=9)
        if title:
            fig.suptitle(title, fontsize=13)
        return fig
    fig = new_figure(10, 5.5)
    ax = fig.subplots()
    ends = []
    for k, group in enumerate(groups):
        part = table[table[hue] == group].sort_values(x)
        color = colours[(2 * k) % len(colours)]
        ax.plot(part[x], part[y], marker="o", ms=4, lw=1.5, color=color, label=str(group))
        ends.append((str(group), part[x].iloc[-1], float(part[y].iloc[-1]), color))
    from matplotlib.transforms import offset_copy

    low, high = ax.get_ylim()
    spots = spread([e[2] for e in ends], (high - low) / 22, low, high)  # end labels never on top of each other
    beside = offset_copy(ax.transData, fig=fig, x=10, y=0, units="points")
    for (name, last_x, last_y, color), spot in zip(ends, spots, strict=True):
        ax.annotate(name, xy=(last_x, last_y), xytext=(last_x, spot), textcoords=beside, fontsize=8, color=color,
                    va="center", annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": color, "lw": 0.5, "alpha": 0.6})
    ax.set_ylabel(ylabel or y)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontsize=13)
    return fig

