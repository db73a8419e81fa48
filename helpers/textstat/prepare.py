"""Preparing a tokens table for counting: attributes joined on, and the mask of content tokens.

:func:`annotate` adds paragraph or document columns (``section``, ``year`` …) that
the ``by`` option of the other functions can group by; :func:`select` is the
one definition of the tokens every count uses.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._common import _select, _words


def annotate(tokens: pd.DataFrame, corpus, columns: Sequence[str]) -> pd.DataFrame:
    """``tokens`` with paragraph or document columns of ``corpus`` joined on (``section``, ``year`` …).

    Returns the columns of ``tokens`` followed by ``columns`` (paragraph columns first, then document columns).
    """
    from . import engine

    if engine.is_dataset(tokens):  # a tokens dataset on disk: the columns are joined when counted
        return engine.as_dataset(tokens).annotate(columns)
    out = tokens
    para_cols = [c for c in columns if c in corpus.paragraphs.columns and c not in ("doc_id", "para_no")]
    doc_cols = [c for c in columns if c not in para_cols and c in corpus.documents.columns and c != "doc_id"]
    unknown = set(columns) - set(para_cols) - set(doc_cols)
    if unknown:
        raise KeyError(f"no paragraph or document column named {', '.join(sorted(unknown))}")
    if para_cols:
        out = out.merge(corpus.paragraphs[["doc_id", "para_no", *para_cols]], on=["doc_id", "para_no"], how="left")
    if doc_cols:
        out = out.merge(corpus.documents[["doc_id", *doc_cols]], on="doc_id", how="left")
    return out


def select(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
           min_length: int = 1) -> np.ndarray:
    """Boolean mask of the content tokens every count here uses: words (not punctuation, symbols or
    digits), without stopwords (``is_stop``) if ``stopwords``, with one of the ``pos`` tags if given, of at
    least ``min_length`` characters.  Returns a boolean array with one entry per row of ``tokens``."""
    return _select(tokens, stopwords=stopwords, pos=pos, min_length=min_length) & _words(tokens)
