"""Label layout: where labels go so that no two of them overlap, the one home of label de-overlap.

Every figure that names many things in a crowded place asks :func:`arrange`; the figure measures its labels (in
inches, data units or pixels, whichever its axis uses) and draws them where :func:`arrange` puts them.  Three ways
to make room, one per kind of crowding:

- ``"slide"``: along one axis, labels keep their order and slide apart (line names beside a trend panel, terms
  beside a fightin' words plot, each with a leader line to its point);
- ``"stack"``: labels keep their place along the axis and rise into as many rows as needed (section and document
  names above a strip of paragraphs);
- ``"push"``: in the plane, overlapping labels push each other apart along the axis where they overlap least, a
  little each round, with a weak pull back to their anchor (the words of a co-occurrence network).

:func:`text_inches` estimates a label's width before anything is drawn.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from ..validate import check_choice, check_int, check_number

__all__ = ["HOW", "arrange", "text_inches"]

HOW = ("slide", "stack", "push")
UNPULLED = 20  # "push": rounds without the pull back to the anchor, per round with it, for crowds the pull holds


def arrange(
    anchors: Sequence[float] | np.ndarray,
    sizes: float | Sequence[float] | np.ndarray,
    *,
    how: str = "slide",
    within: tuple[float, float] | None = None,
    iterations: int = 400,
) -> np.ndarray:
    """Where labels go so that they do not overlap: one entry per label, in the order given.

    ``anchors`` are where the labels would stand (centres along the axis; an ``(n, 2)`` array of x, y centres for
    ``how="push"``) and ``sizes`` their extents on the same scale (one number for all, one per label, or ``(n, 2)``
    widths and heights for ``"push"``).  ``how`` chooses the way to make room (see the module):

    - ``"slide"``: the centres, as close to ``anchors`` as possible, in the order of ``anchors`` (ties in the order
      given), neighbours at least half their summed sizes apart, within ``within = (low, high)`` (default: no bound)
      as far as they fit, else the first ones run below ``low``;
    - ``"stack"``: the row of each label (0 on the axis, 1 above it, …), labels taken in the order given (reading
      order), each in the lowest row where it clears the previous label of that row;
    - ``"push"``: the centres after at most ``iterations`` rounds of pushing with a pull back to the anchors (fewer
      once none overlaps), then, for a crowd the pull holds together, up to :data:`UNPULLED` × ``iterations``
      rounds without the pull while boxes overlap; unbounded (the figure widens its view to hold them).
    """
    check_choice("how", how, HOW)
    check_int("iterations", iterations, min_value=1)
    if how == "push":
        return _push(np.asarray(anchors, dtype=float), np.asarray(sizes, dtype=float), iterations=iterations)
    values = [float(a) for a in anchors]
    extents = np.broadcast_to(np.asarray(sizes, dtype=float), (len(values),)).tolist()
    if extents:
        check_number("sizes", min(extents), min_value=0)  # names the smallest when it is negative
    if how == "stack":
        return np.asarray(_stack(values, extents), dtype=int)
    low, high = within if within is not None else (-np.inf, np.inf)
    check_number("within", float(high), min_value=float(low))  # (low, high) in that order
    return np.asarray(_slide(values, extents, float(low), float(high)), dtype=float)


def _slide(values: list[float], sizes: list[float], low: float, high: float) -> list[float]:
    """Centres in the order of ``values``, each pair of neighbours at least ``(size + size) / 2`` apart.

    Placed upwards from ``low``, each as near its value as the one below allows; if the last one passes ``high``
    every centre moves down by the excess, and a pass from the top closes the gaps that opened below ``high``.
    When that took the first ones below ``low`` although all fit, a last pass upwards from ``low`` lifts them
    (never past ``high``: each stays below the room its followers need).
    """
    rising = sorted(range(len(values)), key=lambda i: values[i])
    placed = [0.0] * len(values)
    if not rising:
        return placed
    last, last_size = low - sizes[rising[0]], sizes[rising[0]]
    for i in rising:
        placed[i] = max(values[i], last + (last_size + sizes[i]) / 2)
        last, last_size = placed[i], sizes[i]
    overflow = last - high
    if overflow > 0:
        for i in rising:
            placed[i] -= overflow
        above, above_size = high + sizes[rising[-1]], sizes[rising[-1]]
        for i in reversed(rising):
            placed[i] = min(placed[i], above - (above_size + sizes[i]) / 2)
            above, above_size = placed[i], sizes[i]
        needed = sum((sizes[a] + sizes[b]) / 2 for a, b in itertools.pairwise(rising))
        if placed[rising[0]] < low and low + needed <= high:  # the shift took the first ones below low: raise them
            last, last_size = low - sizes[rising[0]], sizes[rising[0]]
            for i in rising:
                placed[i] = max(placed[i], last + (last_size + sizes[i]) / 2)
                last, last_size = placed[i], sizes[i]
    return placed


def _stack(centres: list[float], widths: list[float]) -> list[int]:
    """The lowest row for each label (in the order given) where it clears the previous label of that row."""
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


def _push(anchors: np.ndarray, sizes: np.ndarray, *, iterations: int) -> np.ndarray:
    """Centres near ``anchors`` (n × 2) whose boxes (width, height in ``sizes``) do not overlap.

    Overlapping pairs are pushed apart along the axis where they overlap least (by half the overlap, with a
    margin of 6 % of the widths and 12 % of the heights), with a pull of 2 % back to the anchor each round.
    Where the pull still holds boxes on top of each other (a crowd on one spot) after ``iterations`` rounds, up
    to :data:`UNPULLED` × ``iterations`` rounds more push without it until none overlaps (margins left out: a
    layout whose boxes only eat into the margins stays as it is). Forty labels on one spot need ~2,000 rounds.
    """
    centres = anchors.astype(float).copy()
    n = len(centres)
    if n < 2:
        return centres
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    tie = np.where(upper, 1.0, -1.0)  # who moves which way when two labels sit exactly on top of each other
    for pull, rounds in ((0.02, iterations), (0.0, UNPULLED * iterations)):
        for _ in range(rounds):
            dx = centres[None, :, 0] - centres[:, None, 0]
            dy = centres[None, :, 1] - centres[:, None, 1]
            reach = (sizes[:, None, :] + sizes[None, :, :]) / 2
            if not pull and not _touching(reach, dx, dy).any():  # without the pull: until no box overlaps another
                return centres
            ox = reach[..., 0] * 1.06 - np.abs(dx)
            oy = reach[..., 1] * 1.12 - np.abs(dy)
            hit = (ox > 0) & (oy > 0) & ~np.eye(n, dtype=bool)
            if not hit.any():
                return centres
            along_x = hit & (ox < oy)
            along_y = hit & ~(ox < oy)
            sx = np.where(dx != 0, np.sign(dx), tie)
            sy = np.where(dy != 0, np.sign(dy), tie)
            push = np.zeros_like(centres)
            push[:, 0] -= (np.where(along_x, ox * sx, 0)).sum(axis=1) * 0.5
            push[:, 1] -= (np.where(along_y, oy * sy, 0)).sum(axis=1) * 0.5
            centres += 0.5 * push + pull * (anchors - centres)
    return centres


def _touching(reach: np.ndarray, dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Pairs of boxes that overlap (margins left out), from their half summed sizes and centre distances."""
    return (reach[..., 0] > np.abs(dx)) & (reach[..., 1] > np.abs(dy)) & ~np.eye(len(dx), dtype=bool)


def text_inches(text: str, fontsize: float) -> float:
    """A generous estimate of a label's width in inches: full width for CJK, 0.62 em for the rest."""
    ems = sum(1.0 if ord(ch) > 0x2E80 else 0.62 for ch in text)
    return ems * fontsize / 72 + 0.08
