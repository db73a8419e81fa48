"""Figures along the text: where terms occur, paragraph lengths, theme profiles and paragraph heatmaps.

Paragraphs run left to right in reading order; sections are shaded or
separated and named, documents separated and named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .base import BAR, PALETTE, document_order, in_order, names_of, new_figure, section_colors, with_fonts

__all__ = ["dispersion", "paragraph_heatmap", "paragraph_lengths", "profile", "sentence_lengths"]


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
            rows = _stagger([c * 9.5 for c in centres], [_text_inches(t, 8) for t in names])
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
            grid[part["doc_id"].map(row_of).to_numpy(), part["bin"].to_numpy()] = part["share"].to_numpy()
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
    from ..textstat.sections import BOX_COLUMNS, MAX_LENGTH_ROWS, paragraph_length_boxes

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
    ax.set_xlabel(xlabel)
    ax.set_ylabel("频数 count")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontsize=13)
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
    rows = _stagger([c / span * width_inches for c in centres], [_text_inches(t, 8) for t in texts])
    transform = ax.get_xaxis_transform()
    for centre, text, row in zip(centres, texts, rows, strict=True):
        ax.text(centre, 1.02 + 0.16 * row, text, transform=transform, ha="center", va="bottom", fontsize=8,
                color="#333333", clip_on=False)


def _text_inches(text: str, fontsize: float) -> float:
    """A generous estimate of a label's width: full width for CJK, 0.62 em for the rest."""
    ems = sum(1.0 if ord(ch) > 0x2E80 else 0.62 for ch in text)
    return ems * fontsize / 72 + 0.08


def _stagger(centres: list[float], widths: list[float]) -> list[int]:
    """The lowest row for each label (left to right) where it clears the previous label of that row."""
    ends: list[float] = []
    rows = []
    for centre, width in zip(centres, widths, strict=True):
        left = centre - width / 2
        row = next((r for r, end in enumerate(ends) if left > end), len(ends))
        if row == len(ends):
            ends.append(centre + width / 2)
        else:
            ends[row] = centre + width / 2
        rows.append(row)
    return rows


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
        from .frequency import heatmap

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
