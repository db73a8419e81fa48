"""What made a figure: the environment, the corpus files and the word lists, as a table.

The last cell of every notebook calls :func:`record`, so each HTML report ends
with the Python and library versions, the SHA-256 of every corpus file and
every editable word list, and the parameters the notebook ran with.
"""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path

import pandas as pd

from .config import LEXICON_DIR, METADATA_FILE
from .lexicon import file_hash

LIBRARIES = ["pandas", "numpy", "jieba", "rjieba", "matplotlib", "wordcloud", "mplfonts", "scikit-learn",
             "networkx", "scipy", "pyarrow", "charset-normalizer", "hanzidentifier", "ipywidgets", "nbclient",
             "nbconvert"]


class Provenance:
    """A provenance table that notebooks display in full (hashes are never cut short)."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.table = table

    def _repr_html_(self) -> str:
        return self.table.to_html(index=False, escape=True)

    def __repr__(self) -> str:
        return self.table.to_string(index=False, max_colwidth=None)


def record(corpus, **parameters) -> Provenance:
    """Provenance of a notebook run; ``.table`` has the columns ``kind, name, value``.

    ``kind`` is ``python``, ``library``, ``corpus file``, ``lexicon`` or
    ``parameter``; corpus files and lexicons carry their SHA-256.
    """
    rows = [("python", "version", sys.version.split()[0]), ("python", "platform", platform.platform())]
    rows += [("library", name, _version(name)) for name in LIBRARIES]
    folder = Path(corpus.folder)
    for file, digest in zip(corpus.documents["file"], corpus.documents["sha256"], strict=True):
        rows.append(("corpus file", file, digest))
    if (folder / METADATA_FILE).exists():
        rows.append(("corpus file", METADATA_FILE, file_hash(folder / METADATA_FILE)))
    for path in sorted(LEXICON_DIR.glob("*.*")):
        if path.suffix in (".txt", ".csv"):
            rows.append(("lexicon", path.name, file_hash(path)))
    rows += [("parameter", key, repr(value)) for key, value in parameters.items()]
    return Provenance(pd.DataFrame(rows, columns=["kind", "name", "value"]))


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"
