"""The editable word lists of the workspace, each read in exactly one place.

Files live in ``helpers/lexicons/`` (see the README there for how to edit them):

``policy_terms.txt``
    the policy-term dictionary for segmentation: ``term [freq] [tag]`` a line;
``stopwords_general.txt``
    general Chinese function words (from stopwords-iso, MIT licence);
``stopwords_policy.txt``
    optional policy boilerplate (要, 加强, 推进, 坚持 …), switched on per analysis.

Lines starting with ``#`` are comments.  A malformed line raises
:class:`~helpers.errors.LexiconError` naming file and line.  The tables
(``themes.csv``, ``formulations.csv``) are read by :func:`read_table`, the one
CSV reader of the word lists, with the same error.  Cached tables are handed
out as copies, so a caller's edit never reaches another caller.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import pandas as pd

from .config import lexicon
from .errors import LexiconError
from .validate import check_choice

__all__ = ["DEFAULT_FREQ", "DEFAULT_TAG", "STOPWORD_LISTS", "LexiconError", "directives", "file_hash", "lexicon",
           "policy_terms", "read_table", "stopword_file", "stopwords"]

DEFAULT_FREQ = 20_000  # frequency given to a policy term without one: enough to keep it whole
DEFAULT_TAG = "nz"  # jieba's tag for "other proper noun"
STOPWORD_LISTS = {"general": "stopwords_general.txt", "policy": "stopwords_policy.txt"}
_TAG = re.compile(r"^[a-z]{1,4}$")


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (recorded in reports and in cache keys)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append((number, line))
    return out


def policy_terms(path: Path | None = None) -> pd.DataFrame:
    """The policy-term dictionary: columns ``term, freq, tag, line``.

    ``freq`` defaults to :data:`DEFAULT_FREQ` and ``tag`` to ``nz``.
    """
    path = Path(path) if path else lexicon("policy_terms.txt")
    return _policy_terms(path, file_hash(path)).copy()


@cache
def _policy_terms(path: Path, digest: str) -> pd.DataFrame:
    rows, seen = [], {}
    for number, line in _lines(path):
        parts = line.split()
        term, rest = parts[0], parts[1:]
        freq, tag = DEFAULT_FREQ, DEFAULT_TAG
        if rest and rest[0].isdigit():
            freq, rest = int(rest[0]), rest[1:]
        if rest:
            tag, rest = rest[0], rest[1:]
        if rest or not _TAG.match(tag) or freq <= 0:
            raise LexiconError(f"{path}, line {number}: expected 'term [freq] [tag]', got {line!r}")
        if term in seen:
            raise LexiconError(f"{path}, line {number}: {term!r} is already on line {seen[term]}")
        seen[term] = number
        rows.append((term, freq, tag, number))
    return pd.DataFrame(rows, columns=["term", "freq", "tag", "line"])


def stopwords(*names: str) -> frozenset[str]:
    """The union of the named stopword lists (``"general"``, ``"policy"``)."""
    words: set[str] = set()
    for name in names:
        path = stopword_file(name)
        words |= _stopwords(path, file_hash(path))
    return frozenset(words)


def stopword_file(name: str) -> Path:
    """Path of a named stopword list; :class:`~helpers.errors.ParameterError` naming ``stopword_lists`` for an
    unknown name."""
    check_choice("stopword_lists", name, STOPWORD_LISTS)
    return lexicon(STOPWORD_LISTS[name])


@cache
def _stopwords(path: Path, digest: str) -> frozenset[str]:
    return frozenset(line for _, line in _lines(path))


def directives(path: Path | None = None) -> frozenset[str]:
    """Directive markers (要, 必须, 坚持 …) from ``directives.txt``: a sentence with one is directive."""
    path = Path(path) if path else lexicon("directives.txt")
    return _stopwords(path, file_hash(path))


def read_table(path: Path, *, columns: list[str], required: list[str]) -> pd.DataFrame:
    """A CSV word table: the header must be exactly ``columns``; one row per line; returns them as strings.

    Blank lines and lines starting with ``#`` are skipped; a field with a comma
    is quoted and ends on its line.  The ``required`` cells must not be empty.
    Adds ``line`` (the file's line number of each row).  Every problem raises
    :class:`~helpers.errors.LexiconError` naming the file and the line.
    """
    import csv

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot be read as UTF-8 text ({error})") from error
    expected = ",".join(columns)
    rows: list[list] = []
    header = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            fields = [f.strip() for f in next(csv.reader([line], strict=True))]
        except csv.Error as error:
            raise LexiconError(f"{path}, line {number}: malformed CSV ({error}); a field with a comma is quoted "
                               f"and ends on the same line: {line!r}") from None
        if not header:
            if fields != columns:
                missing = [c for c in columns if c not in fields]
                why = f" (missing column(s): {', '.join(missing)})" if missing else ""
                raise LexiconError(f"{path}, line {number}: expected the header {expected!r}{why}, got {line!r}")
            header = True
            continue
        if len(fields) != len(columns):
            raise LexiconError(f"{path}, line {number}: expected {len(columns)} fields ({', '.join(columns)}), "
                               f"got {len(fields)}: {line!r}")
        empty = [c for c, value in zip(columns, fields, strict=True) if c in required and not value]
        if empty:
            raise LexiconError(f"{path}, line {number}: {' and '.join(empty)} must not be empty: {line!r}")
        rows.append([*fields, number])
    if not header:
        raise LexiconError(f"{path}: the file is empty (expected the header {expected!r})")
    return pd.DataFrame(rows, columns=[*columns, "line"])
