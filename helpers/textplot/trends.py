"""Figures over time: one panel per genre, one line per series, drawn only where there are data.

A series is drawn as points at the years it was observed, joined by a line only between neighbouring observed
years no farther apart than the panel's cadence (the usual spacing of its years): a single observation is a point,
a year without documents a gap.  Each series is named beside its own last point (no leader line into empty
years), every panel is named, and no series is drawn in a colour too pale to read on white.
"""

from __future__ import annotations

import colorsys

import numpy as np
import pandas as pd
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation

from ..validate import check_column, check_int, check_number
from .base import distinct_colors, new_figure, with_fonts
from .frequency import bars
from .labels import arrange, text_inches

__all__ = ["CONTRAST", "contrast", "readable", "trends"]

MAX_PANELS = 6
CONTRAST = 3.0  # the least contrast of a line against white: WCAG 2.1's 3:1 for graphical objects (1.4.11)
NO_GENRE = "未分类 no genre"
LABEL_POINTS = 5  # a series' name starts this many points right of its last point


def contrast(colour: str) -> float:
    """The contrast ratio of ``colour`` against white, as WCAG 2.1 defines it ((L1 + 0.05) / (L2 + 0.05))."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def readable(colour: str, *, floor: float = CONTRAST) -> str:
    """``colour`` darkened (its hue and saturation kept) until its contrast against white is at least ``floor``."""
    check_number("floor", floor, min_value=1.0, max_value=21.0)
    hue, light, saturation = colorsys.rgb_to_hls(*to_rgb(colour))
    while contrast(to_hex(colorsys.hls_to_rgb(hue, light, saturation))) < floor and light > 0:
        light = max(0.0, light - 0.02)
    return to_hex(colorsys.hls_to_rgb(hue, light, saturation))


def _panel_name(group, part: pd.DataFrame, fallback: str | None) -> str:
    """A panel's name: its group, else (no genre) the distinct ``fallback`` values of its rows, else "no genre"."""
    if group is not None and str(group).strip():
        return str(group)
    names = [] if fallback is None else [str(v) for v in dict.fromkeys(part[fallback].dropna()) if str(v).strip()]
    if not names:
        return NO_GENRE if group is not None else "全部文件 all documents"
    return "、".join(names[:3]) + (f" 等 {len(names)} 篇 and others" if len(names) > 3 else "")


def _cadence(years: np.ndarray) -> float:
    """The usual spacing of a panel's observed years (the median gap), 0 for a single year."""
    distinct = np.unique(years[~np.isnan(years)])
    return float(np.median(np.diff(distinct))) if len(distinct) > 1 else 0.0


def _with_gaps(xs: np.ndarray, ys: np.ndarray, cadence: float) -> tuple[np.ndarray, np.ndarray]:
    """Insert a break (NaN) wherever two neighbouring points lie farther apart than ``cadence``."""
    far = np.flatnonzero(np.diff(xs) > cadence * (1 + 1e-9)) + 1
    return np.insert(xs, far, np.nan), np.insert(ys, far, np.nan)


def _when(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _label_ends(fig: Figure, panels: list, fontsize: float) -> None:
    """Name each series beside its own last point; names ending at one x slide apart vertically (:func:`arrange`).

    The figure is drawn once first, so the spacing is measured on the final axes; the x-axis is widened on the
    right just enough for the longest name at the last year.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    x0, x1 = panels[0][0].get_xlim()
    room = 0.0
    for ax, ends in panels:
        width = max(ax.get_window_extent().width / fig.dpi, 0.5)
        beyond = max((text_inches(e[0], fontsize) + LABEL_POINTS / 72 - (x1 - e[1]) / (x1 - x0) * width
                      for e in ends), default=0.0)  # inches a name reaches past the right edge
        share = min(max(beyond, 0.0) / width, 0.45)
        room = max(room, share / (1 - share) * (x1 - x0))
    for ax, _ in panels:
        ax.set_xlim(x0, x1 + room)
    FigureCanvasAgg(fig).draw()
    for ax, ends in panels:
        low, high = ax.get_ylim()
        gap = fontsize * 1.4 / 72 * fig.dpi / max(ax.get_window_extent().height, 1) * (high - low)
        shift = ax.transData + ScaledTranslation(LABEL_POINTS / 72, 0, fig.dpi_scale_trans)
        for last_x in dict.fromkeys(e[1] for e in ends):
            group = [e for e in ends if e[1] == last_x]
            spots = arrange([e[2] for e in group], gap, how="slide", within=(low, high + gap))
            for (name, _, _, colour), spot in zip(group, spots, strict=True):
                ax.text(last_x, spot, name, transform=shift, fontsize=fontsize, color=colour, va="center",
                        ha="left", clip_on=False, gid="series-label")


def _describe(title: str, described: list[tuple[str, list]]) -> str:
    """What the figure shows, for its alt text: per panel, its top series from first to last observation."""
    parts = []
    for name, series in described:
        said = []
        for label, xs, ys in series[:3]:
            said.append(f"{label} {ys[0]:.1f} ({_when(xs[0]) if not isinstance(xs[0], str) else xs[0]})"
                        if len(xs) == 1 else
                        f"{label} {ys[0]:.1f} ({_when(xs[0])}) → {ys[-1]:.1f} ({_when(xs[-1])})")
        parts.append(f"{name}: {'; '.join(said) if said else 'none of the series occurs'}")
    return ". ".join(p for p in [title.replace("\n", " "), *parts] if p)


@with_fonts
def trends(table: pd.DataFrame, *, x: str = "year", y: str = "per_10k", hue: str = "term",
           by: str | None = "genre", fallback: str | None = None, title: str = "", ylabel: str = "",
           max_lines: int = 8) -> Figure:
    """One series per ``hue`` value over ``x`` (years), one panel per ``by`` value (genre).

    ``table`` is :func:`helpers.textstat.term_trends` or :func:`helpers.textstat.formulation_trends`: one row per
    year that has documents.  Only data are drawn: a point per observation, a line only between neighbouring
    observed years no farther apart than the panel's cadence (the median spacing of its years); a series observed
    once is a point.  Each panel draws the ``max_lines`` series with the largest total and names the others it
    leaves out; a series keeps its colour in every panel (darkened where paler than :data:`CONTRAST` against
    white) and is named beside its last point.  A panel whose ``by`` value is missing or empty is named by the
    distinct values of its ``fallback`` column (e.g. the documents' titles), else "no genre".  The figure's label
    (``fig.get_label()``) describes it: the title and, per panel, its top series from first to last observation.
    With a single ``x`` value there is no trend: the figure shows the levels as bars and says so.  Rows
    without an ``x`` value are left out when some rows have one (they have no place on a time axis).
    """
    for name, column in (("x", x), ("y", y), ("hue", hue)):
        check_column(name, column, table)
    if fallback is not None:
        check_column("fallback", fallback, table)
    check_int("max_lines", max_lines, min_value=1)
    dated = table.dropna(subset=[x])
    if len(dated):
        table = dated
    if table.empty or table[x].nunique() < 2:
        levels = table.groupby(hue, sort=False)[y].sum().reset_index()
        when = table[x].iloc[0] if len(table) else ""
        when = when.date().isoformat() if hasattr(when, "date") else str(when)
        note = f"只有一个时间点 one point in time ({when}): levels, no trend"
        fig = bars(levels, label=hue, value=y, top_n=max(len(levels), 1), xlabel=ylabel or y,
                   title=f"{title}\n{note}" if title else note)
        top = levels.sort_values(y, ascending=False, kind="stable").head(3)
        fig.set_label(_describe(f"{title} {note}".strip(), [(f"levels in {when}", [
            (str(name), [when], [float(value)]) for name, value in zip(top[hue], top[y], strict=True)])]))
        return fig
    grouped = by is not None and by in table.columns
    keys = table[by].fillna("").astype(str).str.strip() if grouped else None
    panels = [(None, table)] if not grouped else [(g, table[keys == g]) for g in dict.fromkeys(keys)]
    if len(panels) > MAX_PANELS:  # keep the genres with the most rows (years) and say so
        panels = sorted(panels, key=lambda p: -len(p[1]))[:MAX_PANELS]
    series = list(dict.fromkeys(table[hue]))
    chosen = {}
    for group, part in panels:
        totals = part.groupby(hue, sort=False)[y].sum()
        chosen[group] = [s for s in totals.sort_values(ascending=False, kind="stable").index[:max_lines]
                         if totals[s] > 0]
    shown = [s for s in series if any(s in drawn for drawn in chosen.values())]
    colours = {s: readable(c) for s, c in zip(shown, distinct_colors(len(shown)), strict=True)}
    fig = new_figure(10.5, 3.0 * len(panels) + 0.9)
    axes = np.atleast_1d(fig.subplots(len(panels), 1, sharex=True, squeeze=False)).ravel()
    years = np.issubdtype(np.asarray(table[x].dropna()).dtype, np.number)
    placed, described = [], []
    for ax, (group, part) in zip(axes, panels, strict=True):
        cadence = _cadence(part[x].to_numpy(dtype=float)) if years else np.inf
        totals = part.groupby(hue, sort=False)[y].sum()
        drawn = chosen[group]
        left_out = [s for s in totals.index if s not in drawn and totals[s] > 0]
        ends, said = [], []
        for name in [s for s in series if s in drawn]:
            line = part[part[hue] == name].dropna(subset=[y]).sort_values(x)
            xs, ys = line[x].to_numpy(), line[y].to_numpy(dtype=float)
            if not len(xs):
                continue
            said.append((str(name), xs, ys))
            if len(xs) == 1:
                ax.plot(xs, ys, ls="none", marker="o", ms=4.5, color=colours[name], label=str(name))
            else:
                gx, gy = _with_gaps(xs.astype(float), ys, cadence) if years else (xs, ys)
                ax.plot(gx, gy, marker="o", ms=3.5, lw=1.5, color=colours[name], label=str(name))
            ends.append((str(name), float(xs[-1]) if years else xs[-1], float(ys[-1]), colours[name]))
        ax.set_ylim(bottom=0)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8, labelbottom=True)
        heading = _panel_name(group, part, fallback)
        described.append((heading, sorted(said, key=lambda s: -float(np.nansum(s[2])))))
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
    if years:
        _label_ends(fig, placed, 8)
    fig.set_label(_describe(title, described))
    return fig
