"""Style: sentence length, directive share, lexical diversity (MATTR) and enumerations per group."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._common import _words
from .prepare import annotate


def mattr(words: Sequence[str], *, window: int = 100) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010): mean TTR over every window of ``window`` words.

    Texts shorter than the window get their plain TTR.  NaN for no words.
    """
    words = list(words)
    if not words:
        return float("nan")
    if len(words) <= window:
        return len(set(words)) / len(words)
    seen: dict[str, int] = {}
    for w in words[:window]:
        seen[w] = seen.get(w, 0) + 1
    total = len(seen)
    for i in range(window, len(words)):
        out, new = words[i - window], words[i]
        seen[out] -= 1
        if not seen[out]:
            del seen[out]
        seen[new] = seen.get(new, 0) + 1
        total += len(seen)
    return total / window / (len(words) - window + 1)


def style(corpus, tokens: pd.DataFrame, *, by: str = "doc_id", window: int = 100) -> pd.DataFrame:
    """Style measures per group (``doc_id``, ``section`` or a document column).

    Returns ``[by], n_sentences, n_words, mean_sentence_chars, median_sentence_chars,
    directive_share, mattr, enumerations, enumerations_per_1k``: a sentence is
    directive when one of its tokens is in ``helpers/lexicons/directives.txt``
    (要, 必须, 坚持, 加快 …); ``mattr`` is :func:`mattr` over word tokens with
    ``window``; ``enumerations`` counts the lists found by ``corpus.load``
    (``一是…二是…``), per 1,000 characters in ``enumerations_per_1k``.
    """
    from .. import lexicon

    directives = lexicon.directives()
    sentences = corpus.sentences
    words = tokens[_words(tokens)]
    lists = corpus.list_items.drop_duplicates(["doc_id", "para_no", "list_no"])
    if by != "doc_id":
        sentences, words, lists = (table if by in table.columns else annotate(table, corpus, [by])
                                   for table in (sentences, words, lists))
    flagged = words[words["token"].isin(directives)][["doc_id", "sent_no"]].drop_duplicates().assign(directive=True)
    sentences = sentences.merge(flagged, on=["doc_id", "sent_no"], how="left")
    sentences["directive"] = sentences["directive"].astype("boolean").fillna(False).astype(bool)
    grouped = sentences.groupby(by, observed=True, sort=True)
    out = grouped.agg(n_sentences=("sent_no", "size"), n_chars=("n_chars", "sum"),
                      mean_sentence_chars=("n_chars", "mean"), median_sentence_chars=("n_chars", "median"),
                      directive_share=("directive", "mean"))
    out["n_words"] = words.groupby(by, observed=True).size()
    out["mattr"] = words.groupby(by, observed=True)["token"].agg(lambda s: mattr(s.tolist(), window=window))
    out["enumerations"] = lists.groupby(by, observed=True).size()
    out["enumerations"] = out["enumerations"].fillna(0).astype(int)
    out["enumerations_per_1k"] = out["enumerations"] / out["n_chars"] * 1000
    columns = ["n_sentences", "n_words", "mean_sentence_chars", "median_sentence_chars", "directive_share", "mattr",
               "enumerations", "enumerations_per_1k"]
    return out[columns].reset_index()
