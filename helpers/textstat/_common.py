"""Shared private steps of the textstat modules: which tokens are words, integer counting, word runs, G².

Nothing here is public; each function is used by two or more modules of the package.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..tokens import is_rule_stop


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _select(tokens: pd.DataFrame, *, stopwords: bool, pos: Sequence[str] | None, min_length: int) -> np.ndarray:
    keep = np.ones(len(tokens), dtype=bool)
    if stopwords:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    if pos is not None:
        keep &= tokens["pos"].isin(list(pos)).to_numpy(dtype=bool)
    if min_length > 1:
        codes, uniques = pd.factorize(tokens["token"])
        keep &= np.fromiter(map(len, uniques), dtype=np.int64, count=len(uniques))[codes] >= min_length
    return keep


def _words(tokens: pd.DataFrame) -> np.ndarray:
    """Mask of word tokens: everything but punctuation, symbols and digits."""
    codes, uniques = pd.factorize(tokens["token"])
    rule = np.fromiter((is_rule_stop(w) for w in uniques), dtype=bool, count=len(uniques))
    return ~rule[codes]


def _counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and how often each occurs (np.unique(..., return_counts=True), faster)."""
    codes, uniques = pd.factorize(values, sort=True)
    return np.asarray(uniques), np.bincount(codes, minlength=len(uniques))


def _distinct_per_key(keys: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each distinct key, the number of distinct units it occurs with."""
    span = int(units.max()) + 1 if len(units) else 1
    pairs = pd.unique(keys.astype(np.int64) * span + units)  # hash-based: much faster than np.unique here
    return _counted(pairs // span)


def _runs(tokens: pd.DataFrame, *, stopwords: bool) -> pd.DataFrame:
    """Word tokens with a ``run`` id: consecutive word tokens of one sentence, broken at punctuation."""
    words = _words(tokens)
    new_sentence = (tokens["sent_no"] != tokens["sent_no"].shift()) | (tokens["doc_id"] != tokens["doc_id"].shift())
    breaks = ~words | new_sentence
    out = tokens.assign(run=breaks.cumsum())[words]
    if stopwords:
        out = out.assign(blocked=out["is_stop"])
    else:
        out = out.assign(blocked=False)
    return out


def _g2(o11, o12, o21, o22) -> np.ndarray:
    """Log-likelihood G² = 2 Σ O ln(O/E) over 2×2 tables (terms with O = 0 contribute 0)."""
    observed = np.stack([o11, o12, o21, o22]).astype(float)
    n = observed.sum(axis=0)
    rows = np.stack([o11 + o12, o11 + o12, o21 + o22, o21 + o22])
    cols = np.stack([o11 + o21, o12 + o22, o11 + o21, o12 + o22])
    expected = rows * cols / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * terms.sum(axis=0)
