"""Similarity: cosine similarity of TF-IDF vectors, one vector per group."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from .. import engine
from .works import each_work_once


def similarity(tokens: pd.DataFrame, *, by: str = "doc_id", stopwords: bool = True, corpus=None) -> pd.DataFrame:
    """Cosine similarity of TF-IDF vectors of our tokens, one vector per value of ``by``.

    TF-IDF is scikit-learn's ``TfidfTransformer`` (smooth idf, l2 norm) over the counts per group and term of
    the engine's term counts (word tokens as segmented here), the same matrix as ``TfidfVectorizer``
    builds from the token lists.  Returns a square DataFrame whose index and columns are the values of ``by``
    in the order they first occur (1.0 on the diagonal); the groups should be few (years, genres, a few hundred
    documents at most).  Grouped by anything but ``doc_id``, each work counts once: a later edition is left out
    (:func:`helpers.textstat.works.each_work_once`); a tokens DataFrame tells its editions when given with its
    ``corpus`` (a tokens dataset knows them).
    """
    source = engine.wrap(tokens, corpus=corpus)
    if by not in source.columns:
        source = engine.wrap(source.annotate(corpus, [by]), corpus=corpus)
    if by != "doc_id":
        source = each_work_once(source)
    table = source.term_counts([by], stopwords=stopwords, pos=None, min_length=1)
    table = table[table[by].notna()]
    if table.empty:
        return pd.DataFrame()
    present = set(table[by])
    groups = pd.Index([g for g in source.first_seen(by) if g in present], name=by)
    rows = groups.get_indexer(table[by])
    columns, terms = pd.factorize(table["term"], sort=True)
    counts = csr_matrix((table["count"].to_numpy(np.int64), (rows, columns)), shape=(len(groups), len(terms)),
                        dtype=np.int64)
    counts.sort_indices()
    from sklearn.feature_extraction.text import TfidfTransformer  # about 0.7 s to import: only when used
    from sklearn.metrics.pairwise import cosine_similarity

    matrix = TfidfTransformer().fit_transform(counts)
    return pd.DataFrame(cosine_similarity(matrix), index=groups, columns=groups)
