"""Where terms occur along the text: a lexical dispersion plot, a tick per hit (shades for documents pooled by year).

One panel per document with a row per term, or, for many documents, one panel per term with a row per document;
sections are shaded and named above the text, their names stacked in rows so that no two touch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .base import document_order, names_of, new_figure, section_colors, with_fonts
from .labels import arrange, text_inches

__all__ = ["dispersion"]


@with_fonts
def dispersion(
    hits: pd.DataFrame,
    bounds: pd.DataFrame | None = None,
    *,
    terms: Sequence[str] | None = None,
    title: str = "",
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """A lexical dispersion plot: a tick wherever a term occurs along a document.

    ``hits`` is :func:`helpers.textstat.dispersion`; ``bounds`` (from
    :func:`helpers.textstat.section_bounds`) lists the documents and shades
    and names the sections.  Up to :data:`MAX_DOCUMENT_PANELS` documents: one
    panel per document, one row per term, its count after the label.  More
    documents: one panel per term, one row per document (named by ``labels``,
    e.g. :func:`helpers.textstat.document_labels`, else the doc_id), the count
    per document written at the right, so the figure keeps its size at any number of documents.  Hits
    counted in parts of the text (rows pooled by year, :func:`helpers.textstat.dispersion_view`) are drawn as
    shades: the darker a part, the larger its share of the row's hits of the term.
    """
    terms = list(terms) if terms is not None else list(dict.fromkeys(hits["term"]))
    docs = document_order(list(dict.fromkeys(bounds["doc_id"] if bounds is not None else hits["doc_id"])), labels)
    if len(docs) > MAX_DOCUMENT_PANELS:
        return _dispersion_by_term(hits, docs, terms, title=title, labels=names_of(labels))
    fig = new_figure(11, 0.36 * len(terms) * len(docs) + 1.0 * len(docs) + 0.8)
    axes = np.atleast_1d(fig.subplots(len(docs), 1, squeeze=False)).ravel()
    for ax, doc in zip(axes, docs, strict=True):
        part = hits[hits["doc_id"] == doc]
        if bounds is not None:
            sections = bounds[bounds["doc_id"] == doc]
            colors = section_colors(sections["section"].astype(str))
            centres = ((sections["start"] + sections["end"]) / 2).tolist()
            names = [str(x) for x in sections["section"]]
            rows = arrange([c * 9.5 for c in centres], [text_inches(t, 8) for t in names], how="stack")
            for row, centre, name, level in zip(sections.itertuples(), centres, names, rows, strict=True):
                ax.axvspan(row.start, row.end, color=colors[str(row.section)], alpha=0.12, lw=0)
                ax.text(centre, 1.01 + 0.07 * level, name, transform=ax.get_xaxis_transform(), ha="center",
                        va="bottom", fontsize=8, color="#444", clip_on=False)
        for y, term in enumerate(reversed(terms)):
            xs = part.loc[part["term"] == term, "position"]
            ax.vlines(xs, y - 0.35, y + 0.35, color="#1f3b5b", lw=1.2)
        counts = part["term"].value_counts()
        ax.set_yticks(range(len(terms)), [f"{t} ({counts.get(t, 0)})" for t in reversed(terms)])
        ax.set_ylim(-0.6, len(terms) - 0.4)
        ax.set_xlim(0, 1)
        ax.set_xlabel("文中位置 position in the text (share of characters)")
        if len(docs) > 1:
            ax.set_title(str(names_of(labels).get(doc, doc)), fontsize=10, loc="left")
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


MAX_DOCUMENT_PANELS = 2


def _dispersion_by_term(hits: pd.DataFrame, docs: list, terms: list[str], *, title: str,
                        labels: Mapping[str, str]) -> Figure:
    ncols = min(len(terms), 4 if len(docs) <= 30 else 8)
    nrows = -(-len(terms) // ncols)
    row_inches = 0.16 if len(docs) <= 30 else 0.13
    fig = new_figure(min(19.0, 3.0 * ncols + 1.8), nrows * (row_inches * len(docs) + 0.9) + 0.8)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharey=True, squeeze=False)).ravel()
    row_of = {d: i for i, d in enumerate(docs)}
    fontsize = 7 if len(docs) <= 30 else 6
    binned = "bin" in hits.columns  # documents pooled by year: hits counted in equal parts of the text
    n_bins = round(1 / float((hits["end"] - hits["start"]).min())) if binned and len(hits) else 1
    for ax, term in zip(axes, terms, strict=False):
        part = hits[hits["term"] == term]
        if binned:
            grid = np.zeros((len(docs), n_bins))
            rows = part["doc_id"].map(row_of).to_numpy(dtype=np.intp)  # integers also when the term never occurs
            grid[rows, part["bin"].to_numpy(dtype=np.intp)] = part["share"].to_numpy()
            ax.pcolormesh(np.linspace(0, 1, n_bins + 1), np.arange(len(docs) + 1) - 0.5,
                          np.ma.masked_equal(grid, 0), cmap="Blues", vmin=0, vmax=max(grid.max(), 1e-9))
            counts = part.groupby("doc_id", sort=False)["hits"].sum()
        else:
            ys = part["doc_id"].map(row_of).astype(float)  # float also when the term never occurs
            ax.vlines(part["position"], ys - 0.38, ys + 0.38, color="#1f3b5b", lw=0.9)
            counts = part["doc_id"].value_counts()
        ax.set_title(f"{term}（{int(counts.sum())}）", fontsize=10)
        ax.set_xlim(0, 1)
        ax.set_ylim(len(docs) - 0.5, -0.5)
        ax.set_xticks([0, 0.5, 1], ["0", "½", "1"], fontsize=7)
        ax.set_yticks(range(len(docs)), [str(labels.get(d, d)) for d in docs], fontsize=fontsize)
        for d in docs:
            if counts.get(d, 0):
                ax.text(1.01, row_of[d], str(counts[d]), transform=ax.get_yaxis_transform(), fontsize=fontsize - 1,
                        va="center", ha="left", color="#666")
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes[len(terms):]:
        ax.set_visible(False)
    fig.supxlabel("文中位置 position in each document (share of characters)" + (
        f"; shade: share of the row's hits in each 1/{n_bins} of the text" if binned else ""), fontsize=9)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig

