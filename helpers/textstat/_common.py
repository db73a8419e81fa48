"""Shared private steps of the textstat modules: group keys, word runs, G², string columns built from codes.

Nothing here is public; each function is used by two or more modules of the package.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from ..engine import word_mask


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _runs(tokens: pd.DataFrame, *, stopwords: bool) -> pd.DataFrame:
    """Word tokens with a ``run`` id: consecutive word tokens of one sentence, broken at punctuation."""
    words = word_mask(tokens)
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


def _strings_at(values: Sequence[str], codes: np.ndarray) -> pd.Series:
    """The strings ``values[codes]`` as pandas' string column, built in Arrow: a table of millions of rows naming
    a few thousand documents (``astype("str")`` of a categorical, or an object array, goes through a Python object
    per row: 912 MB at its peak for 5.6 M rows, against 91 MB)."""
    arrow = pa.DictionaryArray.from_arrays(pa.array(np.asarray(codes, dtype=np.int32)),
                                           pa.array(list(values), type=pa.string()))
    strings = pd.StringDtype("pyarrow", na_value=np.nan)
    return pd.Series(arrow.cast(pa.large_string()).to_pandas(types_mapper={pa.large_string(): strings}.get))
