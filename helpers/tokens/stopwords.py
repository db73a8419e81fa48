"""Stopword marks on a tokens table: words of the chosen lists, and punctuation, symbols and digits by rule."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import pandas as pd

from .. import lexicon

__all__ = ["is_rule_stop", "mark_stopwords"]


@lru_cache(maxsize=1 << 18)  # a pure function of the word, asked for the same vocabulary by every count
def is_rule_stop(word: str) -> bool:
    """Punctuation, symbols, digits, separators and controls are stop tokens by rule."""
    return all(unicodedata.category(ch)[0] in "PSNZC" for ch in word)


def mark_stopwords(tokens: pd.DataFrame, *, stopword_lists: Sequence[str] | None = ("general",)) -> pd.DataFrame:
    """A copy of ``tokens`` with ``is_stop`` recomputed for other stopword lists (same columns).

    ``stopword_lists`` names lists of :data:`helpers.lexicon.STOPWORD_LISTS`
    (``("general",)``, ``("general", "policy")``) or is None for rules only.
    """
    words = lexicon.stopwords(*(stopword_lists or ()))
    uniques = tokens["token"].unique()
    flags = {w: (w in words) or is_rule_stop(w) for w in uniques}
    return tokens.assign(is_stop=tokens["token"].map(flags).astype(bool))
