"""Interactive exploration in JupyterLab: a concordance explorer and a term comparison explorer.

* :mod:`~helpers.explore.search`: :func:`concordance` searches the corpus for a
  term, a raw string or a regular expression, sorted by left or right context (tables: ``paragraphs``,
  ``kwic``, ``section_counts``, ``positions``, ``vocabulary``);
* :mod:`~helpers.explore.distribution`: a term's hits per document and per year (``term_distribution``,
  ``term_trend``), shown under the concordance;
* :mod:`~helpers.explore.contrast`: :func:`keyness` compares two groups of tokens
  (tables: ``group_keyness``, ``sides``);
* :mod:`~helpers.explore.base`: what both share: the groupings of a corpus
  (``groupings``, ``group_values``), whether live widgets can run (``live``),
  its size and whether it is small enough to travel with a report page (``characters``, ``fits_page``), and
  the static HTML fallback shown in reports and outside a Jupyter kernel.

The widgets are a thin layer over functions that take and return DataFrames
and are tested without a browser.  Every public name is available here, so
``from helpers import explore; explore.concordance(...)`` keeps working.
"""

from __future__ import annotations

from .base import GROUP_COLUMNS, MAX_PAGE_CHARS, characters, fits_page, group_values, groupings, live
from .contrast import NOTE_COMPARE, Keyness, group_keyness, keyness, sides
from .distribution import SHORT_TITLE, short_title, term_distribution, term_trend
from .search import (
    MATCHES,
    MAX_VOCABULARY,
    NOTE_SEARCH,
    SORTS,
    Concordance,
    concordance,
    kwic,
    paragraphs,
    positions,
    section_counts,
    sort_hits,
    vocabulary,
)

__all__ = [
    "GROUP_COLUMNS",
    "MATCHES",
    "MAX_PAGE_CHARS",
    "MAX_VOCABULARY",
    "NOTE_COMPARE",
    "NOTE_SEARCH",
    "SHORT_TITLE",
    "SORTS",
    "Concordance",
    "Keyness",
    "characters",
    "concordance",
    "fits_page",
    "group_keyness",
    "group_values",
    "groupings",
    "keyness",
    "kwic",
    "live",
    "paragraphs",
    "positions",
    "section_counts",
    "short_title",
    "sides",
    "sort_hits",
    "term_distribution",
    "term_trend",
    "vocabulary",
]
