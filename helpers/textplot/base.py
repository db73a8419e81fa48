"""What every figure shares: the figure factory, the CJK font settings, colours, order, panels.

Label layout (keeping labels from overlapping) has its own module, :mod:`.labels`.

Figures are built with :class:`matplotlib.figure.Figure` directly (not
pyplot), so nothing accumulates in a global figure registry and a notebook
shows each figure once.  Each figure function runs inside
``matplotlib.rc_context(fonts.rc())`` (:func:`with_fonts`), and the figure it
returns draws and saves inside that context again (:class:`CJKFigure`), so
Chinese labels render on any machine and ``matplotlib.rcParams`` stay as
they were.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import ParamSpec

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from .. import fonts, outputs

__all__ = ["distinct_colors", "section_colors"]

BAR = "#3b6ea5"
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac"]

P = ParamSpec("P")


class CJKFigure(Figure):
    """A Figure that draws and saves with the CJK font settings (:func:`helpers.fonts.rc`).

    Fonts are looked up and tick labels formatted when a figure is drawn, which
    for a saved or displayed figure happens after the function that made it
    has returned; so the settings travel with the figure, not with the
    global ``rcParams``.
    """

    def draw(self, renderer) -> None:
        with mpl.rc_context(fonts.rc()):
            super().draw(renderer)

    def savefig(self, *args, **kwargs) -> None:
        with mpl.rc_context(fonts.rc()):  # the tight bounding box is measured outside draw()
            super().savefig(*args, **kwargs)


def with_fonts(draw: Callable[P, Figure]) -> Callable[P, Figure]:
    """Run a figure function inside ``matplotlib.rc_context(fonts.rc())`` (labels measured while drawing)."""

    @functools.wraps(draw)
    def drawn(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with mpl.rc_context(fonts.rc()):
            return draw(*args, **kwargs)

    return drawn


def new_figure(width: float, height: float) -> Figure:
    """An empty figure of ``width`` × ``height`` inches (constrained layout), shown once in notebooks."""
    _show_in_notebooks()
    return CJKFigure(figsize=(width, height), layout="constrained")


def says_why(note: str, title: str = "") -> Figure:
    """The figure drawn where there is nothing to draw: ``note`` (why: no model fitted, an empty table …) in the
    middle of a short figure, under ``title``, so that a report shows the reason where the figure would be."""
    fig = new_figure(8, 2.2)
    ax = fig.subplots()
    ax.axis("off")
    ax.text(0.5, 0.5, note, ha="center", va="center", wrap=True, fontsize=11, transform=ax.transAxes)
    if title:
        fig.suptitle(title)
    return fig


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


def distinct_colors(n: int) -> list[str]:
    """``n`` colours, no two alike: :data:`PALETTE` up to 10, then tab20, then evenly spaced hues."""
    from matplotlib import colormaps
    from matplotlib.colors import hsv_to_rgb, to_hex

    if n <= len(PALETTE):
        return PALETTE[:n]
    if n <= 20:
        return [to_hex(c) for c in colormaps["tab20"].colors[:n]]
    return [to_hex(hsv_to_rgb((i / n, 0.65 if i % 2 else 0.9, 0.85 if i % 3 else 0.6))) for i in range(n)]


def section_colors(sections: Sequence[str]) -> dict[str, str]:
    """A colour per distinct section label (in the order given), no two labels alike."""
    labels = list(dict.fromkeys(sections))
    return dict(zip(labels, distinct_colors(len(labels)), strict=True))


def in_order(values: pd.Series) -> list:
    """The distinct values in their categorical order, else in order of first appearance."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [c for c in values.cat.categories if c in set(values)]
    return list(dict.fromkeys(values))


def names_of(labels: Mapping[str, str] | pd.Series | None) -> dict:
    """A plain dict of display names (doc_id → label) from a mapping, a Series or None."""
    return {} if labels is None else dict(labels.items())


def document_order(docs: Sequence[str], labels: Mapping[str, str] | pd.Series | None) -> list[str]:
    """``docs`` in the order of ``labels`` (e.g. time order), those without a label after, as given."""
    named = [d for d in names_of(labels) if d in set(docs)]
    return named + [d for d in docs if d not in set(named)]


def finish_histogram(fig: Figure, ax, *, xlabel: str, title: str) -> Figure:
    """A histogram's axes labelled (counts up the side), its top and right spines hidden, its title set."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel("频数 count")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontsize=13)
    return fig


def finish_panels(fig: Figure, axes, used: int, *, title: str = "", left_out: int = 0) -> Figure:
    """Hide the unused panels of a grid, and title the figure, naming the groups left out for lack of room."""
    for ax in axes[used:]:
        ax.set_visible(False)
    if left_out:
        title = f"{title}\n（另有 {left_out} 组见表格 {left_out} more groups in the table）".strip()
    if title:
        fig.suptitle(title, fontsize=13)
    return fig
