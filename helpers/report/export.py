"""Executed notebooks as self-contained reader-mode HTML reports, and the index page of a run.

The page itself is built by :mod:`.page` (from :mod:`.cells`); this module
names what the runner and the nbconvert exporter call: :func:`export_html`,
:func:`title`, :func:`summary` and :func:`index_page`.
"""

from __future__ import annotations

from .page import index_page, report_page

__all__ = ["export_html", "index_page", "summary", "title"]


def export_html(nb, *, name: str) -> str:
    """Self-contained reader-mode HTML of an executed notebook (see :mod:`.page`), titled by its first heading
    or else ``name``.  The runner and the nbconvert exporter (:mod:`.exporter`) both call it.

    Corpus text reaches the page through tables (JSON data, shown as text by the
    page script), explorer data (JSON with ``<``, ``>``, ``&`` escaped) and
    escaped HTML; tests/test_report_export.py checks a ``<script>`` in the corpus stays text.
    """
    return report_page(nb, title=title(nb) or name)


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
