"""Topics with covariates (:func:`helpers.textmodel.topics`): prevalence over the years per genre, and the topics'
labels by their top FREX words."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..textmodel.topics import EMPTY
from .base import distinct_colors, new_figure, says_why, with_fonts
from .labels import arrange

__all__ = ["prevalence", "topic_words"]

COLUMNS = 3
PANEL_HEIGHT = 2.5  # inches per row of panels
LABEL_POINTS = 7.5
# the tallest figure (inches): 3,000 px at 150 dpi, less the margins
MAX_HEIGHT = 19.0
# a line and its band stop at a gap of more than GAP times the category's median gap between years (and GAP years)
GAP = 3
NO_TOPICS = "没有主题 no topics to show"


def _topic_title(topic: int, labels: pd.DataFrame | None) -> str:
    if labels is None:
        return f"T{topic}"
    row = labels.set_index("topic").loc[topic]
    share = f" ({row['mean_share'] * 100:.0f}%)" if "mean_share" in row else ""
    return f"T{topic} {row['label']}{share}"


def _runs(years: np.ndarray) -> list[slice]:
    """Runs of observed ``years`` (sorted) without a long gap: a gap is long when it passes :data:`GAP` times the
    median gap and :data:`GAP` years, so that no line or band crosses years without documents of its own."""
    if len(years) < 2:
        return [slice(0, len(years))]
    gaps = np.diff(years)
    cuts = np.flatnonzero(gaps > max(GAP * float(np.median(gaps)), GAP)) + 1
    bounds = [0, *cuts.tolist(), len(years)]
    return [slice(a, b) for a, b in itertools.pairwise(bounds)]


@with_fonts
def prevalence(effect: pd.DataFrame | None, *, labels: pd.DataFrame | None = None, by: str = "genre",
               title: str = "", note: str = "", max_topics: int = 21) -> Figure:
    """One panel per topic (at most ``max_topics``, the rest named in the title): the expected share of the topic
    over the years (``effect`` of :meth:`helpers.textmodel.Topics.effect` with ``by``, columns ``topic, value,
    by, estimate, lower, upper``), topics labelled :data:`~helpers.textmodel.topics.EMPTY` left out and counted in
    the title; one line per category of ``by`` with its 95 % band, drawn only between the years the category was
    observed (a marker at each) and broken at a long gap (:func:`_runs`); a category observed in one year (or a
    year alone between long gaps) is a point with its interval.  Each line is named beside its own last point.
    (The model is additive: the lines of the categories are one curve shifted, drawn over each category's own
    years.)  ``labels`` (``topic, label, mean_share``) titles the panels.  An empty table (or None) gives a
    figure that says why (``note``)."""
    if effect is None or effect.empty:
        return says_why(note or NO_TOPICS, title)
    if by not in effect.columns:
        effect = effect.assign(**{by: ""})
    empty = set(labels.loc[labels["label"] == EMPTY, "topic"]) if labels is not None else set()
    topics = [t for t in sorted(effect["topic"].unique()) if t not in empty]
    if not topics:
        return says_why(note or "每个主题都是空的 every topic is empty", title)
    shown, left_out = topics[:max_topics], len(topics) - max_topics
    rows = -(-len(shown) // COLUMNS)
    fig = new_figure(15, min(MAX_HEIGHT, 0.9 + PANEL_HEIGHT * rows))
    axes = np.atleast_1d(fig.subplots(rows, COLUMNS, squeeze=False, sharex=True)).ravel()
    groups = list(dict.fromkeys(effect[by].astype(str)))
    colours = dict(zip(groups, distinct_colors(len(groups)), strict=True))
    years = effect["value"].astype(float)
    span = float(years.max() - years.min()) or 1.0
    for ax, topic in zip(axes, shown, strict=False):
        part = effect[effect["topic"] == topic]
        ends = []
        for group in groups:
            line = part[part[by].astype(str) == group].sort_values("value")
            if line.empty:
                continue
            x = line["value"].to_numpy(float)
            colour = colours[group]
            for run in _runs(x):
                part_of = line.iloc[run]
                if len(part_of) == 1:
                    ax.errorbar(x[run], part_of["estimate"], yerr=[part_of["estimate"] - part_of["lower"],
                                part_of["upper"] - part_of["estimate"]], fmt="o", ms=3.5, color=colour, capsize=2,
                                lw=1.2)
                else:
                    ax.fill_between(x[run], part_of["lower"], part_of["upper"], color=colour, alpha=0.18, lw=0)
                    ax.plot(x[run], part_of["estimate"], "-o", ms=2.2, lw=1.4, color=colour)
            ends.append((x[-1], float(line["estimate"].iloc[-1]), group))
        low, high = float(part["lower"].min()), float(part["upper"].max())
        pad = 0.05 * (high - low or 0.01)
        ax.set_ylim(low - pad, high + pad)
        ax.set_xlim(float(years.min()) - 0.02 * span, float(years.max()) + 0.32 * span)
        if any(group for _, _, group in ends):
            tall = (high - low + 2 * pad) * (LABEL_POINTS / 72 * 1.25) / (PANEL_HEIGHT - 0.75)
            spots = arrange([y for _, y, _ in ends], tall, how="slide", within=(low - pad + tall / 2,
                                                                                  high + pad - tall / 2))
            for (x_end, y_end, group), spot in zip(ends, spots, strict=True):
                ax.annotate(group, (x_end, y_end), xytext=(x_end + 0.03 * span, spot), fontsize=LABEL_POINTS,
                            color=colours[group], va="center",
                            arrowprops={"arrowstyle": "-", "color": colours[group], "lw": 0.5, "alpha": 0.6})
        ax.axhline(0, color="#999999", lw=0.6, ls=":")
        ax.set_title(_topic_title(topic, labels), fontsize=9, loc="left")
        ax.tick_params(labelsize=7.5)
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes[len(shown):]:
        ax.set_visible(False)
    for ax in axes[:len(shown)]:
        ax.tick_params(labelbottom=True)  # shared years, named under every panel (some have no panel below)
    ticks = [t for t in axes[0].get_xticks() if years.min() - 0.02 * span <= t <= years.max() + 0.05 * span]
    axes[0].set_xticks(ticks)  # shared: no year beyond the data, where the names of the lines stand
    fig.supylabel("主题份额 expected topic share (95% interval)", fontsize=10)
    fig.supxlabel("年份 year", fontsize=10)
    if left_out > 0:
        title = f"{title}\n（另有 {left_out} 个主题见表格 {left_out} more topics in the table）".strip()
    if empty:
        note = f"{note} {len(empty)} empty topic(s) (almost no words) not shown 空主题未画出".strip()
    if title or note:
        fig.suptitle("\n".join(t for t in (title, note) if t), fontsize=12)
    return fig


@with_fonts
def topic_words(words: pd.DataFrame | None, *, labels: pd.DataFrame | None = None, top_n: int = 8,
                title: str = "", note: str = "") -> Figure:
    """One row per topic: its mean share as a bar (``labels``' ``mean_share``) and its ``top_n`` words by FREX
    (``words`` of :func:`helpers.textmodel.topics`, columns ``topic, term, frex``), the most exclusive first."""
    if words is None or words.empty:
        return says_why(note or NO_TOPICS, title)
    topics = sorted(words["topic"].unique())
    top = (words.sort_values(["topic", "frex"], ascending=[True, False], kind="stable").groupby("topic")
           .head(top_n).groupby("topic")["term"].apply(lambda terms: "  ".join(terms)))
    share = (labels.set_index("topic")["mean_share"] if labels is not None and "mean_share" in labels
             else pd.Series(1.0 / len(topics), index=topics))
    empty = set(labels.loc[labels["label"] == EMPTY, "topic"]) if labels is not None else set()
    top = top.where(~top.index.isin(list(empty)), "（空）empty: the topic took almost no words")
    n = len(topics)
    fig = new_figure(10, min(MAX_HEIGHT, 1.3 + 0.36 * n))
    bars, text = fig.subplots(1, 2, width_ratios=[1, 5], sharey=True)
    y = np.arange(n)[::-1]
    bars.barh(y, [share.get(t, 0.0) * 100 for t in topics], color="#4e79a7", height=0.6)
    bars.set_yticks(y, [f"T{t}" for t in topics], fontsize=9)
    bars.set_xlabel("平均份额 mean share (%)", fontsize=9)
    bars.spines[["top", "right"]].set_visible(False)
    bars.set_ylim(-0.7, n - 0.3)
    text.axis("off")
    for row, topic in zip(y, topics, strict=True):
        text.text(0.0, row, top.get(topic, ""), va="center", fontsize=10)
    text.set_title(f"FREX 前 {top_n} 词 top {top_n} words by FREX (frequent and exclusive)", fontsize=10, loc="left")
    if title or note:
        fig.suptitle("\n".join(t for t in (title, note) if t), fontsize=12)
    return fig
