"""Is a figure readable?  Its saved size, colliding labels and colours that repeat.

:func:`problems` draws a figure as :func:`helpers.outputs.png_bytes` saves it
and lists what would make it hard to read: a side of the PNG over
:data:`MAX_PIXELS`, two visible text labels whose boxes overlap, and a legend
or set of labelled lines that gives two categories the same colour.  Tests run
it on every figure kind at 1, 8, 20 and 80 documents.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from .. import outputs

__all__ = ["MAX_PIXELS", "png_size", "problems", "text_boxes"]

MAX_PIXELS = 3000


def png_size(figure: Figure) -> tuple[int, int]:
    """Width and height in pixels of the PNG :func:`helpers.outputs.save_figure` writes."""
    from PIL import Image

    with Image.open(io.BytesIO(outputs.png_bytes(figure))) as image:
        return image.size


def text_boxes(figure: Figure) -> pd.DataFrame:
    """Every text the figure draws (tick labels included), with its box in pixels.

    The figure is drawn on a renderer that records each text it is asked to
    draw, so hidden texts, tick labels outside the view and empty strings are
    not counted.  Returns ``text, x0, y0, x1, y1``; texts clipped away entirely are left out.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

    drawn: dict[int, Text] = {}

    class Recording(RendererAgg):
        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if mtext is not None and s.strip():
                drawn.setdefault(id(mtext), mtext)
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    FigureCanvasAgg(figure).draw()  # settle the layout as a save would
    width, height = figure.bbox.size
    renderer = Recording(int(width), int(height), figure.dpi)
    figure.draw(renderer)
    rows = []
    for artist in drawn.values():
        box = Text.get_window_extent(artist, renderer)  # the text alone, not an annotation's arrow
        clip = artist.get_clip_box() if artist.get_clip_on() else None
        if clip is not None and (box.x1 < clip.x0 or box.x0 > clip.x1 or box.y1 < clip.y0 or box.y0 > clip.y1):
            continue
        rows.append((artist.get_text(), box.x0, box.y0, box.x1, box.y1))
    return pd.DataFrame(rows, columns=["text", "x0", "y0", "x1", "y1"])


def _overlaps(boxes: pd.DataFrame, tolerance: float) -> list[tuple[str, str]]:
    b = boxes[["x0", "y0", "x1", "y1"]].to_numpy(float)
    b = b + np.array([tolerance, tolerance, -tolerance, -tolerance])
    apart_x = (b[:, None, 2] <= b[None, :, 0]) | (b[None, :, 2] <= b[:, None, 0])
    apart_y = (b[:, None, 3] <= b[None, :, 1]) | (b[None, :, 3] <= b[:, None, 1])
    hit = np.triu(~(apart_x | apart_y), k=1)
    texts = boxes["text"].tolist()
    return [(texts[i], texts[j]) for i, j in zip(*np.nonzero(hit), strict=True)]


def _repeated_colours(figure: Figure) -> list[str]:
    found = []
    legends = [ax.get_legend() for ax in figure.axes] + list(figure.legends)
    for legend in legends:
        if legend is None:
            continue
        colours: dict[str, str] = {}
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=False):
            colour = _colour(handle)
            if colour is None:
                continue
            if colour in colours and colours[colour] != text.get_text():
                found.append(f"legend: {colours[colour]!r} and {text.get_text()!r} share {colour}")
            colours.setdefault(colour, text.get_text())
    for ax in figure.axes:
        lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
        colours = {}
        for line in lines:
            colour = to_hex(line.get_color())
            if colour in colours and colours[colour] != line.get_label():
                found.append(f"lines: {colours[colour]!r} and {line.get_label()!r} share {colour}")
            colours.setdefault(colour, line.get_label())
    return found


def _colour(handle) -> str | None:
    for getter in ("get_facecolor", "get_markerfacecolor", "get_color"):
        if hasattr(handle, getter):
            value = getattr(handle, getter)()
            try:
                return to_hex(value)
            except ValueError:
                try:
                    return to_hex(np.asarray(value)[0])
                except (ValueError, IndexError):
                    continue
    return None


def problems(figure: Figure, *, max_pixels: int = MAX_PIXELS, tolerance: float = 0.5) -> list[str]:
    """What makes ``figure`` hard to read, one sentence each (an empty list when nothing does).

    Checks the saved PNG's size against ``max_pixels``, every pair of visible
    text boxes for overlap (boxes shrunk by ``tolerance`` pixels, so touching is
    not overlapping), and legends and labelled lines for a colour given to two categories.
    """
    found = []
    width, height = png_size(figure)
    if max(width, height) > max_pixels:
        found.append(f"size {width} × {height} px exceeds {max_pixels} px")
    found += [f"overlap: {a!r} and {b!r}" for a, b in _overlaps(text_boxes(figure), tolerance)]
    found += _repeated_colours(figure)
    return found
