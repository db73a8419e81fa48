"""Executed notebooks as self-contained HTML (figures embedded), and the index page of a run."""

from __future__ import annotations

import html
import time
from pathlib import Path

from ..fonts import FAMILY


def export_html(nb, path: Path) -> str:
    """Self-contained HTML of an executed notebook (figures embedded as data URIs)."""
    from nbconvert import HTMLExporter

    # No sanitize_html: nbconvert's sanitizer escapes the <thead>/<th>/<style> of every pandas table into
    # visible text. Corpus text reaches the report only through pandas tables and explorer fallbacks,
    # both of which escape it (tests/test_report_export.py checks a <script> in the corpus stays text).
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title(nb) or path.stem}})
    return body


def title(nb) -> str:
    """The first level-1 markdown heading of a notebook, or ``""``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def summary(nb) -> str:
    """The first markdown paragraph of a notebook that is not a heading, on one line, or ``""``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paragraphs = [p for p in cell.source.split("\n\n") if p.strip() and not p.startswith("#")]
            if paragraphs:
                return " ".join(paragraphs[0].split())
    return ""


def index_page(entries: list[tuple[str, str, str, float]], corpus_dir: Path | None) -> str:
    """The index page: one ``(file name, title, summary, seconds)`` entry per report, and the corpus folder."""
    items = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(title)}</a> '
        f'<span class="t">({seconds:.1f} s)</span><br><span class="s">{html.escape(summary)}</span></li>'
        for name, title, summary, seconds in entries
    )
    corpus = html.escape(str(corpus_dir or "corpus/ (bundled)"))
    stamp = time.strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Reports: Chinese policy speeches</title>
<style>body{{font-family:system-ui,"{FAMILY}",sans-serif;max-width:52rem;margin:2rem auto;line-height:1.5}}
li{{margin:.8rem 0}} .t{{color:#666}} .s{{color:#333;font-size:.95em}}</style></head>
<body><h1>Reports: Chinese policy speeches</h1>
<p>Notebooks run on {html.escape(stamp)} against <code>{corpus}</code>. Each report ends with its provenance
(library versions, corpus and word-list hashes, parameters).</p>
<ol>
{items}
</ol></body></html>
"""
