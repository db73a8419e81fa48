"""The parts of the workspace's pages, and the filters their templates use.

The pages themselves are Jinja templates in :file:`templates/workspace/` (an nbconvert template folder):
``index.html.j2``, the report page of an executed notebook, rendered by the nbconvert exporter of
:mod:`.exporter`; ``reports_index.html.j2``, the index page of a run (:func:`index_page`); both inside the
skeleton of ``layout.html.j2``.  This module gives them what a template would write worse:

- :func:`report_parts`: the cells as HTML (by :mod:`.cells`), in order, each marked for the main part or
  the end (the cells tagged ``parameters``, ``injected-parameters`` or ``provenance``), and what the summary
  says (figures, tables, explorers, the corpus, the printed output of the cells tagged ``findings``);
- :func:`head_parts`: the styles, the page's own script (:file:`assets/report.js`) and DataTables (the
  ``itables`` offline bundle, unchanged);
- :data:`FILTERS`: the font subset (:func:`helpers.fonts.font_face`, only the characters the page uses; on a
  page with a box a reader types into also :func:`helpers.fonts.typed_face`, the common characters, and
  :func:`helpers.fonts.slice_faces`, the rest in files beside the page, see :func:`typed_font_face_css`) and
  the Content-Security-Policy (:func:`content_security_policy`).

The page makes no network request: styles, scripts, figures, the tables' CSV files and the font are inside it;
only a character typed into a box that is neither on the page nor among the 3,500 common ones is drawn from a
font file in the folder :data:`helpers.fonts.SLICE_FOLDER` beside the page (the runner writes it there).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import time
from functools import cache
from pathlib import Path

import jinja2

from ..fonts import FAMILY, font_face, slice_faces, typed_face
from .cells import Rendered, code_html, markdown_html, merged_streams, outputs_html
from .kernel import FIGURE_MIME, TABLE_MIME

__all__ = ["ASSETS", "EXPORTER_NAME", "FILTERS", "FINDINGS_TAG", "PROVENANCE_TAG", "TEMPLATES", "TEMPLATE_NAME",
           "alt_text", "content_security_policy", "datatables", "has_text_box", "head_parts", "index_page",
           "report_parts", "summary", "title", "typed_font_face_css", "weights"]

ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # nbconvert's template base folder
TEMPLATE_NAME = "workspace"  # the template folder: index.html.j2 (the report page), conf.json
EXPORTER_NAME = "workspace"  # the name after --to (the entry point's name in pyproject.toml)
FINDINGS_TAG = "findings"
PROVENANCE_TAG = "provenance"
_END_TAGS = ("parameters", "injected-parameters", PROVENANCE_TAG)
_EMBEDDED = f"{FAMILY} (embedded)"


@cache
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@cache
def datatables() -> tuple[str, str]:
    """DataTables as ``itables`` ships it for offline use (``itables.options.dt_bundle``): ``(module, css)``.

    The module is embedded unchanged in an inert script block and imported by the page's own script from a
    blob URL, the way itables' own offline mode loads it; nothing in the bundle is rewritten.
    """
    from itables import options

    bundle = Path(options.dt_bundle)
    return bundle.read_text(encoding="utf-8"), bundle.with_suffix(".css").read_text(encoding="utf-8")


def head_parts(*, scripts: bool) -> dict:
    """What the skeleton of a page (``layout.html.j2``) puts around its content: ``style`` (the page's CSS,
    the embedded font named), ``script`` (:file:`assets/report.js`, or ``""``) and ``datatables`` (``module``,
    ``css``; or None)."""
    module, css = datatables() if scripts else ("", "")
    return {"style": _asset("report.css").replace("EMBEDDED_FAMILY", _EMBEDDED),
            "script": _asset("report.js") if scripts else "",
            "datatables": {"module": module, "css": css} if scripts else None}


# ---- the filters of the templates

def content_security_policy(scripts: list[str], *, blob_modules: bool = False) -> str:
    """The Content-Security-Policy of a page whose inline scripts are ``scripts``: those scripts run (each
    allowed by the SHA-256 of its text, as it stands between its tags), and nothing else: no other inline
    script, no event-handler attribute, no ``javascript:`` address, no script from elsewhere, no request at
    all (``default-src 'none'``).  Images come from ``data:`` addresses, fonts from ``data:`` addresses and, for
    rare typed characters, from the page's own origin (the font files beside it; on a ``file:`` page, files);
    styles are inline.
    With ``blob_modules``, a module may also be imported from a ``blob:`` address, which only a script of the
    page can make (DataTables: its bundle is read from an inert block of the page, see :func:`datatables`).
    """
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode('ascii')}'"
              for s in scripts]
    script_src = " ".join([*hashes, *(["blob:"] if blob_modules else [])]) or "'none'"
    return (f"default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data: 'self'; base-uri 'none'; form-action 'none'")


def visible_characters(text: str) -> str:
    """The distinct characters of ``text`` with JSON ``\\uXXXX`` escapes and HTML entities decoded."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"data:[^\"')\s]+", "", text)  # base64 blobs add nothing
    return "".join(set(html.unescape(text)))


def font_face_css(characters: str) -> str:
    """The ``@font-face`` rule of the workspace's CJK font, subset to ``characters``, under the embedded name."""
    return font_face(characters, family=_EMBEDDED)


def has_text_box(content: str) -> bool:
    """Whether the page's HTML ``content`` has a box a reader types into: an explorer's data block (its script
    builds the search or find box), a table's data block (DataTables gives each table a search box) or an
    ``<input>`` of a cell's output.  Code shown on the page is escaped (``&lt;input``) and does not count."""
    return ('class="explore-data"' in content or 'class="table-data"' in content
            or re.search(r"<input\b", content, re.I) is not None)


def typed_font_face_css(content: str, characters: str) -> str:
    """On a page with a text box (:func:`has_text_box` of ``content``), the further ``@font-face`` rules of the
    embedded family: the common characters of Chinese that are not among the page's ``characters``, embedded
    (:func:`helpers.fonts.typed_face`), and every other Chinese character, from the files beside the page
    (:func:`helpers.fonts.slice_faces`), so what a reader types draws in the workspace's font without a
    network; ``""`` on any other page (it does not grow)."""
    if not has_text_box(content):
        return ""
    return typed_face(characters, family=_EMBEDDED) + slice_faces(characters, family=_EMBEDDED)


def base64_text(text: str) -> str:
    """``text`` as UTF-8, base64: safe inside any element (DataTables' text holds ``<!--`` and ``<script``,
    which would end or reopen a script element)."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


# ---- the report page of one notebook

def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _is_end_cell(cell) -> bool:
    """A cell shown at the end of the page: the parameters cells and the cells tagged ``provenance``."""
    return any(t in _tags(cell) for t in _END_TAGS)


def _findings(nb) -> list[str]:
    """The printed output of the cells tagged ``findings``, one entry per distinct non-empty line."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code" or FINDINGS_TAG not in _tags(cell):
            continue
        for output in merged_streams(cell.get("outputs", [])):
            text = output.get("text", "") if output.get("output_type") == "stream" and output.get("name") == "stdout" \
                else output.get("data", {}).get("text/plain", "") if output.get("output_type") == "execute_result" \
                else ""
            text = "".join(text) if isinstance(text, list) else text
            lines += [line.strip() for line in text.splitlines() if line.strip()]
    return list(dict.fromkeys(lines))  # a sentence printed by several cells (a corpus too small …) once


def _corpus_line(nb) -> str:
    """"N documents from FOLDER", read from the provenance table the notebook displays (or ""): its rows other
    than the documents' files come first (:func:`helpers.provenance.record`), so a page's first rows hold them."""
    for cell in nb.cells:
        if cell.cell_type != "code" or PROVENANCE_TAG not in _tags(cell):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get(TABLE_MIME)
            if not data:
                continue
            rows = [dict(zip(data["columns"], row, strict=False)) for row in data["rows"]]
            others = [r for r in rows if r.get("kind") != "corpus file" or r.get("name") == "metadata.csv"]
            n = data.get("n_rows", len(rows)) - len(others)  # the documents' rows come last: those cut are theirs
            folder = next((r["value"] for r in rows if r.get("kind") == "parameter" and r.get("name") == "corpus_dir"),
                          "None")
            where = "the bundled corpus (corpus/)" if folder in ("None", "", None) else folder.strip("'\"")
            return f"{n:,} document{'s' if n != 1 else ''} from {where}"
    return ""


def _explorers(main: str) -> list[str]:
    found = []
    if 'data-explorer="concordance"' in main:
        found.append("a concordance search over the whole corpus")
    if 'data-explorer="keyness"' in main:
        found.append("an interactive term plot (hover for counts, click for contexts)")
    return found


def alt_text(figure: dict) -> str:
    """A figure's alt text from its :data:`~.kernel.FIGURE_MIME` data: its ``description`` (what it shows: the
    title and its top values or trend, written by the figure's function from its data, see
    :func:`helpers.textplot.trends`) where it has one, else its ``title``; a description that does not
    start with the title follows it."""
    title, description = str(figure.get("title") or "").strip(), str(figure.get("description") or "").strip()
    if not description or description == title:
        return title
    return description if description.startswith(title) else f"{title}: {description}" if title else description


def _described(cell):
    """``cell`` with each figure's title replaced by its alt text (:func:`alt_text`), for :mod:`.cells`."""
    outputs = cell.get("outputs", [])
    if not any(FIGURE_MIME in o.get("data", {}) for o in outputs):
        return cell
    copy = dict(cell)
    copy["outputs"] = [{**o, "data": {**o["data"], FIGURE_MIME: {**o["data"][FIGURE_MIME],
                                                                 "title": alt_text(o["data"][FIGURE_MIME])}}}
                       if FIGURE_MIME in o.get("data", {}) else o for o in outputs]
    return copy


def _cell_html(cell, rendered: Rendered, taken: set[str], *, first_markdown: bool) -> str:
    if cell.cell_type == "markdown":
        return markdown_html(cell.source, rendered, taken, skip_title=first_markdown)
    if cell.cell_type == "code":
        source = cell.source
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            # the runner's kernels write into a staging folder that is gone once published; the provenance
            # table records the published folders
            source = re.sub(r"(?m)^figures_dir = .*$", "# figures_dir: the published folder, see the provenance table",
                            source)
        tags = "".join(f" tag-{re.sub(r'[^a-z0-9-]', '-', str(t).lower())}"
                       for t in cell.get("metadata", {}).get("tags", []))
        return f'<div class="cell{tags}">{code_html(source)}{outputs_html(_described(cell), rendered)}</div>'
    return ""


def report_parts(nb, *, title: str) -> dict:
    """What the report page (``index.html.j2``) says of an executed notebook: ``title``; ``cells`` in order,
    each ``html`` and ``at_end``; ``figures``, ``tables`` (counts); ``explorers`` (what the page's explorers
    do); ``corpus`` ("N documents from FOLDER", or ""); ``findings`` (lines); ``headings`` (``(level, text,
    anchor)`` of levels 2 and 3); ``head`` (:func:`head_parts`)."""
    rendered, taken = Rendered(), {"summary", "provenance", "contents"}
    cells = []
    first = True
    for cell in nb.cells:
        is_first = first and cell.cell_type == "markdown"
        first = first and not is_first
        listed = len(rendered.headings)
        at_end = _is_end_cell(cell) and not is_first
        cells.append({"html": _cell_html(cell, rendered, taken, first_markdown=is_first), "at_end": at_end})
        if at_end:  # the end section has its own entry in the contents ("Parameters and provenance")
            del rendered.headings[listed:]
    main = "".join(c["html"] for c in cells if not c["at_end"])
    return {"title": title, "cells": cells, "figures": rendered.figures, "tables": rendered.tables,
            "explorers": _explorers(main), "corpus": _corpus_line(nb), "findings": _findings(nb),
            "headings": [h for h in rendered.headings if h[0] in (2, 3)], "head": head_parts(scripts=True)}


def title(nb) -> str:
    """The first level-1 markdown heading of a notebook, or ``""``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def summary(nb) -> str:
    """The first markdown paragraph of a notebook that is not a heading, on one line, as plain text (its
    ``**``/``__`` emphasis and code backticks dropped), or ``""``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paragraphs = [p for p in cell.source.split("\n\n") if p.strip() and not p.startswith("#")]
            if paragraphs:
                return re.sub(r"\*\*|__|`", "", " ".join(paragraphs[0].split()))
    return ""


FILTERS = {"report_parts": report_parts, "notebook_title": title, "content_security_policy": content_security_policy,
           "visible_characters": visible_characters, "font_face_css": font_face_css,
           "typed_font_face_css": typed_font_face_css, "base64_text": base64_text}


# ---- the index page of a run

def index_page(entries: list[tuple[str, str, str, float]], corpus_dir: Path | None) -> str:
    """The index page (``reports_index.html.j2``): one ``(file name, title, summary, seconds)`` entry per
    report, and the corpus folder."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / TEMPLATE_NAME),
                                     autoescape=False, keep_trailing_newline=True)  # as nbconvert's: `| e` in it
    environment.filters.update(FILTERS)
    return environment.get_template("reports_index.html.j2").render(
        entries=[{"name": n, "title": t, "summary": s, "seconds": sec} for n, t, s, sec in entries],
        corpus=str(corpus_dir or "corpus/ (bundled)"), stamp=time.strftime("%Y-%m-%d %H:%M"),
        head=head_parts(scripts=False))


def weights(page: str) -> dict[str, int]:
    """Bytes of each part of a page: font, DataTables, figures, tables (data and CSV), explorers, the rest."""
    total = len(page.encode("utf-8"))
    parts = {
        "font": sum(len(m) for m in re.findall(r'<style id="font">.*?</style>', page, re.S)),
        "datatables": 0,
        "figures": sum(len(m) for m in re.findall(r'data:image/png;base64,[^"]+', page)),
        "table data": sum(len(m.encode("utf-8")) for m in re.findall(r'<script type="application/json" '
                                                                      r'class="table-data".*?</script>', page, re.S)),
        "table CSV": sum(len(m) for m in re.findall(r'data:text/csv[^"]+', page)),
        "explorer data": sum(len(m.encode("utf-8")) for m in re.findall(r'<script type="application/json" '
                                                                         r'class="explore-data".*?</script>', page,
                                                                         re.S)),
    }
    module = re.findall(r'<script type="text/plain" id="datatables-module".*?</script>', page, re.S)
    parts["datatables"] = (sum(map(len, module)) + len(datatables()[1].encode("utf-8"))) if module else 0
    parts["rest"] = total - sum(parts.values())
    parts["total"] = total
    return parts
