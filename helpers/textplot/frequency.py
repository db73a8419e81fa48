"""Figures of how often: bars of the top terms, a word cloud, a histogram, a labelled heatmap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import fonts
from ..textstat.fragments import leave_out
from .base import BAR, finish_histogram, finish_panels, in_order, new_figure, says_why, with_fonts

__all__ = ["bars", "heatmap", "histogram", "with_fragments_note", "wordcloud"]


@with_fonts
def bars(
    table: pd.DataFrame,
    *,
    label: str = "term",
    value: str = "count",
    top_n: int = 20,
    by: str | None = None,
    title: str = "",
    xlabel: str | None = None,
    ncols: int = 3,
    max_panels: int = 12,
    highlight: str | None = None,
    highlight_note: str = "",
    fragments: Iterable[str] | None = None,
) -> Figure:
    """Horizontal bars of the ``top_n`` rows by ``value`` (largest on top), values written on the bars.

    With ``by``, one panel per value of that column (small multiples), at most
    ``max_panels`` (the first in order; the title names how many more the table holds).
    Each row is its own bar, so two rows with the same label never draw on top of each other.
    ``highlight`` names a boolean column: its rows are drawn in red, explained by ``highlight_note``
    under the figure (for :func:`helpers.themes.drivers`' ``dominant``).
    ``fragments`` (for instance :func:`helpers.textstat.fragment_terms` of the tokens) are left out of the bars:
    a row whose ``label``, ``w1`` or ``w2`` is one; the title says how many and which (the table keeps them).
    """
    parts = [table] if by is None else [table[table[by] == g] for g in in_order(table[by])]
    shown = [part.nlargest(top_n, value, keep="first") for part in parts if len(part)]
    columns = (label, "w1", "w2")
    _, dropped = leave_out(pd.concat(shown) if shown else table, fragments, columns=columns)  # those with a bar
    table, _ = leave_out(table, fragments, columns=columns)
    title = with_fragments_note(title, dropped)
    groups = [(None, table)] if by is None else [(g, table[table[by] == g]) for g in in_order(table[by])]
    left_out = max(0, len(groups) - max_panels)
    groups = groups[:max_panels]
    if not any(len(part) for _, part in groups):  # an empty table: the reason where the bars would be, no axes
        return says_why("没有可显示的词 nothing to show: the table has no rows", title)
    ncols = min(ncols, len(groups))
    nrows = -(-len(groups) // ncols)
    height = max(2.5, 0.22 * top_n + 1.0)
    fig = new_figure(4.2 * ncols if by else 7.5, height * nrows)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, (group, part) in zip(axes, groups, strict=False):
        top = part.nlargest(top_n, value, keep="first").iloc[::-1] if len(part) else part
        marked = top[highlight].astype(bool).to_numpy() if highlight else np.zeros(len(top), dtype=bool)
        ax.barh(range(len(top)), top[value], color=np.where(marked, HIGHLIGHT, BAR))
        ax.set_yticks(range(len(top)), top[label].astype(str).tolist())
        for y, v in enumerate(top[value]):
            ax.text(v, y, f" {v:,.0f}" if float(v).is_integer() else f" {v:,.1f}", va="center", fontsize=8)
        ax.set_xlabel(xlabel or value)
        ax.margins(x=0.15)
        ax.spines[["top", "right"]].set_visible(False)
        if group is not None:
            ax.set_title(str(group), fontsize=11)
    finish_panels(fig, axes, len(groups), title=title, left_out=left_out)
    if highlight and table[highlight].astype(bool).any():
        fig.supxlabel(f"红色 red: {highlight_note or highlight}", fontsize=9, color=HIGHLIGHT)
    return fig


HIGHLIGHT = "#c0392b"


def with_fragments_note(title: str, dropped: list[str], *, shown: int = 6) -> str:
    """``title`` with a line naming the one-character fragments left out of a ranking figure (if any)."""
    if not dropped:
        return title
    names = "、".join(dropped[:shown]) + (" …" if len(dropped) > shown else "")
    note = f"（未显示 {len(dropped)} 个单字碎片 {len(dropped)} one-character fragments left out: {names}）"
    return f"{title}\n{note}".strip()


@with_fonts
def wordcloud(
    table: pd.DataFrame,
    *,
    label: str = "term",
    value: str = "count",
    top_n: int = 150,
    single_chars: bool = False,
    random_state: int = 42,
    title: str = "",
    colormap: str = "viridis",
) -> Figure:
    """A word cloud of our own frequencies (``generate_from_frequencies``), drawn with the CJK font.

    Single-character words are left out unless ``single_chars=True``;
    ``random_state`` fixes the layout, so two runs give the same image.
    """
    from wordcloud import WordCloud

    font = fonts.path()
    rows = table if single_chars else table[table[label].astype(str).str.len() > 1]
    rows = rows.nlargest(top_n, value, keep="first")
    cloud = WordCloud(
        font_path=str(font), width=1200, height=675, background_color="white", colormap=colormap,
        collocations=False, random_state=random_state, prefer_horizontal=0.95, max_words=top_n,
    ).generate_from_frequencies(dict(zip(rows[label].astype(str), rows[value].astype(float), strict=True)))
    fig = new_figure(10, 5.9)
    ax = fig.subplots()
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=13)
    return fig


MAX_LABELLED_COLUMNS = 20
MAX_LABELLED_ROWS = 40


def _thinned_ticks(set_ticks, n: int, labels: list[str], cell_inches: float, fontsize: float,
                   rotation: float | None = None) -> None:
    """Name every k-th row or column, k the smallest step at which the names do not touch."""
    step = max(1, int(np.ceil(fontsize * 1.5 / 72 / cell_inches)))
    where = list(range(0, n, step))
    options = {"fontsize": fontsize}
    if rotation is not None:
        options.update(rotation=rotation, ha="right" if rotation not in (0, 90) else "center")
    set_ticks(where, [labels[i] for i in where], **options)


@with_fonts
def heatmap(
    table: pd.DataFrame,
    *,
    index: str,
    columns: str,
    values: str,
    title: str = "",
    fmt: str = "{:.0f}",
    cmap: str = "Blues",
    row_order: Sequence | None = None,
    column_order: Sequence | None = None,
) -> Figure:
    """A heatmap of ``values`` with ``index`` as rows and ``columns`` as columns.

    ``row_order`` and ``column_order`` fix the order (default: sorted); missing cells are 0.
    Up to :data:`MAX_LABELLED_COLUMNS` columns and :data:`MAX_LABELLED_ROWS` rows every
    cell is labelled with its value; beyond, cells shrink (no side over 19 inches)
    and only as many row and column names are written as fit without touching
    (every k-th), so the figure stays readable at a hundred documents.
    """
    grid = table.pivot_table(index=index, columns=columns, values=values, aggfunc="sum", fill_value=0,
                             observed=True)
    if row_order is not None:
        grid = grid.reindex(index=[r for r in row_order if r in grid.index])
    if column_order is not None:
        grid = grid.reindex(columns=[c for c in column_order if c in grid.columns])
    n_rows, n_cols = grid.shape
    labelled = n_cols <= MAX_LABELLED_COLUMNS and n_rows <= MAX_LABELLED_ROWS
    cell_w = 0.75 if labelled else min(0.75, 15.0 / max(n_cols, 1))
    cell_h = 0.42 if labelled else min(0.42, 15.0 / max(n_rows, 1))
    fig = new_figure(max(5.5, cell_w * n_cols + 2.8), max(3.0, cell_h * n_rows + 2.2))
    ax = fig.subplots()
    cells = grid.to_numpy(dtype=float)
    cap = colour_cap(cells)
    image = ax.imshow(cells, cmap=cmap, aspect="auto", interpolation="nearest", vmin=0,
                      vmax=cap if cap is not None else None)
    column_labels = [str(c) for c in grid.columns]
    short = max((len(c) for c in column_labels), default=0) <= 4 and n_cols <= 12
    tick_size = 9 if labelled else 7
    _thinned_ticks(ax.set_xticks, n_cols, column_labels, cell_w, tick_size, rotation=0 if short else 90)
    _thinned_ticks(ax.set_yticks, n_rows, [str(i) for i in grid.index], cell_h, tick_size)
    peak = cap if cap is not None else (np.nanmax(cells) if grid.size else 0)
    if labelled:
        for (i, j), v in np.ndenumerate(cells):
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8,
                    color="white" if peak and v > 0.6 * peak else "black")
    label = values if cap is None else f"{values} (colour capped at {fmt.format(cap)}, the 95th percentile)"
    fig.colorbar(image, ax=ax, shrink=0.8, label=label, extend="max" if cap is not None else "neither")
    if title:
        ax.set_title(title, fontsize=13)
    return fig


def colour_cap(cells: np.ndarray, *, quantile: float = 0.95, outlier: float = 1.5) -> float | None:
    """Where a heatmap's colour scale stops: the ``quantile`` of the non-zero cells when the largest cell is more
    than ``outlier`` times it (one hit in a 19-word section reads as 526 per 10,000 and would pale every other
    cell); None (the full range) otherwise, or with fewer than ten non-zero cells."""
    nonzero = cells[np.isfinite(cells) & (cells > 0)]
    if len(nonzero) < 10:
        return None
    cap = float(np.quantile(nonzero, quantile))
    return cap if cap > 0 and nonzero.max() > outlier * cap else None


@with_fonts
def histogram(values: pd.Series, *, bins: int | Sequence[float] = 30, by: pd.Series | None = None,
              title: str = "", xlabel: str = "") -> Figure:
    """Histogram of ``values``; with ``by``, one outline per group on shared bins."""
    fig = new_figure(8, 3.8)
    ax = fig.subplots()
    edges = np.histogram_bin_edges(values, bins=bins)
    if by is None:
        ax.hist(values, bins=edges, color=BAR)
    else:
        for group in in_order(by):
            ax.hist(values[by == group], bins=edges, histtype="step", lw=1.6, label=str(group))
        ax.legend(fontsize=8, frameon=False)
    return finish_histogram(fig, ax, xlabel=xlabel, title=title)

