"""Keywords of each section (or any grouping) by TF-IDF and by TextRank, side by side.

:func:`keywords` ranks the words of each group by TF-IDF (scikit-learn on our
tokens, not its own tokenizer) and by TextRank (``jieba.analyse.TextRank`` fed
by our tokenizer, dictionary, tags and stopwords).  Nothing touches jieba's
global tokenizer.  Both need every token of a group at once: a tokens dataset is read into memory
(:func:`in_memory`), so give it a few documents (``data.subset(doc_id=[...])``) or a sample.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import engine
from ..tokens.tokenizer import tokenizer
from ..validate import check_column, check_int, check_nonempty
from ._content import _candidates, _identity

__all__ = ["KEYWORD_POS", "MAX_TOKENS", "in_memory", "keywords"]

# Content words for keywords: nouns (also proper, place and organisation names), verbal nouns, verbs,
# idioms and abbreviations; nz is the tag of the policy dictionary's terms (新质生产力 …).
KEYWORD_POS = ("n", "nz", "nt", "ns", "vn", "v", "l", "j")
_KEYWORD_COLUMNS = ["tfidf_term", "tfidf", "textrank_term", "textrank"]
MAX_TOKENS = 5_000_000  # a tokens dataset read into memory: about the tokens of a 5 M-character sample


def in_memory(data, *, max_tokens: int = MAX_TOKENS) -> pd.DataFrame:
    """The tokens table of a (small) tokens dataset, with its annotated columns, as ``textstat.annotate``
    gives them for the corpus in memory (paragraph columns, then document columns).

    Raises ValueError beyond ``max_tokens`` tokens: select a few documents or a sample first.
    """
    check_int("max_tokens", max_tokens, min_value=1)
    return engine.wrap(data).tokens_in_memory(max_tokens=max_tokens)


def _keys(tokens: pd.DataFrame, by: str | Sequence[str] | None) -> list[str]:
    keys = [by] if isinstance(by, str) else list(by or [])
    check_nonempty("by", keys)
    for key in keys:
        check_column("by", key, tokens, what="the tokens table has no column",
                     hint=f"add it with textstat.annotate(tokens, corpus, {[k for k in keys if k not in tokens]!r})")
    return keys


def _group_texts(tokens: pd.DataFrame, group: pd.Series) -> pd.Series:
    """The text of each group rebuilt from its tokens' offsets: whitespace between tokens as spaces,
    paragraphs joined by a line break.  Indexed by group number."""
    runs = [group, tokens["doc_id"], tokens["para_no"]]
    previous = tokens.groupby(runs, sort=False)["end"].shift()
    gap = (tokens["start"] - previous).fillna(0).clip(lower=0).astype(int)
    pieces = gap.map(lambda n: " " * n) + tokens["token"]
    paragraphs = pieces.groupby(runs, sort=False).agg("".join)
    return paragraphs.groupby(level=0, sort=False).agg("\n".join)


class _OurPosTokenizer:
    """A stand-in for ``jieba.posseg.dt`` that segments and tags with our :class:`helpers.tokens.Tokenizer`.

    ``jieba.analyse.TextRank`` only calls ``cut(text)`` and reads ``word`` and
    ``flag`` of each pair, so it sees our tokens and tags and nothing of jieba's
    global tokenizer.
    """

    def __init__(self, tokenizer) -> None:
        self._tokenizer = tokenizer

    def cut(self, text: str):
        from jieba.posseg import pair

        words = self._tokenizer.cut(text)
        distinct = list(dict.fromkeys(w for w in words if w.strip()))
        tags = dict(zip(distinct, self._tokenizer.tags(distinct), strict=True))
        for word in words:
            yield pair(word, tags.get(word, "x"))


def _textrank(stop_words: set[str], span: int):
    """A TextRank extractor of our own (never jieba's module-level one) with our tokenizer and stopwords."""
    import warnings

    with warnings.catch_warnings():  # jieba.analyse opens its IDF file at import without closing it
        warnings.simplefilter("ignore", ResourceWarning)
        from jieba.analyse import TextRank

    adapter = _OurPosTokenizer(tokenizer("rjieba"))
    extractor = TextRank()
    extractor.tokenizer = extractor.postokenizer = adapter
    extractor.stop_words = stop_words
    extractor.span = span
    return extractor


def keywords(
    tokens,
    *,
    by: str | Sequence[str] = "section",
    top_n: int = 10,
    stopwords: bool = True,
    pos: Sequence[str] | None = KEYWORD_POS,
    min_length: int = 2,
    span: int = 5,
) -> pd.DataFrame:
    """Keywords of each group by TF-IDF and by TextRank, side by side.

    Returns ``[by…], rank, tfidf_term, tfidf, textrank_term, textrank``:
    ``top_n`` rows per group (fewer if a group has fewer candidates; a missing
    entry is empty), groups in text order.

    Candidates are the same for both methods: tokens of the tokens table
    (so policy terms like 新质生产力 stay whole) that are not punctuation, not
    stopwords (``is_stop``, with ``stopwords=True``), have one of the ``pos``
    tags and at least ``min_length`` characters (TextRank never takes single
    characters).

    * TF-IDF: scikit-learn's ``TfidfVectorizer`` (smooth idf, l2 norm) with
      each group as one document, fed our tokens (no tokenizer of its own):
      a word scores high when it is frequent in the group and rare elsewhere.
      With a single group it reduces to relative frequency.
    * TextRank (Mihalcea & Tarau 2004) as implemented by ``jieba.analyse``:
      PageRank on the graph of candidates co-occurring within ``span`` tokens,
      on the group's text as segmented and tagged by our tokenizer with our
      dictionary; the stopwords are the tokens the table marks ``is_stop``.
      Scores are scaled so the top word of a group has 1.

    ``tokens`` may be a tokens dataset of a few documents (``data.subset(doc_id=[...])``): it is read into
    memory with :func:`in_memory`.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    check_int("top_n", top_n, min_value=1)
    check_int("min_length", min_length, min_value=1)
    check_int("span", span, min_value=2)  # TextRank links a word to the next span - 1 words
    tokens = in_memory(tokens)

    keys = _keys(tokens, by)
    keep = _candidates(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
    group = tokens.groupby(keys, observed=True, sort=False).ngroup()  # numbered in text order
    n_groups = int(group.max()) + 1 if len(group) else 0
    chosen = tokens.loc[keep, "token"].groupby(group[keep]).agg(list)
    documents = [chosen.get(g, []) for g in range(n_groups)]
    ranked_tfidf = []
    if any(documents):
        vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False, token_pattern=None)
        matrix = vectorizer.fit_transform(documents).toarray()
        vocabulary = vectorizer.get_feature_names_out()
        for g, row in enumerate(matrix):
            best = sorted(np.flatnonzero(row), key=lambda i: (-row[i], vocabulary[i]))[:top_n]
            ranked_tfidf += [(g, rank, str(vocabulary[i]), float(row[i])) for rank, i in enumerate(best, start=1)]

    tags = list(pos) if pos is not None else sorted(set(tokens["pos"]))
    extractor = _textrank(set(tokens.loc[~keep & tokens["pos"].isin(tags), "token"]), span)
    ranked_textrank = []
    for g, text in _group_texts(tokens, group).items():
        ranked = extractor.textrank(text, topK=None, withWeight=True, allowPOS=tuple(tags))
        best = sorted(ranked, key=lambda pair: (-pair[1], pair[0]))[:top_n]
        ranked_textrank += [(g, rank, word, float(weight)) for rank, (word, weight) in enumerate(best, start=1)]

    out = pd.DataFrame(ranked_tfidf, columns=["group", "rank", "tfidf_term", "tfidf"]).merge(
        pd.DataFrame(ranked_textrank, columns=["group", "rank", "textrank_term", "textrank"]),
        on=["group", "rank"], how="outer")
    out = out.sort_values(["group", "rank"]).reset_index(drop=True)
    first = group.drop_duplicates()  # the first token of each group carries its group values
    labels = tokens.loc[first.index, keys].set_axis(first.to_numpy()).loc[out["group"]].reset_index(drop=True)
    out = pd.concat([labels, out.drop(columns="group")], axis=1)
    return out[[*keys, "rank", *_KEYWORD_COLUMNS]]
