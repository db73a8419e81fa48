"""Preparing a tokens table for counting: attributes joined on, and the mask of content tokens.

:func:`annotate` adds paragraph or document columns (``section``, ``year`` …) that
the ``by`` option of the other functions can group by; :func:`select` is the
one definition of the tokens every count uses.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import engine


def annotate(tokens: pd.DataFrame, corpus, columns: Sequence[str]) -> pd.DataFrame:
    """``tokens`` with paragraph or document columns of ``corpus`` joined on (``section``, ``year`` …).

    Returns the columns of ``tokens`` followed by ``columns`` (paragraph columns first, then document columns);
    a tokens dataset comes back as a dataset that joins them when it counts.
    """
    return engine.wrap(tokens).annotate(corpus, columns)


def select(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
           min_length: int = 1) -> np.ndarray:
    """Boolean mask of the content tokens every count here uses: words (not punctuation, symbols or
    digits), without stopwords (``is_stop``) if ``stopwords``, with one of the ``pos`` tags if given, of at
    least ``min_length`` characters.  Returns a boolean array with one entry per row of ``tokens``."""
    return engine.content_mask(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
