"""Procedural boilerplate: sentences that recur, word for word, across many documents.

Every government work report opens with ``各位代表：`` and ``现在，我代表国务院，
向大会报告政府工作，请予审议，并请全国政协委员提出意见。``  Such sentences are
procedure, not content; in a topic model they form topics of their own
(``代表``, ``请予审议``).  :func:`boilerplate` finds them: a sentence is
boilerplate when the same set of content words (numbers aside) makes a
sentence in at least ``min_documents`` documents and in at least
``min_share`` of all documents.  A corpus of fewer documents has none.
"""

from __future__ import annotations

import pandas as pd

from ._content import _candidates

__all__ = ["boilerplate"]


def boilerplate(tokens: pd.DataFrame, *, min_documents: int = 3, min_share: float = 0.2) -> pd.DataFrame:
    """The sentences that recur across documents: ``doc_id, sent_no, words, n_documents``.

    ``words`` is the sentence's set of content words (two characters or more,
    not stopwords, not punctuation or digits) joined by ``·`` in sorted order;
    ``n_documents`` the number of documents with a sentence of the same words.
    Sorted by ``n_documents`` (most first), then document and sentence.
    """
    columns = ["doc_id", "sent_no", "words", "n_documents"]
    n_docs = tokens["doc_id"].nunique()
    if n_docs < min_documents:
        return pd.DataFrame(columns=columns)
    content = tokens[_candidates(tokens, stopwords=True, pos=None, min_length=2)]
    words = (content.groupby(["doc_id", "sent_no"], sort=False)["token"]
             .agg(lambda t: "·".join(sorted(set(t)))).rename("words").reset_index())
    words = words[words["words"] != ""]
    spread = words.groupby("words")["doc_id"].nunique().rename("n_documents")
    words = words.merge(spread, left_on="words", right_index=True)
    found = words[(words["n_documents"] >= min_documents) & (words["n_documents"] >= min_share * n_docs)]
    found = found.sort_values(["n_documents", "doc_id", "sent_no"], ascending=[False, True, True])
    return found[columns].reset_index(drop=True)
