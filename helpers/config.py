"""Where things live: every path of the workspace is defined here and nowhere else.

Notebooks, tests and benchmarks ask this module for folders instead of building
paths from string fragments.  Two environment variables move folders without
code edits:

``SPEECHES_CACHE``
    folder for derived, rebuildable data (the segmentation cache), default ``.cache/``;
``SPEECHES_EXTRA_CORPUS``
    the development corpus of further real texts used by tests and benchmarks
    (never copied into the project), default ``../shared/corpus-extra``;
``SPEECHES_TABLES``
    the development corpus tables (JSON Lines, one document per row), default
    ``../shared/corpus-tables``.

and one moves work: ``SPEECHES_SCHEDULER``, the Dask scheduler a corpus is built on (``tcp://host:8786``, or
``local``; :func:`scheduler_setting`, read by :func:`helpers.parallel.scheduler`).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
NOTEBOOKS_DIR = ROOT / "notebooks"
FIGURES_DIR = ROOT / "figures"
REPORTS_DIR = ROOT / "reports"
LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
METADATA_FILE = "metadata.csv"
REPORT_ENV = "SPEECHES_REPORT"  # set to "1" in the kernels of the report runner (no live widgets there)
SCHEDULER_ENV = "SPEECHES_SCHEDULER"  # the Dask scheduler of corpus builds (helpers.parallel.scheduler)
RANDOM_STATE = 42  # the one default seed: every function with randomness takes ``random_state=RANDOM_STATE``


def cache_dir() -> Path:
    """Folder for rebuildable derived data (ignored by git)."""
    return Path(os.environ.get("SPEECHES_CACHE", ROOT / ".cache"))


def scheduler_setting() -> str | None:
    """``$SPEECHES_SCHEDULER``, or None when it is not set or empty."""
    return os.environ.get(SCHEDULER_ENV) or None


def extra_corpus_dir() -> Path | None:
    """The development corpus of further texts, or None when this machine lacks it.

    Looked up in ``$SPEECHES_EXTRA_CORPUS``, then in ``../shared/corpus-extra``
    next to the checkout.
    """
    candidates = [os.environ.get("SPEECHES_EXTRA_CORPUS"), ROOT.parent / "shared" / "corpus-extra"]
    for candidate in candidates:
        if candidate and Path(candidate, "SOURCES.tsv").is_file():
            return Path(candidate)
    return None


def tables_dir() -> Path | None:
    """The development corpus tables (``*.jsonl``), or None when this machine lacks them.

    Looked up in ``$SPEECHES_TABLES``, then in ``../shared/corpus-tables`` next to the checkout.
    """
    for candidate in (os.environ.get("SPEECHES_TABLES"), ROOT.parent / "shared" / "corpus-tables"):
        if candidate and Path(candidate, "SOURCES.md").is_file():
            return Path(candidate)
    return None


def lexicon(name: str) -> Path:
    """Path of an editable word list or table shipped in ``helpers/lexicons/``."""
    path = LEXICON_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"lexicon file {path} is missing")
    return path


def in_report() -> bool:
    """Whether this code runs in a kernel started by the report runner (``python -m helpers.report``)."""
    return os.environ.get(REPORT_ENV) == "1"
