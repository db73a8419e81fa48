"""The one place that asks where a table lives: :func:`wrap` turns what a verb was given into a :class:`Source`.

A verb of :mod:`helpers.textstat`, :mod:`helpers.themes`, :mod:`helpers.formulations`, :mod:`helpers.findings`
or :mod:`helpers.explore` calls :func:`wrap` once at its top and from there on works with the source's
operations; it never asks whether it got a DataFrame or a dataset on disk. The two storages are
:class:`~helpers.engine.frames.FrameSource` (DataFrames in memory) and
:class:`~helpers.engine.disk.DiskSource` (a partitioned Parquet tokens dataset, queried by DuckDB). A third
storage is a third class here, not a change to the verbs.
"""

from __future__ import annotations

import pandas as pd

from ..corpus.model import Corpus
from ..corpus.store import CorpusStore, StoredTable
from ..tokens.dataset import TokenDataset
from .base import Source
from .disk import DiskSource
from .frames import FrameSource

__all__ = ["Source", "as_dataset", "wrap"]


def wrap(data, *, corpus=None) -> Source:
    """The :class:`Source` of ``data``: a tokens or paragraphs DataFrame, a :class:`~helpers.corpus.Corpus` (in
    memory or on disk), a table of a corpus on disk, a corpus store, a tokens dataset, or a source already
    (returned as it is).  ``corpus``: the corpus in memory
    a tokens DataFrame was segmented from, whose other tables (paragraphs, sentences, documents …) the source
    then holds too (a dataset holds them already)."""
    if isinstance(data, Source):
        return data
    if isinstance(data, (TokenDataset, CorpusStore)):
        return DiskSource(data)
    if isinstance(data, StoredTable):
        return DiskSource(data.store)
    if isinstance(data, Corpus) and data.storage == "disk":
        return DiskSource(data.disk.store())
    if isinstance(data, pd.DataFrame):
        if corpus is not None and _corpus_like(corpus):
            source = FrameSource.of_corpus(corpus)
            return FrameSource({**source.tables, "tokens": data}, source.documents)
        return FrameSource.of_frame(data)
    if _corpus_like(data):
        return FrameSource.of_corpus(data)
    raise TypeError(f"expected a DataFrame, a Corpus, a corpus on disk or a tokens dataset, not "
                    f"{type(data).__name__}")


def _corpus_like(data) -> bool:
    """A :class:`~helpers.corpus.Corpus` or any object with its ``documents`` and ``paragraphs`` tables."""
    return isinstance(getattr(data, "documents", None), pd.DataFrame) and isinstance(
        getattr(data, "paragraphs", None), pd.DataFrame)


def as_dataset(data) -> TokenDataset | CorpusStore | None:
    """The tables on disk behind ``data`` (a tokens dataset, or the corpus store of a corpus on disk or of one
    of its tables), None for tables in memory."""
    source = wrap(data)
    return source.data if isinstance(source, DiskSource) else None
