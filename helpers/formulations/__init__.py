"""Formulations (提法): the listed ones tracked as strings, new ones discovered from the corpus, accepted ones
added to the lists.

* :mod:`.tracking`: the formulation list (``table``) counted in every document (``track``, ``timeline``,
  ``presence``, ``found``) and a heatmap's cells, each work once as rates (``by_column``);
* :mod:`.ngrams`: character n-grams counted chunk by chunk, their cohesion and neighbour entropy;
* :mod:`.discovery`: multi-word expressions found by those statistics and when each first appears
  (``discover``, ``describe``);
* :mod:`.acceptance`: accepted discoveries written to the dictionary and the formulation list (``accept``).
"""

from __future__ import annotations

from .acceptance import accept
from .discovery import COLUMNS, describe, discover
from .tracking import by_column, found, presence, table, timeline, track

__all__ = ["COLUMNS", "accept", "by_column", "describe", "discover", "found", "presence", "table", "timeline", "track"]
