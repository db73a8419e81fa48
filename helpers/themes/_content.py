"""The content tokens shared by keywords, the co-occurrence network and topics (package-private)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .. import textstat


def _identity(tokens: list[str]) -> list[str]:
    """The analyzer handed to scikit-learn: our tokens are already the features."""
    return tokens


def _candidates(tokens: pd.DataFrame, *, stopwords: bool, pos: Sequence[str] | None,
                min_length: int) -> pd.Series:
    """Mask of content tokens (:func:`helpers.textstat.select`) as a Series aligned with ``tokens``."""
    return pd.Series(textstat.select(tokens, stopwords=stopwords, pos=pos, min_length=min_length),
                     index=tokens.index)
