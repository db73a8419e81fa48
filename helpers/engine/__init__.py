"""One engine beneath the analysis: every table wrapped once, wherever it is stored.

:func:`wrap` takes what a verb was given (a tokens or paragraphs DataFrame, a :class:`~helpers.corpus.Corpus`,
a corpus on disk, a tokens dataset) and returns a :class:`Source`; the verbs of ``textstat``, ``themes``,
``formulations``, ``findings`` and ``explore`` have one body written against its operations
(:mod:`.base`): tables and chunks of whole documents, term counts, paragraphs holding a string, token
contexts, SQL over the tables.  :mod:`.frames` holds the DataFrames in memory, :mod:`.disk` the Parquet
dataset queried by DuckDB; nothing else in the workspace asks which it has.
"""

from __future__ import annotations

from .base import PARAGRAPH_COLUMNS, Source
from .disk_kwic import KWIC_BATCH
from .fold import summed
from .masks import content_mask, masks, word_mask
from .source import as_dataset, wrap

__all__ = ["KWIC_BATCH", "PARAGRAPH_COLUMNS", "Source", "as_dataset", "content_mask", "masks", "summed", "word_mask",
           "wrap"]
