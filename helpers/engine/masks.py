"""Which tokens count: the one definition of a word token and of the content tokens every count uses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..tokens import is_rule_stop

__all__ = ["content_mask", "factors", "masks", "word_mask"]


def factors(tokens: pd.DataFrame) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """``(codes, terms, words)``: each token's code in ``terms`` and the mask of word tokens (all but
    punctuation, symbols and digits), from one pass over the token column."""
    codes, uniques = pd.factorize(tokens["token"])
    rule = np.fromiter((is_rule_stop(w) for w in uniques), dtype=bool, count=len(uniques))
    return codes, uniques, ~rule[codes]


def masks(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
          min_length: int = 1, factored: tuple | None = None) -> tuple[np.ndarray, pd.Index, np.ndarray, np.ndarray]:
    """``(codes, terms, words, content)`` from one pass over the token column: each token's code in ``terms``,
    the mask of word tokens (all but punctuation, symbols and digits) and the mask of content tokens (words,
    without stopwords (``is_stop``) if ``stopwords``, with one of the ``pos`` tags if given, of at least
    ``min_length`` characters).  ``factored``: :func:`factors` of ``tokens``, when the caller has them."""
    codes, uniques, words = factored if factored is not None else factors(tokens)
    keep = words.copy()
    if stopwords:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    if pos is not None:
        keep &= tokens["pos"].isin(list(pos)).to_numpy(dtype=bool)
    if min_length > 1:
        keep &= np.fromiter(map(len, uniques), dtype=np.int64, count=len(uniques))[codes] >= min_length
    return codes, uniques, words, keep


def word_mask(tokens: pd.DataFrame) -> np.ndarray:
    """Mask of word tokens: everything but punctuation, symbols and digits."""
    return masks(tokens, stopwords=False)[2]


def content_mask(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
                 min_length: int = 1) -> np.ndarray:
    """Mask of the content tokens: words (:func:`word_mask`), without stopwords (``is_stop``) if ``stopwords``,
    with one of the ``pos`` tags if given, of at least ``min_length`` characters."""
    return masks(tokens, stopwords=stopwords, pos=pos, min_length=min_length)[3]
