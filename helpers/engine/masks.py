"""Which tokens count: the one definition of a word token and of the content tokens every count uses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..tokens import is_rule_stop

__all__ = ["content_mask", "word_mask"]


def word_mask(tokens: pd.DataFrame) -> np.ndarray:
    """Mask of word tokens: everything but punctuation, symbols and digits."""
    codes, uniques = pd.factorize(tokens["token"])
    rule = np.fromiter((is_rule_stop(w) for w in uniques), dtype=bool, count=len(uniques))
    return ~rule[codes]


def content_mask(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
                 min_length: int = 1) -> np.ndarray:
    """Mask of the content tokens: words (:func:`word_mask`), without stopwords (``is_stop``) if ``stopwords``,
    with one of the ``pos`` tags if given, of at least ``min_length`` characters."""
    keep = np.ones(len(tokens), dtype=bool)
    if stopwords:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    if pos is not None:
        keep &= tokens["pos"].isin(list(pos)).to_numpy(dtype=bool)
    if min_length > 1:
        codes, uniques = pd.factorize(tokens["token"])
        keep &= np.fromiter(map(len, uniques), dtype=np.int64, count=len(uniques))[codes] >= min_length
    return keep & word_mask(tokens)
