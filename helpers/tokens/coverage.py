"""Dictionary coverage: how often each policy-dictionary term came out whole as a token."""

from __future__ import annotations

import pandas as pd

from .. import lexicon

__all__ = ["dictionary_coverage"]


def dictionary_coverage(tokens: pd.DataFrame, terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each policy-dictionary term came out as a token: ``term, tag, count``, most frequent first.

    Terms with count 0 do not occur (or only inside a longer term): a quick check after editing the dictionary.
    """
    terms = lexicon.policy_terms() if terms is None else terms
    counts = tokens["token"].value_counts()  # a tokens table, or a dataset (counted by DuckDB)
    out = terms[["term", "tag"]].assign(count=terms["term"].map(counts).fillna(0).astype(int))
    return out.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)
