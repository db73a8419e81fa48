"""Each work once: the documents a count pooled across documents (by year, genre, section …) takes.

A later edition (named by the documents column ``edition_of``, see :mod:`helpers.corpus.editions`) repeats its
work: pooled with it, the work would count twice and its year or genre would weigh more than the others.
:func:`each_work_once` leaves such editions out of a source; a verb that pools calls it once after
:func:`helpers.engine.wrap`.
"""

from __future__ import annotations

from .. import engine
from ..corpus.editions import later_editions

__all__ = ["each_work_once", "later_editions"]


def each_work_once(source: engine.Source) -> engine.Source:
    """``source`` without its later editions (:func:`later_editions` of its documents table); the same source
    when it has none, or no documents table (a tokens table wrapped without its corpus)."""
    documents = source.documents
    later = later_editions(documents)
    if not later.any():
        return source
    return source.each_work_once(documents.loc[~later, "doc_id"].tolist())
