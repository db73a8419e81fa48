"""How long the parts of the text are: paragraph lengths in reading order (or as boxes per document or per year)
and a histogram of sentence lengths."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..textstat.sections import BOX_COLUMNS, MAX_LENGTH_ROWS, paragraph_length_boxes
from .base import BAR, document_order, finish_histogram, in_order, names_of, new_figure, section_colors, with_fonts

__all__ = ["paragraph_lengths", "sentence_lengths"]


@with_fonts
def paragraph_lengths(paragraphs: pd.DataFrame, *, title: str = "",
                      labels: Mapping[str, str] | None = None, years: pd.Series | None = None) -> Figure:
    """Length of every paragraph in reading order, coloured by section.

    ``paragraphs`` needs ``doc_id, para_no, section, n_chars`` (the text is not used:
    :func:`helpers.textstat.paragraph_sizes` will do), or is a table of box statistics per year
    (:func:`helpers.textstat.paragraph_length_view` of a corpus beyond 60 documents), drawn one box per year.
    Up to :data:`MAX_LENGTH_PANELS` documents: one
    panel per document, one legend for all (each section label its own colour).  Up to
    :data:`~helpers.textstat.sections.MAX_LENGTH_ROWS` documents: one row per document (named by ``labels``, else
    the doc_id) with the spread of its paragraph lengths as a box plot (median, quartiles, whiskers at 1.5 IQR)
    and the number of paragraphs at the right.  More documents: with ``years`` (the year of each ``doc_id``, e.g.
    :func:`helpers.textstat.document_years`) one box per year, with its numbers of documents and
    paragraphs; without, the first documents and the others counted in the title.
    """
    if set(BOX_COLUMNS) <= set(paragraphs.columns):
        return _length_boxes_by_year(paragraphs, title=title)
    docs = document_order(list(dict.fromkeys(paragraphs["doc_id"])), labels)
    labels = names_of(labels)
    if len(docs) > MAX_LENGTH_ROWS and years is not None:
        return _length_boxes_by_year(paragraph_length_boxes(paragraphs, years), title=title)
    if len(docs) > MAX_LENGTH_PANELS:
        shown, rest = docs[:MAX_LENGTH_ROWS], len(docs) - MAX_LENGTH_ROWS
        if rest > 0:
            title = f"{title}\n（另有 {rest} 篇见表格 {rest} more documents in the table）"
        return _length_boxes(paragraphs, shown, title=title.strip(), labels=labels)
    fig = new_figure(11, 2.3 * len(docs) + 1.3)
    axes = np.atleast_1d(fig.subplots(len(docs), 1, squeeze=False)).ravel()
    colors = section_colors([str(s) for s in in_order(paragraphs["section"])])
    for ax, doc in zip(axes, docs, strict=True):
        part = paragraphs[paragraphs["doc_id"] == doc]
        ax.bar(part["para_no"], part["n_chars"], color=[colors[str(s)] for s in part["section"]], width=0.85)
        ax.set_xlabel("段落 paragraph", fontsize=9)
        ax.set_ylabel("字数 characters", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        if len(docs) > 1:
            ax.set_title(str(labels.get(doc, doc)), fontsize=10, loc="left")
    handles = [Patch(color=c, label=s) for s, c in colors.items()]
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 10), fontsize=8,
               frameon=False)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


MAX_LENGTH_PANELS = 6


def _length_boxes(paragraphs: pd.DataFrame, docs: list, *, title: str, labels: Mapping[str, str]) -> Figure:
    row_inches = 0.2 if len(docs) <= 30 else 0.14
    fig = new_figure(10, row_inches * len(docs) + 1.6)
    ax = fig.subplots()
    by_doc = paragraphs.groupby("doc_id", sort=False)["n_chars"]
    values = [by_doc.get_group(d).to_numpy() for d in docs]
    ax.boxplot(values, orientation="horizontal", widths=0.6, showfliers=True, patch_artist=True,
               boxprops={"facecolor": "#c9d8ea", "edgecolor": "#3b6ea5", "lw": 0.8},
               medianprops={"color": "#1f3b5b", "lw": 1.2},
               flierprops={"marker": ".", "markersize": 2, "markeredgecolor": "#888888"})
    fontsize = 7 if len(docs) <= 30 else 6
    ax.set_yticks(range(1, len(docs) + 1), [str(labels.get(d, d)) for d in docs], fontsize=fontsize)
    ax.set_ylim(len(docs) + 0.6, 0.4)
    for i, v in enumerate(values, start=1):
        ax.text(1.005, i, f"{len(v)}", transform=ax.get_yaxis_transform(), fontsize=fontsize - 1, va="center",
                color="#666")
    ax.text(1.005, 1.0, "段落数 n", transform=ax.transAxes, fontsize=7, va="bottom", color="#666")
    ax.set_xscale("log")
    ax.set_xlabel("段落字数 characters per paragraph (log scale)")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


def _length_boxes_by_year(boxes: pd.DataFrame, *, title: str) -> Figure:
    """One box per year from its statistics (:func:`helpers.textstat.paragraph_length_boxes`; no outlier dots:
    there are too many)."""
    order = boxes["year"].tolist()
    stats = [{**{k: row[k] for k in ("whislo", "q1", "med", "q3", "whishi", "mean")}, "label": row["year"]}
             for row in boxes.to_dict("records")]
    notes = [f"{d} · {n}" for d, n in zip(boxes["n_documents"], boxes["n_paragraphs"], strict=True)]
    fontsize = 7 if len(order) <= 40 else 6
    fig = new_figure(10, (0.2 if len(order) <= 40 else 0.14) * len(order) + 1.6)
    ax = fig.subplots()
    ax.bxp(stats, orientation="horizontal", widths=0.6, showfliers=False, patch_artist=True,
           boxprops={"facecolor": "#c9d8ea", "edgecolor": "#3b6ea5", "lw": 0.8},
           medianprops={"color": "#1f3b5b", "lw": 1.2})
    ax.set_yticks(range(1, len(order) + 1), order, fontsize=fontsize)
    ax.set_ylim(len(order) + 0.6, 0.4)
    for i, note in enumerate(notes, start=1):
        ax.text(1.005, i, note, transform=ax.get_yaxis_transform(), fontsize=fontsize - 1, va="center", color="#666")
    ax.text(1.005, 1.0, "篇 · 段 documents · paragraphs", transform=ax.transAxes, fontsize=7, va="bottom",
            color="#666")
    ax.set_xscale("log")
    ax.set_xlabel("段落字数 characters per paragraph (log scale), by year")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


@with_fonts
def sentence_lengths(lengths: pd.DataFrame, *, bins: int = 20, title: str = "", xlabel: str = "") -> Figure:
    """Histogram of sentence lengths from counts per length (:func:`helpers.textstat.sentence_lengths`).

    The same bars as a histogram of every sentence's length on ``bins`` equal bins from the shortest
    to the longest, drawn from a table of a few thousand rows whatever the number of sentences.
    """
    per_length = lengths.groupby("n_chars", sort=True)["n_sentences"].sum()
    fig = new_figure(8, 3.8)
    ax = fig.subplots()
    values = per_length.index.to_numpy(dtype=float)
    edges = np.histogram_bin_edges(values, bins=bins)
    ax.hist(values, bins=edges, weights=per_length.to_numpy(dtype=float), color=BAR)
    return finish_histogram(fig, ax, xlabel=xlabel, title=title)
