"""Figures that compare: keyness bars, fightin' words, comparison clouds, similarity matrix, style panel."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from matplotlib.figure import Figure

from .. import fonts
from ..textstat.fragments import leave_out
from .base import BAR, document_order, names_of, new_figure, with_fonts
from .frequency import heatmap, with_fragments_note
from .labels import arrange

_TARGET, _REFERENCE = "#c0392b", "#2e6da4"

__all__ = ["comparison_cloud", "fightin_words", "keyness", "matrix", "style_panel"]


def _message(fig: Figure, text: str) -> Figure:
    ax = fig.subplots()
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#555", wrap=True)
    return fig


@with_fonts
def keyness(table: pd.DataFrame, *, top_n: int = 15, title: str = "", target_label: str = "target",
            reference_label: str = "reference", statistic: str = "statistic",
            fragments: Iterable[str] | None = None) -> Figure:
    """Diverging bars of a keyness table: the ``top_n`` key terms of each side, with their counts.

    Bars right of zero are key in the target, left of zero in the reference;
    each label reads ``term (target count : reference count)``, a count marked † when it
    includes occurrences inside longer dictionary formulations (``target_nested``).
    ``fragments`` (:func:`helpers.textstat.fragment_terms`) are left out of the bars, and the title says which
    of them would have been drawn (the table keeps them).
    """
    fig = new_figure(9, max(3.5, 0.28 * 2 * top_n + 1.2))
    if table.empty:
        return _message(fig, "nothing to compare")
    shown = pd.concat([table[table[statistic] > 0].nlargest(top_n, statistic),
                       table[table[statistic] < 0].nsmallest(top_n, statistic)])
    _, dropped = leave_out(shown, fragments)  # the fragments that would have had a bar
    table, _ = leave_out(table, fragments)
    title = with_fragments_note(title, dropped)
    positive = table[table[statistic] > 0].nlargest(top_n, statistic)
    negative = table[table[statistic] < 0].nsmallest(top_n, statistic)
    rows = pd.concat([negative.iloc[::-1], positive.iloc[::-1]])
    ax = fig.subplots()
    colors = [_TARGET if v > 0 else _REFERENCE for v in rows[statistic]]
    ax.barh(range(len(rows)), rows[statistic], color=colors)
    inside_t = rows["target_nested"] if "target_nested" in rows.columns else pd.Series(0, index=rows.index)
    inside_r = rows["reference_nested"] if "reference_nested" in rows.columns else pd.Series(0, index=rows.index)
    labels = [f"{t} ({a:,.0f}{'†' if na else ''} : {b:,.0f}{'†' if nb else ''})"
              for t, a, b, na, nb in zip(rows["term"], rows["target"], rows["reference"], inside_t, inside_r,
                                         strict=True)]
    ax.set_yticks(range(len(rows)), labels, fontsize=9)
    ax.axvline(0, color="#333", lw=0.8)
    ax.set_xlabel(statistic)
    ax.spines[["top", "right"]].set_visible(False)
    ax.text(1.0, 1.01, f"→ {target_label}", transform=ax.transAxes, ha="right", va="bottom", color=_TARGET)
    ax.text(0.0, 1.01, f"{reference_label} ←", transform=ax.transAxes, ha="left", va="bottom", color=_REFERENCE)
    if (inside_t > 0).any() or (inside_r > 0).any():
        fig.supxlabel("† 含嵌套提法 includes occurrences inside longer formulations (科技强国 in 建设世界科技强国)",
                      fontsize=8, color="#555")
    if title:
        fig.suptitle(title, fontsize=13)
    return fig


@with_fonts
def fightin_words(table: pd.DataFrame, *, top_n: int = 12, title: str = "", target_label: str = "target",
                  reference_label: str = "reference") -> Figure:
    """Monroe et al.'s "fightin' words" plot: pooled frequency (log scale) against the z-score.

    ``table`` is a keyness table with ``measure="log_odds_dirichlet"``.  The
    ``top_n`` terms on each side are labelled in a column beside the plot, with
    a leader line to their point, so labels never overlap.
    """
    fig = new_figure(11, 7)
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
    label_px = 9 / 72 * fig.dpi * 1.7
    gap = label_px / ax.get_window_extent().height * (ax.get_ylim()[1] - ax.get_ylim()[0])
    right = ax.get_xlim()[1]
    for side, rows, color in (("target", table.nlargest(top_n, "z"), _TARGET),
                              ("reference", table.nsmallest(top_n, "z"), _REFERENCE)):
        rows = rows[(rows["z"] > 0) if side == "target" else (rows["z"] < 0)]
        if rows.empty:
            continue
        ys = arrange(rows["z"].tolist(), gap, how="slide", within=ax.get_ylim())
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


@with_fonts
def comparison_cloud(table: pd.DataFrame, *, top_n: int = 60, random_state: int = 42, title: str = "",
                     target_label: str = "target", reference_label: str = "reference",
                     statistic: str = "statistic") -> Figure:
    """Two word clouds side by side: terms key in the target (left) and in the reference (right),
    each sized by the absolute keyness statistic."""
    from wordcloud import WordCloud

    font = fonts.path()
    fig = new_figure(12, 5.2)
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


@with_fonts
def matrix(square: pd.DataFrame, *, title: str = "", fmt: str = "{:.2f}", cmap: str = "Blues") -> Figure:
    """A square matrix (such as document similarity) as a labelled heatmap."""
    long = square.rename_axis(index="row", columns="column").stack().rename("value").reset_index()
    order = [str(i) for i in square.index]
    long["row"], long["column"] = long["row"].astype(str), long["column"].astype(str)
    return heatmap(long, index="row", columns="column", values="value", title=title, fmt=fmt, cmap=cmap,
                   row_order=order, column_order=order)


@with_fonts
def style_panel(table: pd.DataFrame, *, by: str, title: str = "", labels: Mapping[str, str] | None = None) -> Figure:
    """Four style measures per group: sentence length, directive share, MATTR, enumerations per 1,000 characters.

    Groups are named by ``labels`` (e.g. :func:`helpers.textstat.document_labels`) when given;
    beyond 24 groups the rows narrow and the values are left to the table.
    """
    measures = [("mean_sentence_chars", "平均句长 mean sentence length (characters)"),
                ("directive_share", "指令句比例 share of directive sentences"),
                ("mattr", "词汇多样性 MATTR (lexical diversity)"),
                ("enumerations_per_1k", "列举 enumerations per 1,000 characters")]
    order = document_order(table[by].tolist(), labels)  # time order when labels (document_labels) are given
    table = table.set_index(by, drop=False).loc[order].reset_index(drop=True)
    many = len(table) > 24
    row = 0.35 if not many else min(0.2, 8.5 / max(len(table), 1))
    fig = new_figure(11, max(4.5, row * len(table) * 2 + 2))
    axes = fig.subplots(2, 2).ravel()
    names = names_of(labels)
    shown = [str(names.get(v, v)) for v in table[by]]
    fontsize = 8 if not many else 6
    for ax, (column, label) in zip(axes, measures, strict=True):
        ax.barh(range(len(table)), table[column], color=BAR)
        ax.set_yticks(range(len(table)), shown, fontsize=fontsize)
        ax.set_ylim(len(table) - 0.5, -0.5)
        ax.set_title(label, fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        if not many:  # values on the bars while they have room; the table has them all
            for i, v in enumerate(table[column]):
                ax.text(v, i, f" {v:.2f}" if v < 10 else f" {v:.0f}", va="center", fontsize=7)
        ax.margins(x=0.18)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig

