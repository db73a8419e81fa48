"""What made a figure: the environment, the corpus files and the word lists, as a table.

The last cell of every notebook calls :func:`record`; it is tagged ``provenance``
(as is the markdown introducing it), which is how the report page finds it and
puts it at the end.  So each HTML report ends with the Python and library versions, the SHA-256 of every corpus file and
every editable word list, and the parameters the notebook ran with.  The
libraries are the packages pinned in ``requirements.txt`` (their one home).

In a kernel of the report runner, figures are written to a staging folder that
is gone once the run is published; the runner passes the folders the user asked
for in the environment variable ``SPEECHES_REPORT_FOLDERS`` (a JSON object), and
those are recorded instead.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
from importlib import metadata
from pathlib import Path

import pandas as pd

from .config import LEXICON_DIR, METADATA_FILE, ROOT
from .lexicon import file_hash

REQUIREMENTS = ROOT / "requirements.txt"
FOLDERS_ENV = "SPEECHES_REPORT_FOLDERS"  # set by helpers.report in its kernels: the published folders
_PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==")


def libraries(requirements: Path = REQUIREMENTS) -> tuple[str, ...]:
    """The names of the packages pinned (``name==version``) in ``requirements``, in file order."""
    if not requirements.is_file():
        raise FileNotFoundError(f"{requirements} is missing: provenance lists the libraries pinned there")
    names = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.split("#", 1)[0].strip())
        if match:
            names.append(match.group(1))
    return tuple(names)


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

    ``kind`` is ``python``, ``library``, ``lexicon``, ``parameter`` or ``corpus file`` (in that order, a
    row per document last); corpus files and lexicons carry their SHA-256.  In a report
    run, ``figures_dir`` and ``reports_dir`` are the published folders (see the
    module docstring), whatever staging folder the notebook wrote into.
    """
    parameters = {**parameters, **published_folders()}
    rows = [("python", "version", sys.version.split()[0]), ("python", "platform", platform.platform())]
    rows += [("library", name, _version(name)) for name in libraries()]
    for path in sorted(LEXICON_DIR.glob("*.*")):
        if path.suffix in (".txt", ".csv"):
            rows.append(("lexicon", path.name, file_hash(path)))
    rows += [("parameter", key, repr(value)) for key, value in parameters.items()]
    folder = Path(corpus.folder)
    if (folder / METADATA_FILE).exists():
        rows.append(("corpus file", METADATA_FILE, file_hash(folder / METADATA_FILE)))
    # the documents' files last: a page that embeds the first rows of a long table keeps every other row
    rows += [("corpus file", file, digest) for file, digest in zip(corpus.documents["file"], corpus.documents["sha256"],
                                                                    strict=True)]
    return Provenance(pd.DataFrame(rows, columns=["kind", "name", "value"]))


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def published_folders() -> dict[str, str]:
    """The folders a report run publishes into, as the runner passed them (empty outside a report run)."""
    text = os.environ.get(FOLDERS_ENV)
    return dict(json.loads(text)) if text else {}
