"""One notebook cell as reader-mode HTML: markdown, folded code, and its outputs.

Outputs are chosen by kind: a table (the full data the report kernel displays,
see :mod:`.kernel`) becomes a sortable, searchable table with its CSV embedded,
or one sentence when it has no rows; a figure an image with its title as alt
text, at a readable size; explorer output stays as it is (the page script makes
it live); text stays text.  Everything that comes from the corpus is escaped.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from dataclasses import dataclass, field

import PIL
from PIL import Image

from .. import cache
from .kernel import FIGURE_MIME, TABLE_MIME

__all__ = ["Rendered", "code_html", "markdown_html", "merged_streams", "outputs_html"]

_CSS_PIXELS_PER_PNG_PIXEL = 96 / 150  # figures are saved at 150 dpi (helpers.outputs.DPI); CSS has 96 px per inch


@dataclass
class Rendered:
    """HTML of cells with what the page assembles around them: headings for the table of contents, table count."""

    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, text, id)
    tables: int = 0
    figures: int = 0


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^\w\u4e00-\u9fff]+", "-", text.lower()).strip("-") or "section"
    slug, k = base, 2
    while slug in taken:
        slug, k = f"{base}-{k}", k + 1
    taken.add(slug)
    return slug


def markdown_html(source: str, rendered: Rendered, taken: set[str], *, skip_title: bool = False) -> str:
    """A markdown cell as HTML; headings get ids and are listed in ``rendered.headings``."""
    import mistune

    if skip_title:
        source = re.sub(r"\A\s*# [^\n]*\n?", "", source)

    class Renderer(mistune.HTMLRenderer):
        def heading(self, text: str, level: int, **attrs) -> str:
            plain = re.sub(r"<[^>]+>", "", text)
            anchor = _slug(html.unescape(plain), taken)
            rendered.headings.append((level, html.unescape(plain), anchor))
            return f'<h{level} id="{anchor}">{text}</h{level}>\n'

    markdown = mistune.create_markdown(renderer=Renderer(escape=False), plugins=["table", "strikethrough"])
    return f'<div class="md">{markdown(source)}</div>'


def code_html(source: str) -> str:
    """A code cell's source, folded (``<details>``), highlighted by Pygments."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    first = next((line for line in source.splitlines() if line.strip()), "")
    code = highlight(source, PythonLexer(), HtmlFormatter(nowrap=True))
    return (f'<details class="code"><summary>Code: <code>{html.escape(first[:90])}</code></summary>'
            f'<pre class="highlight">{code}</pre></details>')


def _csv_link(data: dict, name: str) -> str:
    import pandas as pd

    frame = pd.DataFrame(data["rows"], columns=data["columns"])
    text = frame.to_csv(index=False, lineterminator="\n")
    encoded = base64.b64encode(("\ufeff" + text).encode("utf-8")).decode("ascii")
    rows = len(frame)
    what = (f"the first {rows:,} rows of {data['n_rows']:,}, as the table above shows; the notebook holds them all"
            if data["n_rows"] > rows else f"the full table, {rows:,} rows")
    return (f'<a class="csv" download="{html.escape(name)}.csv" href="data:text/csv;charset=utf-8;base64,{encoded}">'
            f"Download as CSV ({what})</a>")


def _name(source: str, fallback: str) -> str:
    """A file name for a cell's table: the first name on its last line (``frequencies.head(10)`` → frequencies)."""
    lines = [line for line in source.strip().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    found = re.match(r"\s*([A-Za-z_][\w.]*)", lines[-1]) if lines else None
    name = found.group(1).split(".")[-1] if found else ""
    if found and found.group(1).startswith(("speeches.", "corpus.", "textstat.", "themes.", "tokens.")):
        name = found.group(1).split("(")[0].replace(".", "-")
    return re.sub(r"[^\w-]+", "-", name) or fallback


def _table_html(data: dict, source: str, rendered: Rendered) -> str:
    rendered.tables += 1
    number = rendered.tables
    name = _name(source, f"table-{number}")
    if not data["rows"]:
        columns = ", ".join(data["columns"]) or "none"
        return (f'<p class="empty-table">No rows here: the corpus has nothing of this kind '
                f"(<code>{html.escape(name)}</code>, columns {html.escape(columns)}).</p>")
    block = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    block = block.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (f'<div class="table-block"><table class="data-table display compact" id="table-{number}"></table>'
            f'<script type="application/json" class="table-data" data-for="table-{number}">{block}</script>'
            f"{_csv_link(data, name)}</div>")


def _image_html(png_b64: str, title: str, rendered: Rendered) -> str:
    rendered.figures += 1
    raw = base64.b64decode(png_b64)
    with Image.open(io.BytesIO(raw)) as image:
        width, height = image.size
    smaller = _quantized(raw)
    data = smaller if smaller is not None and len(smaller) < len(raw) else raw
    encoded = base64.b64encode(data).decode("ascii")
    css_width = round(width * _CSS_PIXELS_PER_PNG_PIXEL)
    alt = title or f"Figure {rendered.figures}"
    # shown at its natural size when the page is wide enough; never scaled below 80 % of it (scrolls instead)
    return (f'<figure class="figure"><div class="figure-scroll"><img src="data:image/png;base64,{encoded}" '
            f'alt="{html.escape(alt)}" width="{css_width}" height="{round(height * _CSS_PIXELS_PER_PNG_PIXEL)}" '
            f'style="min-width:{round(css_width * 0.8)}px"></div>'
            f"<figcaption>{html.escape(alt)}</figcaption></figure>")


_QUANTIZE_VERSION = "mediancut-256-optimize"  # the rule of _palette: change it with the rule


def _quantized(raw: bytes) -> bytes | None:
    """The PNG ``raw`` as a 256-colour PNG (charts have few colours; a third to a half of the bytes), or None.

    Remembered in the cache by the PNG's bytes (0.18 s a figure: a re-run that draws the same figure reuses it).
    """
    try:
        return cache.remembered("figures-256", [_QUANTIZE_VERSION, PIL.__version__, raw], lambda: _palette(raw))
    except (OSError, ValueError):
        return None


def _palette(raw: bytes) -> bytes:
    with Image.open(io.BytesIO(raw)) as image:
        palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def merged_streams(outputs: list) -> list:
    """``outputs`` with each run of stream outputs (no display between them) as one stdout and one stderr output.

    A kernel sends what a cell prints in as many messages as its output buffer was flushed, and a busy kernel
    flushes at other points (one ``print`` may arrive as its text and then its newline; stderr may come between
    two parts of stdout).  Merged, stdout before stderr, the same printing gives the same outputs however the
    kernel was timed.
    Outputs that are not streams keep their place; the notebook's own outputs are not changed.
    """
    merged: list = []
    run: dict[str, dict] = {}
    for output in [*outputs, None]:  # None closes the last run
        if output is not None and output.get("output_type") == "stream":
            name = output.get("name", "stdout")
            text = output.get("text", "")
            text = "".join(text) if isinstance(text, list) else text
            run.setdefault(name, {"output_type": "stream", "name": name, "text": ""})["text"] += text
            continue
        merged += sorted(run.values(), key=lambda stream: stream["name"] != "stdout")  # stdout first, then stderr
        run = {}
        if output is not None:
            merged.append(output)
    return merged


def outputs_html(cell, rendered: Rendered) -> str:
    """The outputs of a code cell as reader-mode HTML (streams merged, see :func:`merged_streams`)."""
    parts = []
    for output in merged_streams(cell.get("outputs", [])):
        kind = output.get("output_type")
        if kind == "stream":
            text = output.get("text", "")
            if output.get("name") == "stderr":
                parts.append(f'<details class="stderr"><summary>Messages</summary><pre>{html.escape(text)}</pre>'
                             "</details>")
            else:
                parts.append(f'<pre class="stream">{html.escape(text)}</pre>')
        elif kind in ("display_data", "execute_result"):
            parts.append(_display_html(output.get("data", {}), cell.get("source", ""), rendered))
        elif kind == "error":
            parts.append(f'<pre class="error">{html.escape(output.get("ename", ""))}: '
                         f'{html.escape(output.get("evalue", ""))}</pre>')
    return "".join(parts)


def _display_html(data: dict, source: str, rendered: Rendered) -> str:
    if TABLE_MIME in data:
        return _table_html(data[TABLE_MIME], source, rendered)
    if "image/png" in data:
        title = (data.get(FIGURE_MIME) or {}).get("title", "")
        return _image_html(data["image/png"], title, rendered)
    if "text/html" in data:
        return f'<div class="html-output">{_joined(data["text/html"])}</div>'
    if "text/plain" in data:
        return f'<pre class="plain">{html.escape(_joined(data["text/plain"]))}</pre>'
    return ""


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)
