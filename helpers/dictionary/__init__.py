"""Dictionaries a researcher loads and validates: files in and out, a concordance sample, its precision.

* :mod:`.files` — :func:`read`, :func:`write` (quanteda/Lexicoder YAML, LIWC ``.dic``, CSV ``category, term``;
  the theme codebook ``helpers/lexicons/themes.csv`` reads as one of them);
* :mod:`.validation` — :func:`validation_sample` (random KWIC lines per category to CSV and XLSX),
  :func:`precision` (the coded file back: precision per category, Wilson 95 % interval).

A dictionary is a DataFrame ``category, term``; :func:`helpers.textstat.lookup.lookup` counts it in a corpus.
"""

from __future__ import annotations

from .files import COLUMNS, FORMATS, SEPARATOR, from_rows, read, write
from .validation import SAMPLE_COLUMNS, precision, validation_sample, wilson

__all__ = ["COLUMNS", "FORMATS", "SAMPLE_COLUMNS", "SEPARATOR", "from_rows", "precision", "read",
           "validation_sample", "wilson", "write"]
