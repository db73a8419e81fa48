"""Figures: one function per kind of figure, each returning a matplotlib Figure.

Figures are built with :class:`matplotlib.figure.Figure` directly (not
pyplot), so nothing accumulates in a global figure registry and a notebook
shows each figure once.  Every function sets up the CJK font first
(:func:`helpers.fonts.setup`), so Chinese labels render on any machine.
Titles are bilingual: Chinese first, English after.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from . import fonts

__all__ = ["bars", "dispersion", "heatmap", "histogram", "paragraph_lengths", "section_colors", "wordcloud"]

_BAR = "#3b6ea5"
_PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#bab0ac"]


def _figure(width: float, height: float) -> Figure:
    fonts.setup()
    return Figure(figsize=(width, height), layout="constrained")


def section_colors(sections: Sequence[str]) -> dict[str, str]:
    """A stable colour per section label (in the order given)."""
    return {s: _PALETTE[i % len(_PALETTE)] for i, s in enumerate(dict.fromkeys(sections))}


def _order(values: pd.Series) -> list:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [c for c in values.cat.categories if c in set(values)]
    return list(dict.fromkeys(values))


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
) -> Figure:
    """Horizontal bars of the ``top_n`` rows by ``value`` (largest on top), values written on the bars.

    With ``by``, one panel per value of that column (small multiples).
    """
    groups = [(None, table)] if by is None else [(g, table[table[by] == g]) for g in _order(table[by])]
    ncols = min(ncols, len(groups))
    nrows = -(-len(groups) // ncols)
    height = max(2.5, 0.22 * top_n + 1.0)
    fig = _figure(4.2 * ncols if by else 7.5, height * nrows)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, (group, part) in zip(axes, groups, strict=False):
        top = part.nlargest(top_n, value, keep="first").iloc[::-1]
        ax.barh(top[label].astype(str), top[value], color=_BAR)
        for y, v in enumerate(top[value]):
            ax.text(v, y, f" {v:,.0f}" if float(v).is_integer() else f" {v:,.1f}", va="center", fontsize=8)
        ax.set_xlabel(xlabel or value)
        ax.margins(x=0.15)
        ax.spines[["top", "right"]].set_visible(False)
        if group is not None:
            ax.set_title(str(group), fontsize=11)
    for ax in axes[len(groups):]:
        ax.set_visible(False)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


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

    font = fonts.setup()
    rows = table if single_chars else table[table[label].astype(str).str.len() > 1]
    rows = rows.nlargest(top_n, value, keep="first")
    cloud = WordCloud(
        font_path=str(font), width=1600, height=900, background_color="white", colormap=colormap,
        collocations=False, random_state=random_state, prefer_horizontal=0.95, max_words=top_n,
    ).generate_from_frequencies(dict(zip(rows[label].astype(str), rows[value].astype(float), strict=True)))
    fig = _figure(10, 5.9)
    ax = fig.subplots()
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=13)
    return fig


def dispersion(
    hits: pd.DataFrame,
    bounds: pd.DataFrame | None = None,
    *,
    terms: Sequence[str] | None = None,
    title: str = "",
) -> Figure:
    """A lexical dispersion plot: one row per term, a tick where it occurs along each document.

    ``hits`` is :func:`helpers.textstat.dispersion`; ``bounds`` (from
    :func:`helpers.textstat.section_bounds`) shades and labels the sections.
    Counts are written after each term's label.
    """
    terms = list(terms) if terms is not None else list(dict.fromkeys(hits["term"]))
    docs = list(dict.fromkeys(bounds["doc_id"] if bounds is not None else hits["doc_id"]))
    fig = _figure(11, 0.45 * len(terms) * len(docs) + 1.2 * len(docs) + 0.6)
    axes = np.atleast_1d(fig.subplots(len(docs), 1, squeeze=False)).ravel()
    for ax, doc in zip(axes, docs, strict=True):
        part = hits[hits["doc_id"] == doc]
        if bounds is not None:
            sections = bounds[bounds["doc_id"] == doc]
            colors = section_colors(sections["section"].astype(str))
            for row in sections.itertuples():
                ax.axvspan(row.start, row.end, color=colors[str(row.section)], alpha=0.12, lw=0)
                ax.text((row.start + row.end) / 2, len(terms) - 0.35, str(row.section), ha="center", va="bottom",
                        fontsize=8, color="#444")
        for y, term in enumerate(reversed(terms)):
            xs = part.loc[part["term"] == term, "position"]
            ax.vlines(xs, y - 0.35, y + 0.35, color="#1f3b5b", lw=1.2)
        counts = part["term"].value_counts()
        ax.set_yticks(range(len(terms)), [f"{t} ({counts.get(t, 0)})" for t in reversed(terms)])
        ax.set_ylim(-0.6, len(terms) + 0.2)
        ax.set_xlim(0, 1)
        ax.set_xlabel("文中位置 position in the text (share of characters)")
        if len(docs) > 1:
            ax.set_title(str(doc), fontsize=10, loc="left")
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


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
    """A heatmap of ``values`` with ``index`` as rows and ``columns`` as columns, each cell labelled.

    ``row_order`` and ``column_order`` fix the order (default: sorted); missing cells are 0.
    """
    grid = table.pivot_table(index=index, columns=columns, values=values, aggfunc="sum", fill_value=0,
                             observed=True)
    if row_order is not None:
        grid = grid.reindex(index=[r for r in row_order if r in grid.index])
    if column_order is not None:
        grid = grid.reindex(columns=[c for c in column_order if c in grid.columns])
    fig = _figure(max(5.5, 0.75 * grid.shape[1] + 2.5), max(3.0, 0.42 * grid.shape[0] + 1.6))
    ax = fig.subplots()
    image = ax.imshow(grid.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    ax.set_xticks(range(grid.shape[1]), [str(c) for c in grid.columns], rotation=45, ha="right")
    ax.set_yticks(range(grid.shape[0]), [str(i) for i in grid.index])
    peak = np.nanmax(grid.to_numpy(dtype=float)) if grid.size else 0
    for (i, j), v in np.ndenumerate(grid.to_numpy(dtype=float)):
        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8,
                color="white" if peak and v > 0.6 * peak else "black")
    fig.colorbar(image, ax=ax, shrink=0.8, label=values)
    if title:
        ax.set_title(title, fontsize=13)
    return fig


def paragraph_lengths(paragraphs: pd.DataFrame, *, title: str = "") -> Figure:
    """Length of every paragraph in reading order, coloured by section (one panel per document)."""
    docs = list(dict.fromkeys(paragraphs["doc_id"]))
    fig = _figure(11, 2.8 * len(docs) + 0.6)
    axes = np.atleast_1d(fig.subplots(len(docs), 1, squeeze=False)).ravel()
    colors = section_colors(_order(paragraphs["section"]))
    for ax, doc in zip(axes, docs, strict=True):
        part = paragraphs[paragraphs["doc_id"] == doc]
        ax.bar(part["para_no"], part["n_chars"], color=[colors[s] for s in part["section"]], width=0.85)
        ax.set_xlabel("段落 paragraph")
        ax.set_ylabel("字数 characters")
        ax.spines[["top", "right"]].set_visible(False)
        if len(docs) > 1:
            ax.set_title(str(doc), fontsize=10, loc="left")
        seen = [s for s in colors if s in set(part["section"])]
        handles = [Patch(color=colors[s], label=str(s)) for s in seen]
        ax.legend(handles=handles, ncols=min(len(seen), 8), fontsize=8, frameon=False, loc="upper right")
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


def histogram(values: pd.Series, *, bins: int | Sequence[float] = 30, by: pd.Series | None = None,
              title: str = "", xlabel: str = "") -> Figure:
    """Histogram of ``values``; with ``by``, one outline per group on shared bins."""
    fig = _figure(8, 3.8)
    ax = fig.subplots()
    edges = np.histogram_bin_edges(values, bins=bins)
    if by is None:
        ax.hist(values, bins=edges, color=_BAR)
    else:
        for group in _order(by):
            ax.hist(values[by == group], bins=edges, histtype="step", lw=1.6, label=str(group))
        ax.legend(fontsize=8, frameon=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("频数 count")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontsize=13)
    return fig
