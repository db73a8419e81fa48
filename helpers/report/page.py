"""An executed notebook as one self-contained HTML page in reader mode, and the index page of a run.

The page makes no network request: the styles, the scripts (DataTables from
the ``itables`` package, and :file:`assets/report.js`), the figures, the
tables' CSV files and a subset of the workspace's CJK font
(:func:`helpers.fonts.font_face`, only the characters the page uses) are all
inside it.  Reader mode: a summary at the top (corpus, documents, the printed
output of the cells tagged ``findings``), a table of contents, code folded with
one control to show it all, and the parameters and provenance at the end.
"""

from __future__ import annotations

import base64
import html
import re
import time
from functools import cache
from pathlib import Path

from ..fonts import FAMILY, font_face
from .cells import Rendered, code_html, markdown_html, merged_streams, outputs_html
from .kernel import TABLE_MIME

__all__ = ["ASSETS", "FINDINGS_TAG", "PROVENANCE_TAG", "index_page", "report_page", "weights"]

ASSETS = Path(__file__).resolve().parent / "assets"
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


def _bundle_block(module: str) -> str:
    """The DataTables module in an inert ``<script>`` block, base64 (its text holds ``<!--`` and ``<script``, which
    would end or reopen a script element in HTML), decoded and imported by the page's script."""
    encoded = base64.b64encode(module.encode("utf-8")).decode("ascii")
    return f'<script type="text/plain" id="datatables-module" data-encoding="base64">{encoded}</script>'


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _is_end_cell(cell) -> bool:
    """A cell shown at the end of the page: the parameters cells and the cells tagged ``provenance``."""
    return any(t in _tags(cell) for t in _END_TAGS)


def _findings(nb) -> list[str]:
    """The printed output of the cells tagged ``findings``, one entry per non-empty line."""
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
    return lines


def _corpus_line(nb) -> str:
    """"N documents from FOLDER", read from the provenance table the notebook displays (or "")."""
    for cell in nb.cells:
        if cell.cell_type != "code" or PROVENANCE_TAG not in _tags(cell):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get(TABLE_MIME)
            if not data:
                continue
            rows = [dict(zip(data["columns"], row, strict=False)) for row in data["rows"]]
            files = [r["name"] for r in rows if r.get("kind") == "corpus file" and r.get("name") != "metadata.csv"]
            folder = next((r["value"] for r in rows if r.get("kind") == "parameter" and r.get("name") == "corpus_dir"),
                          "None")
            where = "the bundled corpus (corpus/)" if folder in ("None", "", None) else folder.strip("'\"")
            return f"{len(files)} document{'s' if len(files) != 1 else ''} from {where}"
    return ""


def _summary_html(nb, rendered: Rendered, explorers: list[str]) -> str:
    findings = _findings(nb)
    corpus = _corpus_line(nb)
    parts = ['<section class="summary" id="summary"><h2>Summary</h2>']
    what = [f"{rendered.figures} figures", f"{rendered.tables} tables (sortable, searchable, each with its CSV)",
            *explorers]
    parts.append(f"<p><b>In this report:</b> {html.escape(', '.join(what))}; code is folded (Show code).</p>")
    if corpus:
        parts.append(f'<p class="corpus"><b>Corpus:</b> {html.escape(corpus)}.</p>')
    if findings:
        parts.append("<p><b>Main findings</b> (computed from the data):</p><ul class=\"findings\">"
                     + "".join(f"<li>{html.escape(line)}</li>" for line in findings) + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def _explorers(main: str) -> list[str]:
    found = []
    if 'data-explorer="concordance"' in main:
        found.append("a concordance search over the whole corpus")
    if 'data-explorer="keyness"' in main:
        found.append("an interactive term plot (hover for counts, click for contexts)")
    return found


def _toc_html(headings: list[tuple[int, str, str]]) -> str:
    items = [(level, text, anchor) for level, text, anchor in headings if level in (2, 3)]
    items += [(2, "Parameters and provenance", "provenance")]
    return ('<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>'
            + "".join(f'<li class="toc-{level}"><a href="#{anchor}">{html.escape(text)}</a></li>'
                      for level, text, anchor in items) + "</ol></nav>")


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
        return f'<div class="cell{tags}">{code_html(source)}{outputs_html(cell, rendered)}</div>'
    return ""


def report_page(nb, *, title: str) -> str:
    """The reader-mode HTML page of an executed notebook (see the module docstring)."""
    rendered, taken = Rendered(), {"summary", "provenance", "contents"}
    body, end = [], []
    first = True
    for cell in nb.cells:
        is_first = first and cell.cell_type == "markdown"
        first = first and not is_first
        at_end = _is_end_cell(cell) and not is_first
        (end if at_end else body).append(_cell_html(cell, rendered, taken, first_markdown=is_first))
    main = "".join(body)
    content = (f'<header><h1 id="top">{html.escape(title)}</h1>'
               '<button type="button" id="toggle-code" aria-pressed="false">Show code</button></header>'
               f"{_summary_html(nb, rendered, _explorers(main))}{_toc_html(rendered.headings)}<main>{main}</main>"
               '<section class="end" id="provenance"><h2>Parameters and provenance</h2>'
               "<p>The parameters this report ran with, and what made it: Python and library versions, "
               f"the SHA-256 of every corpus file and word list.</p>{''.join(end)}</section>")
    return _document(title, content, scripts=True)


def _document(title: str, content: str, *, scripts: bool) -> str:
    dt_script, dt_css = datatables() if scripts else ("", "")
    head_text = f"{title}{content}"
    style = _asset("report.css").replace("EMBEDDED_FAMILY", _EMBEDDED)
    # the font subset: every character of the page, its scripts' data included (the explorers show corpus text)
    face = font_face(_visible_characters(head_text) + _asset("report.js"), family=_EMBEDDED)
    script = f'{_bundle_block(dt_script)}<script type="module">{_asset("report.js")}</script>' if scripts else ""
    return (f'<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title>"
            f'<style id="font">{face}</style><style>{dt_css}</style><style>{style}</style></head>'
            f"<body>{content}{script}</body></html>\n")


def _visible_characters(text: str) -> str:
    """The distinct characters of ``text`` with JSON ``\\uXXXX`` escapes and HTML entities decoded."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"data:[^\"')\s]+", "", text)  # base64 blobs add nothing
    return "".join(set(html.unescape(text)))


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


def index_page(entries: list[tuple[str, str, str, float]], corpus_dir: Path | None) -> str:
    """The index page: one ``(file name, title, summary, seconds)`` entry per report, and the corpus folder."""
    items = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(title)}</a> '
        f'<span class="t">({seconds:.1f} s)</span><br><span class="s">{html.escape(summary)}</span></li>'
        for name, title, summary, seconds in entries
    )
    corpus = html.escape(str(corpus_dir or "corpus/ (bundled)"))
    stamp = time.strftime("%Y-%m-%d %H:%M")
    content = (f'<header><h1 id="top">报告 Reports: Chinese policy speeches</h1></header><main class="index">'
               f"<p>Notebooks run on {html.escape(stamp)} against <code>{corpus}</code>. Each report opens "
               "with a summary and ends with its provenance (library versions, corpus and word-list hashes, "
               f'parameters); each works offline, in any browser.</p><ol class="reports">{items}</ol></main>')
    return _document("报告 Reports: Chinese policy speeches", content, scripts=False)
