"""Style: sentence length, directive share, lexical diversity (MATTR) and enumerations per group."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import engine, lexicon
from .works import each_work_once


def mattr(words: Sequence[str], *, window: int = 100) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010): mean TTR over every window of ``window`` words.

    Texts shorter than the window get their plain TTR.  NaN for no words.
    """
    words = list(words)
    if not words:
        return float("nan")
    if len(words) <= window:
        return len(set(words)) / len(words)
    return _window_types(words, window, len(words) - window + 1) / window / (len(words) - window + 1)


def _window_types(words: Sequence[str], window: int, n_windows: int) -> int:
    """The distinct words of each of the first ``n_windows`` windows of ``window`` words, summed (an integer).

    Counted without sliding: word ``i`` is new in window ``s`` (the words ``s … s + window - 1``) when its
    previous occurrence lies before ``s``, so it counts in the windows from ``max(previous + 1, i - window + 1)``
    to ``min(i, n_windows - 1)``; the sum of those runs is the sum over windows, in a few array operations.
    """
    if n_windows <= 0:
        return 0
    n = min(len(words), window + n_windows - 1)  # the words those windows cover
    codes = pd.factorize(pd.Series(list(words[:n]), dtype=object))[0]
    order = np.argsort(codes, kind="stable")  # each word's occurrences, in text order
    previous = np.full(n, -1, dtype=np.int64)
    repeated = codes[order[1:]] == codes[order[:-1]]
    previous[order[1:][repeated]] = order[:-1][repeated]
    at = np.arange(n, dtype=np.int64)
    first = np.maximum(previous + 1, at - window + 1)
    last = np.minimum(at, n_windows - 1)
    return int(np.clip(last - first + 1, 0, None).sum())


class _Mattr:
    """:func:`mattr` of a sequence given in segments (documents in corpus order): the windows inside each
    segment, those across the boundary from the last ``window - 1`` words, summed exactly."""

    def __init__(self, window: int) -> None:
        self.window, self.n, self.total, self.last = window, 0, 0, []

    def add(self, n: int, inside: int, head: list, tail: list) -> None:
        """A segment of ``n`` words: ``inside`` (its own windows' :func:`_window_types`), its first and last
        ``window - 1`` words."""
        w = self.window
        joined = self.last + head
        across = min(len(self.last), len(joined) - w + 1)  # windows starting before the segment, now complete
        self.total += _window_types(joined, w, across) + inside
        self.last = tail if n >= w - 1 else joined[-(w - 1):] if w > 1 else []
        self.n += n

    def value(self) -> float:
        if not self.n:
            return float("nan")
        if self.n < self.window:
            return len(set(self.last)) / self.n
        return self.total / self.window / (self.n - self.window + 1)


def style(corpus, tokens: pd.DataFrame, *, by: str = "doc_id", window: int = 100) -> pd.DataFrame:
    """Style measures per group (``doc_id``, ``section`` or a document column).

    Returns ``[by], n_sentences, n_words, mean_sentence_chars, median_sentence_chars,
    directive_share, mattr, enumerations, enumerations_per_1k``: a sentence is
    directive when one of its tokens is in ``helpers/lexicons/directives.txt``
    (要, 必须, 坚持, 加快 …); ``mattr`` is :func:`mattr` over word tokens with
    ``window``; ``enumerations`` counts the lists found by ``corpus.load``
    (``一是…二是…``), per 1,000 characters in ``enumerations_per_1k``.  The sentence measures are summed by
    SQL; MATTR is computed from each document's words chunk by chunk and joined across documents.  Grouped by
    anything but ``doc_id``, each work counts once: a later edition is left out
    (:func:`helpers.textstat.works.each_work_once`).
    """
    source = engine.wrap(tokens, corpus=corpus)
    if by != "doc_id":
        source = each_work_once(source)
    paragraph_level = by in engine.PARAGRAPH_COLUMNS
    group = "s.doc_id" if by == "doc_id" else f"p.{by}" if paragraph_level else f"d.{by}"
    join = "JOIN paragraphs p USING (doc_id, para_no)" if paragraph_level else ""
    # directives are words: sentences flagged by SQL, summed per group
    table = source.query(
        "WITH flagged AS (SELECT DISTINCT t.doc_id, t.sent_no FROM tokens t SEMI JOIN docs d USING (doc_id) "
        "  WHERE t.token IN (SELECT unnest(?::VARCHAR[]))) "
        f"SELECT {group}{'::VARCHAR' if by == 'section' else ''} AS grp, count(*)::BIGINT AS n_sentences, "
        "sum(s.n_chars)::BIGINT AS n_chars, median(s.n_chars) AS median_sentence_chars, "
        "count(f.doc_id)::BIGINT AS n_directive "
        f"FROM sentences s JOIN docs d USING (doc_id) {join} "
        f"LEFT JOIN flagged f USING (doc_id, sent_no) WHERE {group} IS NOT NULL GROUP BY {group}",
        [sorted(lexicon.directives())])
    groups = _typed_groups(source, table["grp"], by)
    out = pd.DataFrame({"n_sentences": table["n_sentences"].to_numpy(), "n_chars": table["n_chars"].to_numpy(),
                        "mean_sentence_chars": table["n_chars"].to_numpy() / table["n_sentences"].to_numpy(),
                        "median_sentence_chars": table["median_sentence_chars"].astype(float).to_numpy(),
                        "directive_share": table["n_directive"].to_numpy() / table["n_sentences"].to_numpy()},
                       index=groups).sort_index()
    segments: dict = {}  # (doc_id, group) -> (n, windows inside, first and last window - 1 words)
    for chunk in source.chunks("tokens", ["doc_id", "para_no", "token"], annotate=[] if by == "doc_id" else [by]):
        chunk = chunk[engine.word_mask(chunk)]
        tokens_of_chunk = chunk["token"].to_numpy(dtype=object)
        # row numbers of each (document, group), in text order: no sub-table built per group
        for (doc_id, value), rows in chunk.groupby(["doc_id", by], observed=True, sort=False).indices.items():
            words = tokens_of_chunk[rows].tolist()
            n = len(words)
            segments[(doc_id, value)] = (n, _window_types(words, window, n - window + 1), words[:window - 1],
                                         words[-(window - 1):] if window > 1 else [])
    rank = {doc_id: i for i, doc_id in enumerate(source.documents["doc_id"])}
    mattrs: dict = {}
    for doc_id, value in sorted(segments, key=lambda k: rank[k[0]]):
        mattrs.setdefault(value, _Mattr(window)).add(*segments[(doc_id, value)])
    n_words = pd.Series({v: m.n for v, m in mattrs.items()}, dtype="int64")
    out["n_words"] = n_words.reindex(out.index) if len(n_words) else pd.Series(dtype="int64")
    out["mattr"] = pd.Series({v: m.value() for v, m in mattrs.items()}, dtype=float).reindex(out.index)
    # lists are numbered through their document (a bullet list runs over several paragraphs): one list is one
    # (doc_id, list_no), placed in the paragraph of its first item
    lists = source.table("list_items", ["doc_id", "para_no", "list_no"]).sort_values(
        ["doc_id", "list_no", "para_no"], kind="stable").drop_duplicates(["doc_id", "list_no"])
    if by != "doc_id":
        lists = (lists.merge(source.table("paragraphs", ["doc_id", "para_no", by]), on=["doc_id", "para_no"],
                             how="left") if paragraph_level else
                 lists.merge(source.documents[["doc_id", by]], on="doc_id", how="left"))
    out["enumerations"] = lists.groupby(by, observed=True).size()
    out["enumerations"] = out["enumerations"].fillna(0).astype(int)
    out["enumerations_per_1k"] = out["enumerations"] / out["n_chars"] * 1000
    return out[_COLUMNS].rename_axis(by).reset_index()


_COLUMNS = ["n_sentences", "n_words", "mean_sentence_chars", "median_sentence_chars", "directive_share", "mattr",
            "enumerations", "enumerations_per_1k"]


def _typed_groups(data, values: pd.Series, by: str) -> pd.Index:
    """Group values with the dtype of the in-memory tables (section ordered, year Int64 …)."""
    if by == "section":
        return pd.CategoricalIndex(values, categories=data.sections(), ordered=True, name=by)
    if by != "doc_id" and by in data.documents:
        return pd.Index(values.astype(data.documents[by].dtype), name=by)
    return pd.Index(values.astype(object), name=by)
