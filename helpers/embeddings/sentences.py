"""The sentences each period's word2vec model reads: a corpus' content tokens, sentence by sentence, by group.

A sentence is the tokens of one ``(doc_id, para_no, sent_no)`` in reading order: word tokens only (no
punctuation, symbols or digits, :mod:`helpers.engine.masks`), stopwords left out when asked.  The tokens are
read through :func:`helpers.engine.wrap`, chunk by chunk of whole documents, so a tokens dataset on disk works
as a table in memory does; the sentences of the chosen documents are held in memory (word2vec reads them once
per epoch).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import engine
from ..engine.masks import masks

__all__ = ["by_group"]

_COLUMNS = ["doc_id", "para_no", "sent_no", "token_no", "token", "is_stop"]


def by_group(source: engine.Source, groups: Mapping[str, str], *, stopwords: bool = True) -> dict[str, list[list[str]]]:
    """The sentences of each group: ``groups`` maps a ``doc_id`` to its group's label (documents not in it are
    left out).  Groups come in the order of ``groups``' values; within a group, documents in the order of
    ``groups``' keys (whatever order the storage reads them in) and sentences in reading order."""
    of_document: dict[str, list[list[str]]] = {}
    for chunk in source.chunks("tokens", _COLUMNS):
        chunk = chunk[chunk["doc_id"].isin(list(groups))]
        if chunk.empty:
            continue
        chunk = chunk[masks(chunk, stopwords=stopwords)[3]]
        if chunk.empty:
            continue
        chunk = chunk.sort_values(["doc_id", "token_no"], kind="stable")
        for doc_id, sentence in _sentences(chunk):
            of_document.setdefault(doc_id, []).append(sentence)
    found: dict[str, list[list[str]]] = {g: [] for g in dict.fromkeys(groups.values())}
    for doc_id, label in groups.items():
        found[label].extend(of_document.get(doc_id, []))
    return found


def _sentences(chunk: pd.DataFrame):
    """``(doc_id, sentence)`` of each sentence of ``chunk``, in order."""
    keys = chunk[["doc_id", "para_no", "sent_no"]]
    change = np.zeros(len(chunk), dtype=bool)
    change[0] = True
    for column in keys.columns:
        values = keys[column].to_numpy()
        change[1:] |= values[1:] != values[:-1]
    starts = np.flatnonzero(change)
    words = chunk["token"].astype(str).to_numpy()
    docs = keys["doc_id"].to_numpy()[starts]
    pieces = np.split(words, starts[1:])
    for doc_id, piece in zip(docs, pieces, strict=True):
        yield doc_id, piece.tolist()
