"""Run the notebooks and export HTML reports: ``python -m helpers.report``.

Each notebook in ``notebooks/`` runs in order on a fresh kernel (nbclient), with
the cell tagged ``parameters`` followed by an injected cell that sets the
corpus folder, the output folder and any ``--set`` overrides.  Figures go to a
staging folder first and replace the previous ones only when every notebook
succeeded; a failing cell stops the run with the notebook, the cell number and
the exception, exit status 1, and leaves ``figures/`` and ``reports/`` as they
were.  Reports are self-contained HTML (figures embedded), one per notebook,
plus ``index.html``.

One job per module, in the order of a run:

- :mod:`.parameters`: the parameters each notebook declares, ``--set`` values checked before any kernel starts;
- :mod:`.execute`: a kernel for this Python, the parameters injected the papermill way (a cell tagged
  ``injected-parameters`` after the cell tagged ``parameters``), one notebook run cell by cell;
- :mod:`.warm`: kernels forked from one server that has imported the workspace (a fresh kernel without the
  second of imports; Linux, ``SPEECHES_WARM_KERNELS=0`` turns it off);
- :mod:`.kernel`: what a report kernel displays besides the usual (each table's data, each figure's title);
- :mod:`.cells` and :mod:`.page`: the parts of one offline reader-mode page (cells tagged ``findings`` make the
  summary, cells tagged ``provenance`` end it), rendered by the Jinja templates in ``templates/workspace/``
  through the nbconvert exporter of :mod:`.exporter` (a Content-Security-Policy lets only the page's script run);
- :mod:`.export`: the page and the index page as the runner and the exporter call them;
- :mod:`.exporter`: the same page as an nbconvert exporter, ``jupyter nbconvert --to workspace NOTEBOOK``;
- :mod:`.publish`: staging folders, and moving their files into place (atomic renames);
- :mod:`.runner`: which notebooks (every ``*.ipynb`` of the folder), run in order or several at once (the
  longest first, by the last run's times), then published;
- :mod:`.strip`: removing outputs from notebooks before commit;
- :mod:`.cli`: the command line (``__main__`` calls it).

Importing the package changes no global state: nbformat, nbclient and
nbconvert are imported only by the functions that need them.
"""

from __future__ import annotations

from .cli import main
from .execute import NotebookFailed, Timing
from .runner import default_jobs, notebooks, run
from .strip import strip

__all__ = ["NotebookFailed", "Timing", "default_jobs", "main", "notebooks", "run", "strip"]
