"""Themes: codebook scores, keywords, a co-occurrence network and topics.

Four views of what a text is about, each a function from DataFrames to a new
DataFrame (or a networkx graph); nothing is modified in place.  One module per view:

* :mod:`~helpers.themes.scoring`: the theme codebook, its matches in the text and
  the scores of paragraphs, sections and documents (``codebook``, ``matches``,
  ``score``, ``by_section``, ``by_document``, ``drivers``, ``pool_drivers``);
* :mod:`~helpers.themes.keyterms`: keywords of each group by TF-IDF and TextRank (``keywords``);
* :mod:`~helpers.themes.graph`: the co-occurrence network, its communities and
  GraphML export (``cooccurrence``, ``network``, ``communities``, ``export_graphml``);
* :mod:`~helpers.themes.nmf`: the NMF topic model (``topics``);
* :mod:`~helpers.themes.boilerplate`: procedural sentences recurring across documents (``boilerplate``).

Every public name is available here, so ``from helpers import themes;
themes.score(...)`` works whatever module a function lives in.
"""

from __future__ import annotations

from .boilerplate import boilerplate
from .graph import communities, cooccurrence, export_graphml, network
from .keyterms import KEYWORD_POS, keywords
from .nmf import topics
from .scoring import (
    CODEBOOK_COLUMNS,
    NESTED,
    by_document,
    by_section,
    codebook,
    drivers,
    matches,
    pool_drivers,
    score,
)

__all__ = ["CODEBOOK_COLUMNS", "KEYWORD_POS", "NESTED", "boilerplate", "by_document", "by_section", "codebook",
           "communities", "cooccurrence", "drivers", "export_graphml", "keywords", "matches", "network",
           "pool_drivers", "score", "topics"]
