"""Similarity: cosine similarity of TF-IDF vectors, one vector per group."""

from __future__ import annotations

import pandas as pd

from ._common import _words


def similarity(tokens: pd.DataFrame, *, by: str = "doc_id", stopwords: bool = True) -> pd.DataFrame:
    """Cosine similarity of TF-IDF vectors of our tokens, one vector per value of ``by``.

    TF-IDF is scikit-learn's (smooth idf, l2 norm) over the token lists as
    segmented here (its own tokenizer is not used).  Returns a square
    DataFrame whose index and columns are the values of ``by`` (1.0 on the diagonal).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    keep = _words(tokens) & (~tokens["is_stop"] if stopwords else True)
    part = tokens[keep]
    groups = part.groupby(by, sort=False, observed=True)["token"].agg(list)
    if len(groups) == 0:
        return pd.DataFrame()
    vectorizer = TfidfVectorizer(analyzer=lambda words: words)
    matrix = vectorizer.fit_transform(groups.tolist())
    return pd.DataFrame(cosine_similarity(matrix), index=groups.index, columns=groups.index)
