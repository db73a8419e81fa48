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

from . import fonts, outputs

__all__ = ["bars", "dispersion", "heatmap", "histogram", "paragraph_lengths", "section_colors", "wordcloud"]

_BAR = "#3b6ea5"
_PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#bab0ac"]


def _figure(width: float, height: float) -> Figure:
    fonts.setup()
    _show_in_notebooks()
    return Figure(figsize=(width, height), layout="constrained")


def _show_in_notebooks() -> None:
    """Under IPython, display our Figures as the same PNG that outputs.save writes.

    Figures made without pyplot have no display of their own; this registers
    one PNG formatter for Figure with the running shell (as ``%matplotlib
    inline`` would), so notebooks and HTML reports show each figure once.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, outputs.png_bytes)


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
        font_path=str(font), width=1200, height=675, background_color="white", colormap=colormap,
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


# --- themes: profiles, paragraph heatmaps, keywords, networks (notebook 02) ---------------------------


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
    order = _order(table[rows])
    paragraphs, runs = _paragraph_runs(table)
    x = pd.MultiIndex.from_frame(table[["doc_id", "para_no"]]).map(
        dict(zip(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True), paragraphs["x"], strict=True)))
    fig = _figure(11, 0.75 * len(order) + 1.5)
    axes = np.atleast_1d(fig.subplots(len(order), 1, sharex=True, sharey=True, squeeze=False)).ravel()
    for k, (ax, row) in enumerate(zip(axes, order, strict=True)):
        mask = (table[rows] == row).to_numpy()
        _mark_runs(ax, paragraphs, runs, shade=True, labels=k == 0)
        ax.bar(np.asarray(x)[mask], table.loc[mask, value], width=0.8, color=_PALETTE[k % len(_PALETTE)])
        ax.set_ylabel(str(row), rotation=0, ha="right", va="center", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=7)
    _paragraph_ticks(axes[-1], paragraphs)
    fig.supylabel(ylabel or value, fontsize=9)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


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
    order = _order(table[rows])
    paragraphs, runs = _paragraph_runs(table)
    position = dict(zip(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True), paragraphs["x"],
                        strict=True))
    row_index = {r: i for i, r in enumerate(order)}
    grid = np.zeros((len(order), len(paragraphs)))
    for doc, para, row, v in table[["doc_id", "para_no", rows, value]].itertuples(index=False):
        grid[row_index[row], position[(doc, para)]] += v
    fig = _figure(11, 0.42 * len(order) + 2.2)
    ax = fig.subplots()
    image = ax.imshow(grid, aspect="auto", cmap=cmap, interpolation="nearest", vmin=0)
    _mark_runs(ax, paragraphs, runs, shade=False, labels=True)
    ax.set_yticks(range(len(order)), [str(r) for r in order], fontsize=9)
    _paragraph_ticks(ax, paragraphs)
    fig.colorbar(image, ax=ax, shrink=0.9, label=value, pad=0.01)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


def keywords(table: pd.DataFrame, *, title: str = "", ncols: int = 4) -> Figure:
    """Two keyword lists per group side by side: TF-IDF left, TextRank right (:func:`helpers.themes.keywords`).

    Words both methods rank are drawn in colour and joined by a line, so
    agreement shows at a glance.  One panel per group; the panel title names
    the group by the group columns that vary across the table (one line each).
    """
    columns = list(table.columns)
    group_columns = columns[: columns.index("rank")]
    varying = [c for c in group_columns if table[c].astype(str).nunique() > 1] or group_columns[-1:]
    groups = table[group_columns].drop_duplicates().reset_index(drop=True)
    key = table[group_columns].astype(str).agg("\x1f".join, axis=1)
    top_n = int(table["rank"].max()) if len(table) else 1
    ncols = max(1, min(ncols, len(groups)))
    nrows = max(1, -(-len(groups) // ncols))
    fig = _figure(3.3 * ncols, (0.23 * top_n + 0.9) * nrows + 0.4)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, group in zip(axes, groups.itertuples(index=False), strict=False):
        part = table[key == "\x1f".join(str(v) for v in group)]
        left = {int(r): t for r, t in zip(part["rank"], part["tfidf_term"], strict=True) if isinstance(t, str)}
        right = {int(r): t for r, t in zip(part["rank"], part["textrank_term"], strict=True) if isinstance(t, str)}
        shared = set(left.values()) & set(right.values())
        where = {t: r for r, t in right.items()}
        for rank, term in left.items():
            ax.text(0.42, rank, term, ha="right", va="center", fontsize=9,
                    color=_BAR if term in shared else "#666666")
            ax.text(0.0, rank, str(rank), ha="left", va="center", fontsize=7, color="#999999")
            if term in shared:
                ax.plot([0.44, 0.56], [rank, where[term]], color=_BAR, lw=1, alpha=0.6)
        for rank, term in right.items():
            ax.text(0.58, rank, term, ha="left", va="center", fontsize=9,
                    color=_BAR if term in shared else "#666666")
        ax.text(0.42, 0, "TF-IDF", ha="right", va="center", fontsize=8, color="#333333")
        ax.text(0.58, 0, "TextRank", ha="left", va="center", fontsize=8, color="#333333")
        ax.set_xlim(0, 1)
        ax.set_ylim(top_n + 0.6, -0.7)
        ax.set_axis_off()
        ax.set_title("\n".join(str(getattr(group, c)) for c in varying), fontsize=10 if len(varying) > 1 else 11)
    for ax in axes[len(groups):]:
        ax.set_visible(False)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


def _community_layout(graph, community: dict, random_state: int) -> dict:
    """Positions: each community laid out on its own (spring layout), the communities around a circle."""
    import networkx as nx

    members: dict[int, list] = {}
    for node in graph.nodes:
        members.setdefault(community[node], []).append(node)
    numbers = sorted(members)
    radius = {c: np.sqrt(len(members[c])) for c in numbers}
    local = {}
    for c in numbers:
        inside = set(members[c])
        sub = nx.Graph()  # not graph.subgraph(): a view iterates its nodes in set order, which varies by run
        sub.add_nodes_from(members[c])
        sub.add_edges_from((u, v, d) for u, v, d in graph.edges(members[c], data=True) if v in inside)
        if len(members[c]) == 1:
            spots = {members[c][0]: np.zeros(2)}
        else:
            spots = nx.spring_layout(sub, seed=random_state, weight="weight", iterations=200)
        coords = np.array(list(spots.values()))
        coords = coords - coords.mean(axis=0)
        scale = np.abs(coords).max() or 1.0
        local.update({n: p / scale * radius[c] * 1.15 for n, p in zip(spots, coords, strict=True)})
    if len(numbers) == 1:
        centres = {numbers[0]: np.zeros(2)}
    else:
        total = sum(radius.values())
        shares = {c: 2 * np.pi * radius[c] / total for c in numbers}
        ring = 0.0
        for a, b in zip(numbers, numbers[1:] + numbers[:1], strict=True):
            angle = (shares[a] + shares[b]) / 2
            ring = max(ring, 1.2 * (radius[a] + radius[b]) / (2 * np.sin(min(angle, np.pi) / 2)))
        centres, angle = {}, np.pi / 2
        for c in numbers:
            angle -= shares[c] / 2
            centres[c] = ring * np.array([np.cos(angle), np.sin(angle)])
            angle -= shares[c] / 2
    return {n: centres[community[n]] + local[n] for n in graph.nodes}


def _spread_labels(anchors: np.ndarray, sizes: np.ndarray, *, iterations: int = 400) -> np.ndarray:
    """Label centres near ``anchors`` whose boxes (width, height in ``sizes``) do not overlap.

    Overlapping pairs are pushed apart along the axis where they overlap
    least, a little each round, with a weak pull back to the anchor.
    """
    centres = anchors.astype(float).copy()
    n = len(centres)
    if n < 2:
        return centres
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    tie = np.where(upper, 1.0, -1.0)  # who moves which way when two labels sit exactly on top of each other
    for _ in range(iterations):
        dx = centres[None, :, 0] - centres[:, None, 0]
        dy = centres[None, :, 1] - centres[:, None, 1]
        ox = (sizes[:, None, 0] + sizes[None, :, 0]) / 2 * 1.06 - np.abs(dx)
        oy = (sizes[:, None, 1] + sizes[None, :, 1]) / 2 * 1.12 - np.abs(dy)
        hit = (ox > 0) & (oy > 0) & ~np.eye(n, dtype=bool)
        if not hit.any():
            break
        along_x = hit & (ox < oy)
        along_y = hit & ~(ox < oy)
        sx = np.where(dx != 0, np.sign(dx), tie)
        sy = np.where(dy != 0, np.sign(dy), tie)
        push = np.zeros_like(centres)
        push[:, 0] -= (np.where(along_x, ox * sx, 0)).sum(axis=1) * 0.5
        push[:, 1] -= (np.where(along_y, oy * sy, 0)).sum(axis=1) * 0.5
        centres += 0.5 * push + 0.02 * (anchors - centres)
    return centres


def network(graph, *, random_state: int = 42, title: str = "", legend_terms: int = 4) -> Figure:
    """A co-occurrence network (:func:`helpers.themes.network`) with readable Chinese labels.

    Nodes are coloured by ``community`` and sized by ``sentences``; edges are
    as wide as their ``count`` (coloured within a community, grey between).
    Each community is laid out on its own (spring layout seeded with
    ``random_state``) and the communities are placed around a circle, so no
    hub pulls every label into the centre; labels that would still overlap
    are pushed apart, with a thin line to their node when moved.  The legend
    names each community by its most frequent terms.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D
    from matplotlib.patheffects import withStroke

    fig = _figure(11, 9)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.set_axis_off()
    nodes = list(graph.nodes)
    if not nodes:
        ax.text(0.5, 0.5, "（无边）no edges", ha="center", va="center", transform=ax.transAxes)
        return fig
    community = {n: int(graph.nodes[n].get("community", 1)) for n in nodes}
    sentences = np.array([float(graph.nodes[n].get("sentences", 1)) for n in nodes])
    colours = {c: _PALETTE[(c - 1) % len(_PALETTE)] for c in sorted(set(community.values()))}
    spots = _community_layout(graph, community, random_state)
    xy = np.array([spots[n] for n in nodes])
    index = {n: i for i, n in enumerate(nodes)}

    edges = list(graph.edges(data=True))
    if edges:
        counts = np.array([float(d.get("count", 1)) for _, _, d in edges])
        segments = [(xy[index[u]], xy[index[v]]) for u, v, _ in edges]
        same = [community[u] == community[v] for u, v, _ in edges]
        ax.add_collection(LineCollection(
            segments, linewidths=0.5 + 3.5 * counts / counts.max(), zorder=1,
            colors=[colours[community[u]] if s else "#b0b0b0" for (u, _, _), s in zip(edges, same, strict=True)],
            alpha=0.45))
    share = sentences / sentences.max()
    ax.scatter(xy[:, 0], xy[:, 1], s=60 + 900 * share, c=[colours[community[n]] for n in nodes], zorder=2,
               edgecolors="white", linewidths=0.8)

    handles = []
    for c, colour in colours.items():
        members = sorted((n for n in nodes if community[n] == c), key=lambda n: -sentences[index[n]])
        names = "、".join(members[:legend_terms]) + ("…" if len(members) > legend_terms else "")
        handles.append(Line2D([], [], marker="o", ls="", color=colour, markersize=9, label=f"{c}: {names}"))
    fig.legend(handles=handles, loc="outside lower center", ncols=min(3, len(handles)), frameon=False, fontsize=9)
    if title:
        fig.suptitle(title, fontsize=13)
    span = np.ptp(xy, axis=0).max() or 1.0
    margin = 0.12 * span
    ax.set_xlim(xy[:, 0].min() - margin, xy[:, 0].max() + margin)
    ax.set_ylim(xy[:, 1].min() - margin, xy[:, 1].max() + margin)
    sizes_pt = 8.5 + 5 * np.sqrt(share)
    labels = [ax.text(x, y, str(n), fontsize=s, ha="center", va="center", zorder=4,
                      path_effects=[withStroke(linewidth=3, foreground="white")])
              for (x, y), n, s in zip(xy, nodes, sizes_pt, strict=True)]
    for _ in range(3):  # measure the labels, spread them, widen the view if they left it, measure again
        fig.canvas.draw()
        inverse = ax.transData.inverted()
        boxes = [inverse.transform(t.get_window_extent()) for t in labels]
        sizes = np.array([b[1] - b[0] for b in boxes])
        placed = _spread_labels(xy, np.abs(sizes))
        low = (placed - np.abs(sizes) / 2).min(axis=0)
        high = (placed + np.abs(sizes) / 2).max(axis=0)
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        inside = low[0] >= x0 and low[1] >= y0 and high[0] <= x1 and high[1] <= y1
        if inside:
            break
        ax.set_xlim(min(x0, low[0] - 0.02 * span), max(x1, high[0] + 0.02 * span))
        ax.set_ylim(min(y0, low[1] - 0.02 * span), max(y1, high[1] + 0.02 * span))
    for text, (x, y) in zip(labels, placed, strict=True):
        text.set_position((x, y))
    moved = np.hypot(*(placed - xy).T) > 0.6 * np.abs(sizes[:, 1])
    leaders = [(xy[i], placed[i]) for i in np.flatnonzero(moved)]
    if leaders:
        ax.add_collection(LineCollection(leaders, colors="#777777", linewidths=0.6, zorder=3))
    return fig


__all__ += ["keywords", "network", "paragraph_heatmap", "profile"]


# --- comparisons (notebook 03) ----------------------------------------------------------------

_TARGET, _REFERENCE = "#c0392b", "#2e6da4"


def _message(fig: Figure, text: str) -> Figure:
    ax = fig.subplots()
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#555", wrap=True)
    return fig


def keyness(table: pd.DataFrame, *, top_n: int = 15, title: str = "", target_label: str = "target",
            reference_label: str = "reference", statistic: str = "statistic") -> Figure:
    """Diverging bars of a keyness table: the ``top_n`` key terms of each side, with their counts.

    Bars right of zero are key in the target, left of zero in the reference;
    each label reads ``term (target count : reference count)``.
    """
    fig = _figure(9, max(3.5, 0.28 * 2 * top_n + 1.2))
    if table.empty:
        return _message(fig, "nothing to compare")
    positive = table[table[statistic] > 0].nlargest(top_n, statistic)
    negative = table[table[statistic] < 0].nsmallest(top_n, statistic)
    rows = pd.concat([negative.iloc[::-1], positive.iloc[::-1]])
    ax = fig.subplots()
    colors = [_TARGET if v > 0 else _REFERENCE for v in rows[statistic]]
    ax.barh(range(len(rows)), rows[statistic], color=colors)
    labels = [f"{t} ({a:,.0f} : {b:,.0f})" for t, a, b in zip(rows["term"], rows["target"], rows["reference"],
                                                              strict=True)]
    ax.set_yticks(range(len(rows)), labels, fontsize=9)
    ax.axvline(0, color="#333", lw=0.8)
    ax.set_xlabel(statistic)
    ax.spines[["top", "right"]].set_visible(False)
    ax.text(1.0, 1.01, f"→ {target_label}", transform=ax.transAxes, ha="right", va="bottom", color=_TARGET)
    ax.text(0.0, 1.01, f"{reference_label} ←", transform=ax.transAxes, ha="left", va="bottom", color=_REFERENCE)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


def _spread(values: list[float], gap: float, low: float, high: float) -> list[float]:
    """Positions as close to ``values`` as possible, at least ``gap`` apart, within [low, high]."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [0.0] * len(values)
    last = low - gap
    for i in order:
        placed[i] = max(values[i], last + gap)
        last = placed[i]
    overflow = last - high
    if overflow > 0:
        for i in order:
            placed[i] -= overflow
        last_placed = high + gap
        for i in reversed(order):
            placed[i] = min(placed[i], last_placed - gap)
            last_placed = placed[i]
    return placed


def fightin_words(table: pd.DataFrame, *, top_n: int = 12, title: str = "", target_label: str = "target",
                  reference_label: str = "reference") -> Figure:
    """Monroe et al.'s "fightin' words" plot: pooled frequency (log scale) against the z-score.

    ``table`` is a keyness table with ``measure="log_odds_dirichlet"``.  The
    ``top_n`` terms on each side are labelled in a column beside the plot, with
    a leader line to their point, so labels never overlap.
    """
    fig = _figure(11, 7)
    if table.empty:
        return _message(fig, "nothing to compare")
    ax = fig.subplots()
    total = table["target"] + table["reference"]
    significant = table["z"].abs() >= 1.96
    ax.scatter(total[~significant], table.loc[~significant, "z"], s=8, color="#bbbbbb", lw=0)
    ax.scatter(total[significant], table.loc[significant, "z"], s=14, lw=0,
               color=[_TARGET if z > 0 else _REFERENCE for z in table.loc[significant, "z"]])
    ax.set_xscale("log")
    ax.axhline(0, color="#333", lw=0.6)
    for bound in (-1.96, 1.96):
        ax.axhline(bound, color="#999", lw=0.6, ls="--")
    ax.set_xlabel("合计频次 count in target + reference (log scale)")
    ax.set_ylabel("z (log-odds, informative Dirichlet prior)")
    ax.spines[["top", "right"]].set_visible(False)
    low, high = table["z"].min(), table["z"].max()
    span = (high - low) or 1.0
    ax.set_ylim(low - 0.05 * span, high + 0.05 * span)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()  # settle the layout, then size the label gap to the text height
    label_px = 9 / 72 * fig.dpi * 1.35
    gap = label_px / ax.get_window_extent().height * (ax.get_ylim()[1] - ax.get_ylim()[0])
    right = ax.get_xlim()[1]
    for side, rows, color in (("target", table.nlargest(top_n, "z"), _TARGET),
                              ("reference", table.nsmallest(top_n, "z"), _REFERENCE)):
        rows = rows[(rows["z"] > 0) if side == "target" else (rows["z"] < 0)]
        if rows.empty:
            continue
        ys = _spread(rows["z"].tolist(), gap, *(ax.get_ylim()))
        for (term, x, z), y in zip(zip(rows["term"], rows["target"] + rows["reference"], rows["z"],
                                       strict=True), ys, strict=True):
            ax.annotate(term, xy=(x, z), xytext=(right * 1.6, y), textcoords="data", fontsize=9, color=color,
                        va="center", arrowprops={"arrowstyle": "-", "color": color, "lw": 0.5, "alpha": 0.6},
                        annotation_clip=False)
    ax.text(0.01, 0.99, f"↑ {target_label}", transform=ax.transAxes, va="top", color=_TARGET)
    ax.text(0.01, 0.01, f"↓ {reference_label}", transform=ax.transAxes, va="bottom", color=_REFERENCE)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


def comparison_cloud(table: pd.DataFrame, *, top_n: int = 60, random_state: int = 42, title: str = "",
                     target_label: str = "target", reference_label: str = "reference",
                     statistic: str = "statistic") -> Figure:
    """Two word clouds side by side: terms key in the target (left) and in the reference (right),
    each sized by the absolute keyness statistic."""
    from wordcloud import WordCloud

    font = fonts.setup()
    fig = _figure(12, 5.2)
    axes = fig.subplots(1, 2)
    for ax, rows, color, label in (
        (axes[0], table[table[statistic] > 0].nlargest(top_n, statistic), _TARGET, target_label),
        (axes[1], table[table[statistic] < 0].nsmallest(top_n, statistic), _REFERENCE, reference_label),
    ):
        ax.set_axis_off()
        ax.set_title(label, color=color, fontsize=11)
        if rows.empty:
            ax.text(0.5, 0.5, "—", ha="center", va="center", transform=ax.transAxes)
            continue
        cloud = WordCloud(font_path=str(font), width=900, height=700, background_color="white",
                          color_func=lambda *args, c=color, **kwargs: c, collocations=False,
                          random_state=random_state, max_words=top_n)
        cloud.generate_from_frequencies(dict(zip(rows["term"], rows[statistic].abs(), strict=True)))
        ax.imshow(cloud.to_array(), interpolation="bilinear")
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


def matrix(square: pd.DataFrame, *, title: str = "", fmt: str = "{:.2f}", cmap: str = "Blues") -> Figure:
    """A square matrix (such as document similarity) as a labelled heatmap."""
    long = square.rename_axis(index="row", columns="column").stack().rename("value").reset_index()
    order = [str(i) for i in square.index]
    long["row"], long["column"] = long["row"].astype(str), long["column"].astype(str)
    return heatmap(long, index="row", columns="column", values="value", title=title, fmt=fmt, cmap=cmap,
                   row_order=order, column_order=order)


def trends(table: pd.DataFrame, *, x: str = "date", y: str = "per_10k_chars", hue: str = "formulation",
           title: str = "", ylabel: str = "") -> Figure:
    """One line per ``hue`` value over ``x`` (dates), labelled at its end.

    With a single date there is no trend to draw: the figure shows the level
    of each value as bars instead, and says so.
    """
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
        fig = _figure(12, 1.9 * nrows + 0.8)
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
    fig = _figure(10, 5.5)
    ax = fig.subplots()
    ends = []
    for k, group in enumerate(groups):
        part = table[table[hue] == group].sort_values(x)
        color = colours[(2 * k) % len(colours)]
        ax.plot(part[x], part[y], marker="o", ms=4, lw=1.5, color=color, label=str(group))
        ends.append((str(group), part[x].iloc[-1], float(part[y].iloc[-1]), color))
    from matplotlib.transforms import offset_copy

    low, high = ax.get_ylim()
    spots = _spread([e[2] for e in ends], (high - low) / 22, low, high)  # end labels never on top of each other
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


def style_panel(table: pd.DataFrame, *, by: str, title: str = "") -> Figure:
    """Four style measures per group: sentence length, directive share, MATTR, enumerations per 1,000 characters."""
    measures = [("mean_sentence_chars", "平均句长 mean sentence length (characters)"),
                ("directive_share", "指令句比例 share of directive sentences"),
                ("mattr", "词汇多样性 MATTR (lexical diversity)"),
                ("enumerations_per_1k", "列举 enumerations per 1,000 characters")]
    fig = _figure(11, max(4.5, 0.35 * len(table) * 2 + 2))
    axes = fig.subplots(2, 2).ravel()
    labels = table[by].astype(str).tolist()
    for ax, (column, label) in zip(axes, measures, strict=True):
        ax.barh(range(len(table)), table[column], color=_BAR)
        ax.set_yticks(range(len(table)), labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_title(label, fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        for i, v in enumerate(table[column]):
            ax.text(v, i, f" {v:.2f}" if v < 10 else f" {v:.0f}", va="center", fontsize=7)
        ax.margins(x=0.18)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


__all__ += ["comparison_cloud", "fightin_words", "keyness", "matrix", "style_panel", "trends"]
