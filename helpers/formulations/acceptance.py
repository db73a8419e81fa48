"""Accepted discoveries added to the word lists: after that they are whole tokens and tracked formulations.

:func:`accept` appends each new term to ``policy_terms.txt`` (the segmentation dictionary: the term alone, so
it gets the default frequency and tag) and to ``formulations.csv`` (a formulation of its own, one variant), each
file rewritten atomically (:func:`helpers.outputs.write_text`).  A term already listed in a file is left as it
is there.  The tokens cache notices the changed dictionary (its key holds the file's hash), so the next
segmentation keeps the terms whole.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..config import LEXICON_DIR
from ..errors import ParameterError
from ..lexicon import policy_terms
from ..outputs import write_text
from ..validate import check_nonempty
from .tracking import table

__all__ = ["accept"]

_BAD = re.compile(r"[\s#,]")


def _appended(path: Path, lines: list[str]) -> None:
    """``path`` rewritten atomically with ``lines`` after its text (a final newline added where missing)."""
    text = path.read_text(encoding="utf-8-sig")
    if text and not text.endswith("\n"):
        text += "\n"
    write_text(path, text + "".join(line + "\n" for line in lines))


def _csv_line(fields: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(fields)
    return buffer.getvalue()


def accept(terms: Sequence[str], *, note: str = "discovered", folder: Path | None = None) -> pd.DataFrame:
    """Add ``terms`` to the policy dictionary and to the formulation list (in ``helpers/lexicons``, or in
    ``folder``, a folder holding ``policy_terms.txt`` and ``formulations.csv``).

    Returns ``term, dictionary, formulation_list``: whether the term was added to each (False where it was
    there already).  ``note`` fills the list's ``note`` column.  Raises
    :class:`~helpers.errors.ParameterError` naming ``terms`` for an empty list or a term with whitespace, ``#``
    or a comma (none can be written to the dictionary), or ``note`` with a line break.
    """
    if isinstance(terms, str):
        terms = [terms]
    check_nonempty("terms", terms)
    for term in terms:
        if not isinstance(term, str) or not term or _BAD.search(term):
            raise ParameterError(f"terms: {term!r} cannot be listed (a term is a non-empty string without "
                                 "whitespace, '#' or ',')")
    if not isinstance(note, str) or "\n" in note or "\r" in note:
        raise ParameterError(f"note={note!r} must be one line of text")
    folder = Path(folder) if folder else LEXICON_DIR
    dictionary, formulations = folder / "policy_terms.txt", folder / "formulations.csv"
    known_terms = set(policy_terms(dictionary)["term"])
    listed = table(formulations)
    known_variants = set(listed["variant"])
    terms = list(dict.fromkeys(terms))
    to_dictionary = [t for t in terms if t not in known_terms]
    to_list = [t for t in terms if t not in known_variants]
    if to_dictionary:
        _appended(dictionary, to_dictionary)
    if to_list:
        _appended(formulations, [_csv_line([t, t, note]) for t in to_list])
    return pd.DataFrame({"term": terms, "dictionary": [t in to_dictionary for t in terms],
                         "formulation_list": [t in to_list for t in terms]})
