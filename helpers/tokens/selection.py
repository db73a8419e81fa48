"""Selecting documents from the tokens: the same call for a tokens table in memory and a tokens dataset on disk."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .dataset import TokenDataset

__all__ = ["of_documents"]


def of_documents(tokens: pd.DataFrame | TokenDataset, doc_ids: Sequence[str] | str) -> pd.DataFrame | TokenDataset:
    """The tokens of some documents: the rows of a tokens table whose ``doc_id`` is one of ``doc_ids`` (same
    columns, index and order), or the dataset restricted to them (:meth:`TokenDataset.subset`, nothing read):
    the same pandas idiom on both."""
    ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
    return tokens[tokens["doc_id"].isin(ids)]
