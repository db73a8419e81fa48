"""Figures along the text: where terms occur, paragraph lengths, theme profiles and paragraph heatmaps.

Paragraphs run left to right in reading order; sections are shaded or
separated and named, documents separated and named.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .base import PALETTE, in_order, new_figure, section_colors, with_fonts

__all__ = ["dispersion", "paragraph_heatmap", "paragraph_lengths", "profile"]


@with_fonts
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
    fig = new_figure(11, 0.45 * len(terms) * len(docs) + 1.2 * len(docs) + 0.6)
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


@with_fonts
def paragraph_lengths(paragraphs: pd.DataFrame, *, title: str = "") -> Figure:
    """Length of every paragraph in reading order, coloured by section (one panel per document)."""
    docs = list(dict.fromkeys(paragraphs["doc_id"]))
    fig = new_figure(11, 2.8 * len(docs) + 0.6)
    axes = np.atleast_1d(fig.subplots(len(docs), 1, squeeze=False)).ravel()
    colors = section_colors(in_order(paragraphs["section"]))
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


def _paragraph_runs(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The paragraphs of ``table`` in text order with their x position, and the runs of one section.

    Returns ``(paragraphs, runs)``: ``doc_id, para_no, section, x`` and ``doc_id, section, start, end``
    (x positions of a run's first and last paragraph).
    """
    columns = ["doc_id", "para_no", *(["section"] if "section" in table.columns else [])]
    paragraphs = table[columns].drop_duplicates(["doc_id", "para_no"]).reset_index(drop=True)
    paragraphs["section"] = paragraphs["section"].astype(str) if "section" in columns else ""
    paragraphs["x"] = np.arange(len(paragraphs))
    new = (paragraphs["section"] != paragraphs["section"].shift()) | (
        paragraphs["doc_id"] != paragraphs["doc_id"].shift())
    runs = paragraphs.groupby(new.cumsum()).agg(doc_id=("doc_id", "first"), section=("section", "first"),
                                                start=("x", "min"), end=("x", "max"))
    return paragraphs, runs.reset_index(drop=True)


def _mark_runs(ax, paragraphs: pd.DataFrame, runs: pd.DataFrame, *, shade: bool, labels: bool) -> None:
    """Shade (or separate) sections, draw document boundaries, and on request name on top the sections
    (one document) or the documents (several)."""
    several = paragraphs["doc_id"].nunique() > 1
    for k, run in enumerate(runs.itertuples()):
        if shade and k % 2:
            ax.axvspan(run.start - 0.5, run.end + 0.5, color="#000000", alpha=0.05, lw=0)
        if not shade and run.start > 0:
            ax.axvline(run.start - 0.5, color="#9a9a9a", lw=0.8)
    starts = paragraphs.groupby("doc_id", sort=False)["x"].agg(["min", "max"])
    if several:
        for first in starts["min"].iloc[1:]:
            ax.axvline(first - 0.5, color="#222222", lw=1.4)
    if not labels:
        return
    top = ax.secondary_xaxis("top")
    if several:
        top.set_xticks((starts["min"] + starts["max"]) / 2, [str(d) for d in starts.index], fontsize=8,
                       rotation=20, ha="left")
    else:
        top.set_xticks((runs["start"] + runs["end"]) / 2, [str(s) for s in runs["section"]], fontsize=8)
    top.tick_params(length=0)


def _paragraph_ticks(ax, paragraphs: pd.DataFrame) -> None:
    ax.set_xlim(-0.6, len(paragraphs) - 0.4)
    if len(paragraphs) <= 60:
        ax.set_xticks(paragraphs["x"], [str(p) for p in paragraphs["para_no"]], fontsize=7)
    ax.set_xlabel("段落（按文中顺序）paragraphs in reading order")


@with_fonts
def profile(
    table: pd.DataFrame,
    *,
    rows: str = "theme",
    value: str = "per_1k",
    title: str = "",
    ylabel: str | None = None,
) -> Figure:
    """A profile along the text: one strip per ``rows`` value (theme, topic), a bar per paragraph.

    ``table`` has ``doc_id, para_no``, the ``rows`` and ``value`` columns and
    optionally ``section`` (e.g. :func:`helpers.themes.score`).  Paragraphs
    run left to right in text order (numbered by ``para_no`` when there are
    few); every other section is shaded; the top names the sections, or,
    with several documents, the documents (separated by a line).  The
    strips share one y-scale, so heights compare across strips.
    """
    order = in_order(table[rows])
    paragraphs, runs = _paragraph_runs(table)
    x = pd.MultiIndex.from_frame(table[["doc_id", "para_no"]]).map(
        dict(zip(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True), paragraphs["x"], strict=True)))
    fig = new_figure(11, 0.75 * len(order) + 1.5)
    axes = np.atleast_1d(fig.subplots(len(order), 1, sharex=True, sharey=True, squeeze=False)).ravel()
    for k, (ax, row) in enumerate(zip(axes, order, strict=True)):
        mask = (table[rows] == row).to_numpy()
        _mark_runs(ax, paragraphs, runs, shade=True, labels=k == 0)
        ax.bar(np.asarray(x)[mask], table.loc[mask, value], width=0.8, color=PALETTE[k % len(PALETTE)])
        ax.set_ylabel(str(row), rotation=0, ha="right", va="center", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=7)
    _paragraph_ticks(axes[-1], paragraphs)
    fig.supylabel(ylabel or value, fontsize=9)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


@with_fonts
def paragraph_heatmap(
    table: pd.DataFrame,
    *,
    rows: str = "topic",
    value: str = "weight",
    title: str = "",
    cmap: str = "Blues",
) -> Figure:
    """A heatmap of ``value`` with one row per ``rows`` value (topic, theme) and one column per paragraph.

    Paragraphs run left to right in text order; grey lines separate
    sections, black lines documents; the top names the sections, or, with
    several documents, the documents.  Scales to hundreds of paragraphs (no cell labels).
    """
    order = in_order(table[rows])
    paragraphs, runs = _paragraph_runs(table)
    position = dict(zip(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True), paragraphs["x"],
                        strict=True))
    row_index = {r: i for i, r in enumerate(order)}
    grid = np.zeros((len(order), len(paragraphs)))
    for doc, para, row, v in table[["doc_id", "para_no", rows, value]].itertuples(index=False):
        grid[row_index[row], position[(doc, para)]] += v
    fig = new_figure(11, 0.42 * len(order) + 2.2)
    ax = fig.subplots()
    image = ax.imshow(grid, aspect="auto", cmap=cmap, interpolation="nearest", vmin=0)
    _mark_runs(ax, paragraphs, runs, shade=False, labels=True)
    ax.set_yticks(range(len(order)), [str(r) for r in order], fontsize=9)
    _paragraph_ticks(ax, paragraphs)
    fig.colorbar(image, ax=ax, shrink=0.9, label=value, pad=0.01)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig

