"""The workspace's report page as an nbconvert exporter: ``jupyter nbconvert --to workspace NOTEBOOK.ipynb``.

Registered in ``pyproject.toml`` (entry point group ``nbconvert.exporters``), so any notebook, one a user
wrote included, becomes the same single offline HTML file the report runner publishes: the CJK font subset
embedded, reader mode (summary from the cells tagged ``findings``, contents, folded code), searchable tables,
and the cells tagged ``parameters``, ``injected-parameters`` and ``provenance`` at the end.  nbconvert's own
options work as usual (``--execute``, ``--output``, ``--output-dir``, ``--stdout``); with ``--execute`` the kernel
displays each table's data for the page as the runner's kernels do (:data:`.execute.KERNEL_SETUP`).

This module imports nbconvert; :mod:`helpers.report` does not import it, so the runner's processes load
nbconvert only where they use it.
"""

from __future__ import annotations

from nbconvert.exporters import Exporter
from traitlets.config import Config

from .execute import KERNEL_SETUP
from .export import export_html

__all__ = ["EXPORTER_NAME", "WorkspaceExporter"]

EXPORTER_NAME = "workspace"  # the name after --to (the entry point's name in pyproject.toml)


class WorkspaceExporter(Exporter):
    """A notebook as the workspace's self-contained reader-mode HTML report (see :mod:`.page`)."""

    export_from_notebook = "Workspace report (offline HTML)"  # JupyterLab's "Save and Export Notebook As" menu
    output_mimetype = "text/html"

    def _file_extension_default(self) -> str:
        return ".html"

    @property
    def default_config(self) -> Config:
        """With ``--execute``, the kernel displays tables and figures for the page as the runner's kernels do."""
        config = Config({"ExecutePreprocessor": {"extra_arguments": [KERNEL_SETUP]}})
        config.merge(super().default_config)
        return config

    def from_notebook_node(self, nb, resources: dict | None = None, **kw) -> tuple[str, dict]:
        """The page of ``nb`` (after nbconvert's preprocessors, e.g. ``--execute``) and the resources."""
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        name = (resources.get("metadata") or {}).get("name") or "notebook"
        resources["output_extension"] = ".html"
        return export_html(nb_copy, name=name), resources
