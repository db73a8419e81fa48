"""Dictionary coverage: how often each policy-dictionary term came out whole as a token."""

from __future__ import annotations

import pandas as pd

from .. import lexicon
from .dataset import TokenDataset

__all__ = ["dictionary_coverage"]


def dictionary_coverage(tokens: pd.DataFrame, terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each policy-dictionary term came out as a token: ``term, tag, count``, most frequent first.

    Terms with count 0 do not occur (or only inside a longer term): a quick check after editing the dictionary.
    """
    terms = lexicon.policy_terms() if terms is None else terms
    if isinstance(tokens, TokenDataset):  # a tokens dataset on disk: only the terms are counted, by DuckDB
        found = tokens.query("SELECT t.token, count(*)::BIGINT AS n FROM tokens t JOIN docs d USING (doc_id) "
                             "WHERE t.token IN (SELECT unnest(?::VARCHAR[])) GROUP BY t.token",
                             [terms["term"].tolist()])
        counts = found.set_index("token")["n"]
    else:
        counts = tokens["token"].value_counts()
    out = terms[["term", "tag"]].assign(count=terms["term"].map(counts).fillna(0).astype(int))
    return out.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)
