"""Figures of revisions: status shares of one revision, continuity over a series, reuse across documents.

Drawn through :mod:`helpers.textplot.base` like every figure (CJK font in an
``rc_context``, no global state changed), at most 3000 pixels a side at the
resolution of :mod:`helpers.outputs`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import outputs
from ..revisions.alignment import STATUSES
from .base import new_figure, says_why, with_fonts

__all__ = ["STATUS_COLORS", "reuse_heatmap", "revision_continuity", "revision_status"]

STATUS_COLORS = {"unchanged": "#59a14f", "changed": "#edc948", "moved": "#76b7b2", "added": "#4e79a7",
          "dropped": "#e15759"}
_MAX_INCHES = 2900 / outputs.DPI  # 3000 px with the margin of a tight bounding box
_PAGE_INCHES = 14.5  # a figure this wide (plus its margins) shows whole on a report page at 80 % of its size


def _figure(width: float, height: float) -> Figure:
    return new_figure(min(width, _MAX_INCHES), min(height, _MAX_INCHES))


@with_fonts
def revision_status(counts: pd.DataFrame, *, title: str = "", old_label: str = "older", new_label: str = "newer"
                  ) -> Figure:
    """Two stacked bars: the older and the newer text's characters by status (from :func:`~.summary.counts`); with
    nothing to compare, the reason without axes."""
    title = title or "修订构成 What the revision kept, changed, moved, added and dropped"
    if counts[["old_share", "new_share"]].to_numpy().sum() == 0:
        return says_why("nothing to compare: no pair of documents", title)
    fig = _figure(8, 2.6)
    ax = fig.subplots()
    labels = [f"{old_label}", f"{new_label}"]
    for y, side in enumerate(("old", "new")):
        left = 0.0
        for status in STATUSES:
            share = float(counts.loc[counts["status"] == status, f"{side}_share"].sum())
            if share <= 0:
                continue
            ax.barh(y, share, left=left, color=STATUS_COLORS[status], label=status if y == 0 or side == "new" else None)
            if share >= 0.04:
                ax.text(left + share / 2, y, f"{share:.0%}", ha="center", va="center", fontsize=8)
            left += share
    ax.set_yticks([0, 1], labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("字符占比 share of characters")
    handles = {h.get_label(): h for h in ax.get_legend_handles_labels()[0]}
    ax.legend([handles[s] for s in STATUSES if s in handles], [s for s in STATUSES if s in handles],
              ncols=5, loc="upper center", bbox_to_anchor=(0.5, -0.35), frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(title, fontsize=12)
    return fig


@with_fonts
def revision_continuity(carried: pd.DataFrame, *, title: str = "") -> Figure:
    """Each document's characters by status against its predecessor, one bar per year, one panel per genre.

    Years are drawn on a calendar axis, so years without a document are gaps; a
    bar whose predecessor is more than a year older is outlined.  Where a genre has several pairs in one
    year (an archive of many documents a year), the bar is their mean.  Input: :func:`~.series.carryover`.
    """
    genres = list(dict.fromkeys(carried["genre"])) or [""]
    years = carried["new_year"].dropna()
    span = int(years.max() - years.min() + 1) if len(years) else 1
    # 0.15 in a year, at most a report page's width at the 80 % a page may shrink a figure to (99 years of party
    # congresses get 0.12 in); one calendar axis for every genre, so the panels line up
    fig = _figure(max(6.0, min(0.15 * span + 2.5, _PAGE_INCHES)), 2.6 * len(genres) + 0.8)
    axes = np.atleast_1d(fig.subplots(len(genres), 1, squeeze=False, sharex=True)).ravel()
    statuses = ["unchanged", "changed", "moved", "added"]
    for ax, genre in zip(axes, genres, strict=True):
        part = _per_year(carried[carried["genre"] == genre], statuses)
        bottom = np.zeros(len(part))
        for status in statuses:
            values = part[status].to_numpy(dtype=float)
            ax.bar(part["new_year"].astype(float), values, bottom=bottom, width=0.8, color=STATUS_COLORS[status],
                   label=status)
            bottom += values
        gaps = part[part["gap_years"] > 1]
        ax.bar(gaps["new_year"].astype(float), np.ones(len(gaps)), width=0.8, fill=False, edgecolor="#333333",
               linewidth=0.8, label="predecessor > 1 year earlier" if len(gaps) else None)
        ax.set_ylim(0, 1)
        ax.set_ylabel("share of characters")
        ax.set_title(str(genre), fontsize=10)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))  # years, never 2023.6
        ax.spines[["top", "right"]].set_visible(False)
        if part.empty:
            ax.text(0.5, 0.5, "nothing to compare", transform=ax.transAxes, ha="center", va="center")
    axes[0].legend(ncols=5, loc="lower center", bbox_to_anchor=(0.5, 1.12), frameon=False, fontsize=8)
    fig.suptitle(title or "延续与更新 What each document carried over from its predecessor", fontsize=12)
    return fig


MAX_REUSE_DOCUMENTS = 40  # rows and columns of the reuse heatmap


def _per_year(part: pd.DataFrame, statuses: list[str]) -> pd.DataFrame:
    """One row per year: the pair itself, or the mean shares of the year's pairs (``gap_years``: the largest)."""
    if not part["new_year"].duplicated().any():
        return part
    grouped = part.groupby("new_year", sort=True)
    return grouped[statuses].mean().join(grouped["gap_years"].max()).reset_index()


@with_fonts
def reuse_heatmap(table: pd.DataFrame, documents: pd.DataFrame, *, title: str = "") -> Figure:
    """Document × document share of the row document's characters shared with the column document.

    Input: :func:`~.passages.matrix`; documents in date order.  Beyond :data:`MAX_REUSE_DOCUMENTS`
    documents, those that share the most characters, the others counted in the title.
    """
    order = list(documents.sort_values(["date", "doc_id"])["doc_id"])
    left_out = 0
    if len(order) > MAX_REUSE_DOCUMENTS:
        most = table.groupby("doc_id")["shared_chars"].sum().sort_values(ascending=False, kind="stable")
        kept = set(most.index[:MAX_REUSE_DOCUMENTS])
        kept |= set([d for d in order if d not in kept][:MAX_REUSE_DOCUMENTS - len(kept)])
        left_out = len(order) - len(kept)
        order = [d for d in order if d in kept]
        table = table[table["doc_id"].isin(kept) & table["other"].isin(kept)]
        title = (f"{title or '文本复用 Passages shared between documents'}\n（另有 {left_out} 篇见表格 "
                 f"{left_out} more documents in the table）")
    grid = table.pivot_table(index="doc_id", columns="other", values="share", aggfunc="sum")
    grid = grid.reindex(index=order, columns=order).fillna(0.0)
    n = max(len(order), 1)
    cell = min(0.45, 16 / n)
    fig = _figure(cell * n + 3.5, cell * n + 2.5)
    ax = fig.subplots()
    image = ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=max(0.05, float(grid.to_numpy().max())))
    size = max(4, min(9, cell * 20))
    ax.set_xticks(range(len(order)), order, rotation=90, fontsize=size)
    ax.set_yticks(range(len(order)), order, fontsize=size)
    if n <= 15:
        for (i, j), value in np.ndenumerate(grid.to_numpy()):
            if value > 0:
                ax.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=7)
    fig.colorbar(image, ax=ax, shrink=0.6, label="share of the row document's characters")
    if table.empty:
        ax.text(0.5, 0.5, "no shared passages", transform=ax.transAxes, ha="center", va="center")
    fig.suptitle(title or "文本复用 Passages shared between documents", fontsize=12)
    return fig
