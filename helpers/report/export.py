"""Executed notebooks as self-contained reader-mode HTML reports, and the index page of a run.

This module names what the runner calls: :func:`export_html` (the page of one notebook, made by the
nbconvert exporter registered as ``workspace``, :mod:`.exporter`, from the template of
:file:`templates/workspace/`), :func:`title`, :func:`summary` and :func:`index_page` (:mod:`.page`).
"""

from __future__ import annotations

from .page import EXPORTER_NAME, index_page, summary, title

__all__ = ["export_html", "index_page", "summary", "title"]


def export_html(nb, *, name: str) -> str:
    """Self-contained reader-mode HTML of an executed notebook, titled by its first heading or else ``name``:
    exactly what ``jupyter nbconvert --to workspace`` writes for it.

    The exporter is found by its registered name, as nbconvert finds it (importing :mod:`.exporter` here
    would load nbconvert, and nbformat with it, wherever :mod:`helpers.report` is imported).

    Corpus text reaches the page through tables (JSON data, shown as text by the
    page script), explorer data (JSON with ``<``, ``>``, ``&`` escaped) and
    escaped HTML; tests/test_report_export.py checks a ``<script>`` in the corpus stays text, and the page's
    Content-Security-Policy runs no script but the page's own.
    """
    from nbconvert.exporters import ExporterNameError, get_exporter

    try:
        exporter = get_exporter(EXPORTER_NAME)
    except ExporterNameError as error:
        raise RuntimeError(f"the nbconvert exporter {EXPORTER_NAME!r} is not registered: install the workspace "
                           "(pip install --no-deps -e .)") from error
    page, _ = exporter().from_notebook_node(nb, resources={"metadata": {"name": name}})
    return page
