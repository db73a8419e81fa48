"""Similarity: cosine similarity of TF-IDF vectors, one vector per group."""

from __future__ import annotations

import pandas as pd

from ._common import _words


def similarity(tokens: pd.DataFrame, *, by: str = "doc_id", stopwords: bool = True) -> pd.DataFrame:
    """Cosine similarity of TF-IDF vectors of our tokens, one vector per value of ``by``.

    TF-IDF is scikit-learn's (smooth idf, l2 norm) over the token lists as
    segmented here (its own tokenizer is not used).  Returns a square
    DataFrame whose index and columns are the values of ``by`` (1.0 on the diagonal).  On a tokens dataset
    the counts per group and term come from :func:`~helpers.textstat.frequency` (the same matrix, the same
    result); the groups should then be few (years, genres, a few hundred documents at most).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from . import engine

    if engine.is_dataset(tokens):
        return _similarity_of_dataset(engine.as_dataset(tokens), by=by, stopwords=stopwords)
    keep = _words(tokens) & (~tokens["is_stop"] if stopwords else True)
    part = tokens[keep]
    groups = part.groupby(by, sort=False, observed=True)["token"].agg(list)
    if len(groups) == 0:
        return pd.DataFrame()
    vectorizer = TfidfVectorizer(analyzer=lambda words: words)
    matrix = vectorizer.fit_transform(groups.tolist())
    return pd.DataFrame(cosine_similarity(matrix), index=groups.index, columns=groups.index)


def _similarity_of_dataset(data, *, by: str, stopwords: bool) -> pd.DataFrame:
    """:func:`similarity` of a tokens dataset: the term counts per group, as scikit-learn's vectorizer counts."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics.pairwise import cosine_similarity

    from ._chunks import PARAGRAPH_COLUMNS
    from .frequency import frequency

    table = frequency(data if by == "doc_id" else data.annotate([by]), by=by, stopwords=stopwords)
    table = table[table[by].notna()]
    if table.empty:
        return pd.DataFrame()
    present = set(table[by])
    if by in PARAGRAPH_COLUMNS:  # groups in the order they first occur, as groupby(sort=False)
        order = data.table("paragraphs", ["doc_id", "para_no", by])[by]
    else:
        order = data.documents[by]
    groups = pd.Index([g for g in dict.fromkeys(order.dropna()) if g in present], name=by)
    terms = sorted(set(table["term"]))
    row = {g: i for i, g in enumerate(groups)}
    column = {t: i for i, t in enumerate(terms)}
    counts = csr_matrix((table["count"].to_numpy(np.int64), (table[by].map(row).to_numpy(),
                                                            table["term"].map(column).to_numpy())),
                        shape=(len(groups), len(terms)), dtype=np.int64)
    counts.sort_indices()
    matrix = TfidfTransformer().fit_transform(counts)
    return pd.DataFrame(cosine_similarity(matrix), index=groups, columns=groups)
