"""Figures of themes: keyword lists side by side (TF-IDF, TextRank) and the co-occurrence network."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .base import BAR, distinct_colors, finish_panels, new_figure, with_fonts
from .labels import arrange

__all__ = ["keywords", "network"]


@with_fonts
def keywords(table: pd.DataFrame, *, title: str = "", ncols: int = 4, max_panels: int = 12) -> Figure:
    """Two keyword lists per group side by side: TF-IDF left, TextRank right (:func:`helpers.themes.keywords`).

    At most ``max_panels`` groups are drawn (the first in the table); the title says how many more
    the table holds, so group coarser (by genre, decade) when there are many.

    Words both methods rank are drawn in colour and joined by a line, so
    agreement shows at a glance.  One panel per group; the panel title names
    the group by the group columns that vary across the table (one line each).
    """
    columns = list(table.columns)
    group_columns = columns[: columns.index("rank")]
    varying = [c for c in group_columns if table[c].astype(str).nunique() > 1] or group_columns[-1:]
    groups = table[group_columns].drop_duplicates().reset_index(drop=True)
    left_out = max(0, len(groups) - max_panels)
    groups = groups.head(max_panels)
    key = table[group_columns].astype(str).agg("\x1f".join, axis=1)
    top_n = int(table["rank"].max()) if len(table) else 1
    ncols = max(1, min(ncols, len(groups)))
    nrows = max(1, -(-len(groups) // ncols))
    fig = new_figure(3.3 * ncols, (0.23 * top_n + 0.9) * nrows + 0.4)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, group in zip(axes, groups.itertuples(index=False), strict=False):
        part = table[key == "\x1f".join(str(v) for v in group)]
        left = {int(r): t for r, t in zip(part["rank"], part["tfidf_term"], strict=True) if isinstance(t, str)}
        right = {int(r): t for r, t in zip(part["rank"], part["textrank_term"], strict=True) if isinstance(t, str)}
        shared = set(left.values()) & set(right.values())
        where = {t: r for r, t in right.items()}
        for rank, term in left.items():
            ax.text(0.42, rank, term, ha="right", va="center", fontsize=9,
                    color=BAR if term in shared else "#666666")
            ax.text(0.0, rank, str(rank), ha="left", va="center", fontsize=7, color="#999999")
            if term in shared:
                ax.plot([0.44, 0.56], [rank, where[term]], color=BAR, lw=1, alpha=0.6)
        for rank, term in right.items():
            ax.text(0.58, rank, term, ha="left", va="center", fontsize=9,
                    color=BAR if term in shared else "#666666")
        ax.text(0.42, 0, "TF-IDF", ha="right", va="center", fontsize=8, color="#333333")
        ax.text(0.58, 0, "TextRank", ha="left", va="center", fontsize=8, color="#333333")
        ax.set_xlim(0, 1)
        ax.set_ylim(top_n + 0.6, -0.7)
        ax.set_axis_off()
        ax.set_title("\n".join(str(getattr(group, c)) for c in varying), fontsize=10 if len(varying) > 1 else 11)
    finish_panels(fig, axes, len(groups), title=title, left_out=left_out)
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


def _backbone(graph, links: int):
    """The graph with, for every node, only its ``links`` strongest edges (by ``weight``; an edge stays
    when it is among the strongest of either end)."""
    import networkx as nx

    keep = set()
    for node in graph.nodes:
        ranked = sorted(graph.edges(node, data=True), key=lambda e: (-float(e[2].get("weight", 1)), str(e[1])))
        keep.update(frozenset((u, v)) for u, v, _ in ranked[:links])
    out = nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    out.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if frozenset((u, v)) in keep)
    return out


@with_fonts
def network(graph, *, random_state: int = 42, title: str = "", legend_terms: int = 4, links: int = 3) -> Figure:
    """A co-occurrence network (:func:`helpers.themes.network`) with readable Chinese labels.

    Nodes are coloured by ``community`` and sized by ``sentences``; edges are
    as wide as their ``count`` (coloured within a community, grey between).
    Each community is laid out on its own (spring layout seeded with
    ``random_state``) and the communities are placed around a circle, so no
    hub pulls every label into the centre; labels that would still overlap
    are pushed apart, with a thin line to their node when moved.  The legend
    names each community by its most frequent terms.  Only each term's ``links``
    strongest edges are drawn (and laid out), so a dense graph of many documents
    does not become a hairball; the subtitle says how many of all edges are shown.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D
    from matplotlib.patheffects import withStroke

    fig = new_figure(11, 9)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.set_axis_off()
    nodes = list(graph.nodes)
    if not nodes:
        ax.text(0.5, 0.5, "（无边）no edges", ha="center", va="center", transform=ax.transAxes)
        return fig
    all_edges = graph.number_of_edges()
    graph = _backbone(graph, links) if links else graph
    shown = f"每词最强 {links} 条边 each term's {links} strongest links: {graph.number_of_edges()} of {all_edges} edges"
    title = f"{title}\n{shown}" if title else shown
    community = {n: int(graph.nodes[n].get("community", 1)) for n in nodes}
    sentences = np.array([float(graph.nodes[n].get("sentences", 1)) for n in nodes])
    numbers = sorted(set(community.values()))
    colours = dict(zip(numbers, distinct_colors(len(numbers)), strict=True))
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
        placed = arrange(xy, np.abs(sizes), how="push")
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

