"""The workspace's report page as an nbconvert exporter: ``jupyter nbconvert --to workspace NOTEBOOK.ipynb``.

A :class:`~nbconvert.exporters.TemplateExporter` of the workspace's template, ``workspace``: the folder
:file:`templates/workspace/` shipped in this package (``index.html.j2``, its skeleton ``layout.html.j2``,
``conf.json``), with the filters of :mod:`.page` (the cells as HTML by :mod:`.cells`, the font subset, the
Content-Security-Policy).  Registered in ``pyproject.toml`` (entry point group ``nbconvert.exporters``), so any
notebook, one a user wrote included, becomes the same single offline HTML file the report runner publishes
(the runner exports through this exporter, see :func:`.export.export_html`): the CJK font subset embedded,
reader mode (summary from the cells tagged ``findings``, contents, folded code), searchable tables, and the
cells tagged ``parameters``, ``injected-parameters`` and ``provenance`` at the end.  nbconvert's own options
work as usual (``--execute``, ``--output``, ``--output-dir``, ``--stdout``); with
``--execute`` the kernel displays each table's data for the page as the runner's kernels do
(:data:`.execute.KERNEL_SETUP`).

This module imports nbconvert; :mod:`helpers.report` does not import it, so the runner's processes load
nbconvert only where they use it.
"""

from __future__ import annotations

from nbconvert.exporters import TemplateExporter
from traitlets import default
from traitlets.config import Config

from .execute import KERNEL_SETUP
from .page import EXPORTER_NAME, FILTERS, TEMPLATE_NAME, TEMPLATES

__all__ = ["EXPORTER_NAME", "WorkspaceExporter"]


class WorkspaceExporter(TemplateExporter):
    """A notebook as the workspace's self-contained reader-mode HTML report (the template ``workspace``)."""

    export_from_notebook = "Workspace report (offline HTML)"  # JupyterLab's "Save and Export Notebook As" menu
    output_mimetype = "text/html"

    def _file_extension_default(self) -> str:
        return ".html"

    @default("template_name")
    def _template_name_default(self) -> str:
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]  # the package's own folder only (nbconvert's default adds the working folder)

    @property
    def default_config(self) -> Config:
        """With ``--execute``, the kernel displays tables and figures for the page as the runner's kernels do."""
        config = Config({"ExecutePreprocessor": {"extra_arguments": [KERNEL_SETUP]}})
        config.merge(super().default_config)
        return config

    def default_filters(self):
        """nbconvert's filters and the workspace's (:data:`.page.FILTERS`)."""
        yield from super().default_filters()
        yield from FILTERS.items()
