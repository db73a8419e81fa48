"""Topics: an NMF topic model of the paragraphs.

:func:`topics` fits NMF on TF-IDF of the paragraphs (fixed ``random_state``)
and returns the top words per topic and the topic weights of every paragraph.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import config
from ._content import _candidates, _identity
from .boilerplate import boilerplate

__all__ = ["topics"]


def topics(
    tokens: pd.DataFrame,
    *,
    n_topics: int = 5,
    top_n: int = 10,
    random_state: int = config.RANDOM_STATE,
    stopwords: bool = True,
    pos: Sequence[str] | None = None,
    min_length: int = 2,
    min_docfreq: int = 2,
    drop_boilerplate: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An NMF topic model of the paragraphs; returns ``(top_words, weights)``.

    Where the paragraphs cannot support ``n_topics`` topics (fewer paragraphs
    or shared terms than topics), no model is fitted: both tables come back
    empty, with their columns, and a :class:`UserWarning` says why.

    Each paragraph is a document of its content tokens (as in
    :func:`cooccurrence`); terms in fewer than ``min_docfreq`` paragraphs are
    left out, and so, with ``drop_boilerplate`` (default), are the words of
    procedural sentences that recur across documents (:func:`boilerplate`:
    ``各位代表``, ``请予审议``), which would otherwise make topics of their own.
    scikit-learn's ``NMF`` (``init="nndsvda"``, ``random_state``)
    factorises the TF-IDF matrix into paragraph × topic and topic × term
    weights.  Topics are numbered by their total weight over the paragraphs
    (1 = most prevalent).

    ``top_words``: ``topic, label, rank, term, weight``, the ``top_n`` terms of
    each topic with ``weight`` in percent of the topic's total term weight;
    ``label`` is ``T1 科技·创新·人才`` (number and top three terms).

    ``weights``: ``doc_id, para_no, [section], topic, label, weight, share``,
    one row per paragraph and topic in text order (``section`` if the tokens
    carry it); ``share`` is the paragraph's weight on the topic divided by its
    total (0 for a paragraph without any retained term).
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    keep = _candidates(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
    if drop_boilerplate:
        procedural = boilerplate(tokens)
        if len(procedural):
            sentences = pd.MultiIndex.from_frame(tokens[["doc_id", "sent_no"]])
            keep &= ~sentences.isin(pd.MultiIndex.from_frame(procedural[["doc_id", "sent_no"]]))
    extra = ["section"] if "section" in tokens.columns else []
    paragraphs = tokens.drop_duplicates(["doc_id", "para_no"])[["doc_id", "para_no", *extra]].reset_index(drop=True)
    chosen = tokens[keep].groupby(["doc_id", "para_no"], sort=False)["token"].agg(list)
    documents = [chosen.get(key, []) for key in zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True)]
    vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False, token_pattern=None, min_df=min_docfreq)
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:
        return _no_model(f"no content word occurs in {min_docfreq} paragraphs or more", extra)
    if n_topics > min(matrix.shape):
        return _no_model(f"n_topics={n_topics} is more than the {matrix.shape[0]} paragraphs and "
                         f"{matrix.shape[1]} terms (in {min_docfreq} paragraphs or more) allow", extra)
    model = NMF(n_components=n_topics, init="nndsvda", random_state=random_state, max_iter=2000)
    doc_topic = model.fit_transform(matrix)
    topic_term = model.components_
    order = sorted(range(n_topics), key=lambda k: (-doc_topic[:, k].sum(), k))
    doc_topic, topic_term = doc_topic[:, order], topic_term[order]
    vocabulary = vectorizer.get_feature_names_out()
    word_rows, labels = [], []
    for k, row in enumerate(topic_term, start=1):
        total = row.sum() or 1.0
        best = sorted(np.flatnonzero(row), key=lambda i: (-row[i], vocabulary[i]))[:top_n]
        label = f"T{k} " + "·".join(vocabulary[i] for i in best[:3])
        labels.append(label)
        word_rows += [(k, label, rank, vocabulary[i], float(row[i] / total * 100))
                      for rank, i in enumerate(best, start=1)]
    top_words = pd.DataFrame(word_rows, columns=["topic", "label", "rank", "term", "weight"])
    totals = doc_topic.sum(axis=1, keepdims=True)
    shares = np.divide(doc_topic, totals, out=np.zeros_like(doc_topic), where=totals > 0)
    weights = paragraphs.loc[paragraphs.index.repeat(n_topics)].reset_index(drop=True)
    weights["topic"] = np.tile(np.arange(1, n_topics + 1), len(paragraphs))
    weights["label"] = np.tile(np.asarray(labels, dtype=object), len(paragraphs))
    weights["weight"] = doc_topic.ravel()
    weights["share"] = shares.ravel()
    return top_words, weights[["doc_id", "para_no", *extra, "topic", "label", "weight", "share"]]


def _no_model(reason: str, extra: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Empty ``(top_words, weights)`` tables, with a warning that says why no topic model was fitted."""
    warnings.warn(f"no topic model fitted: {reason}", UserWarning, stacklevel=3)
    top_words = pd.DataFrame({"topic": pd.Series(dtype=int), "label": pd.Series(dtype=object),
                              "rank": pd.Series(dtype=int), "term": pd.Series(dtype=object),
                              "weight": pd.Series(dtype=float)})
    weights = pd.DataFrame({"doc_id": pd.Series(dtype=object), "para_no": pd.Series(dtype=int),
                            **{column: pd.Series(dtype=object) for column in extra},
                            "topic": pd.Series(dtype=int), "label": pd.Series(dtype=object),
                            "weight": pd.Series(dtype=float), "share": pd.Series(dtype=float)})
    return top_words, weights
