"""A value per paragraph along the text: strips of bars (``profile``) or a heatmap (``paragraph_heatmap``).

Paragraphs run left to right in reading order; sections are shaded or separated, documents separated, and the
sections (one document) or documents (several) named above, their names stacked in rows so that no two touch.
Beyond a few documents a bar or a column per paragraph is too thin to read: one per document instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .base import PALETTE, document_order, in_order, names_of, new_figure, with_fonts
from .frequency import heatmap
from .labels import arrange, text_inches

__all__ = ["paragraph_heatmap", "profile"]


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


def _mark_runs(ax, paragraphs: pd.DataFrame, runs: pd.DataFrame, *, shade: bool, labels: bool,
               names: Mapping[str, str] | None = None, width_inches: float = 9.5) -> None:
    """Shade (or separate) sections, draw document boundaries, and on request name on top the sections
    (one document) or the documents (several, named by ``names``), in as many staggered rows as
    needed so that no two names touch."""
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
    if several:
        centres = ((starts["min"] + starts["max"]) / 2).tolist()
        texts = [str(names_of(names).get(d, d)) for d in starts.index]
    else:
        centres = ((runs["start"] + runs["end"]) / 2).tolist()
        texts = [str(s) for s in runs["section"]]
    span = max(len(paragraphs), 1)
    rows = arrange([c / span * width_inches for c in centres], [text_inches(t, 8) for t in texts],
                   how="stack")
    transform = ax.get_xaxis_transform()
    for centre, text, row in zip(centres, texts, rows, strict=True):
        ax.text(centre, 1.02 + 0.16 * row, text, transform=transform, ha="center", va="bottom", fontsize=8,
                color="#333333", clip_on=False)



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
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """A profile along the text: one strip per ``rows`` value (theme, topic), a bar per paragraph.

    Beyond :data:`MAX_PARAGRAPH_DOCUMENTS` documents a bar per paragraph is too thin to read: the
    strips then have one bar per document (in the order given, named by ``labels`` below), the
    document's ``hits`` per 1,000 characters when the table has ``hits`` and ``n_chars``, else the
    mean of ``value`` over its paragraphs.

    ``table`` has ``doc_id, para_no``, the ``rows`` and ``value`` columns and
    optionally ``section`` (e.g. :func:`helpers.themes.score`).  Paragraphs
    run left to right in text order (numbered by ``para_no`` when there are
    few); every other section is shaded; the top names the sections, or,
    with several documents, the documents (separated by a line).  The
    strips share one y-scale, so heights compare across strips.
    """
    order = in_order(table[rows])
    if table["doc_id"].nunique() > MAX_PARAGRAPH_DOCUMENTS:
        return _document_strips(table, order, rows=rows, value=value, title=title, ylabel=ylabel,
                                labels=names_of(labels))
    paragraphs, runs = _paragraph_runs(table)
    x = pd.MultiIndex.from_frame(table[["doc_id", "para_no"]]).map(
        dict(zip(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True), paragraphs["x"], strict=True)))
    fig = new_figure(11, 0.75 * len(order) + 1.5)
    axes = np.atleast_1d(fig.subplots(len(order), 1, sharex=True, sharey=True, squeeze=False)).ravel()
    for k, (ax, row) in enumerate(zip(axes, order, strict=True)):
        mask = (table[rows] == row).to_numpy()
        _mark_runs(ax, paragraphs, runs, shade=True, labels=k == 0, names=labels)
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
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """A heatmap of ``value`` with one row per ``rows`` value (topic, theme) and one column per paragraph.

    Beyond :data:`MAX_PARAGRAPH_DOCUMENTS` documents, one column per document (the mean of
    ``value`` over its paragraphs, documents in the order given and named by ``labels``).

    Paragraphs run left to right in text order; grey lines separate
    sections, black lines documents; the top names the sections, or, with
    several documents, the documents.  Scales to hundreds of paragraphs (no cell labels).
    """
    order = in_order(table[rows])
    if table["doc_id"].nunique() > MAX_PARAGRAPH_DOCUMENTS:
        per_doc = _per_document(table, rows=rows, value=value)
        docs = document_order(list(dict.fromkeys(per_doc["doc_id"])), labels)
        per_doc = per_doc.set_index("doc_id").loc[docs].reset_index()
        per_doc["doc_id"] = per_doc["doc_id"].map(lambda d: names_of(labels).get(d, d))
        return heatmap(per_doc, index=rows, columns="doc_id", values=value, title=title, cmap=cmap, fmt="{:.2f}",
                       row_order=order, column_order=list(dict.fromkeys(per_doc["doc_id"])))
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
    _mark_runs(ax, paragraphs, runs, shade=False, labels=True, names=labels)
    ax.set_yticks(range(len(order)), [str(r) for r in order], fontsize=9)
    _paragraph_ticks(ax, paragraphs)
    fig.colorbar(image, ax=ax, shrink=0.9, label=value, pad=0.01)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


MAX_PARAGRAPH_DOCUMENTS = 8


def _per_document(table: pd.DataFrame, *, rows: str, value: str) -> pd.DataFrame:
    """One row per document and ``rows`` value: hits per 1,000 characters, or the mean of ``value``."""
    grouped = table.groupby(["doc_id", rows], sort=False, observed=True)
    if {"hits", "n_chars"} <= set(table.columns) and value == "per_1k":
        out = grouped.agg(hits=("hits", "sum"), n_chars=("n_chars", "sum")).reset_index()
        out[value] = np.where(out["n_chars"] > 0, out["hits"] / out["n_chars"].clip(lower=1) * 1000, 0.0)
        return out[["doc_id", rows, value]]
    return grouped[value].mean().reset_index()


def _document_strips(table: pd.DataFrame, order: list, *, rows: str, value: str, title: str,
                     ylabel: str | None, labels: Mapping[str, str]) -> Figure:
    per_doc = _per_document(table, rows=rows, value=value)
    docs = document_order(list(dict.fromkeys(table["doc_id"])), labels)
    fontsize = 7 if len(docs) <= 40 else 6
    fig = new_figure(min(18.0, max(11.0, 0.13 * len(docs) + 2.5)), 0.75 * len(order) + 2.6)
    axes = np.atleast_1d(fig.subplots(len(order), 1, sharex=True, sharey=True, squeeze=False)).ravel()
    where = {d: i for i, d in enumerate(docs)}
    for k, (ax, row) in enumerate(zip(axes, order, strict=True)):
        part = per_doc[per_doc[rows] == row]
        ax.bar(part["doc_id"].map(where), part[value], width=0.8, color=PALETTE[k % len(PALETTE)])
        ax.set_ylabel(str(row), rotation=0, ha="right", va="center", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=7)
    axes[-1].set_xlim(-0.6, len(docs) - 0.4)
    axes[-1].set_xticks(range(len(docs)), [str(labels.get(d, d)) for d in docs], rotation=90, fontsize=fontsize)
    axes[-1].set_xlabel("文档 documents (one bar each)")
    fig.supylabel(ylabel or value, fontsize=9)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig
