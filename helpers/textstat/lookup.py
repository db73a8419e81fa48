"""Dictionary lookup: how often each category of a dictionary is used, per document or group, per 10,000 words.

A dictionary is a table ``category, term`` (:func:`helpers.dictionary.read` reads YAML, LIWC and CSV files,
the theme codebook among them).  Terms are counted as the user means them, by the two counts every verb uses
(:mod:`helpers.textstat.frequency`, :func:`helpers.textstat.trends.term_trends`): a term the segmenter keeps as
one token somewhere in the corpus is counted as whole tokens (:meth:`~helpers.engine.Source.term_counts`,
``counted_as="token"``); a term it never keeps whole (国家安全 is 国家 + 安全) is counted in the cleaned text
(:meth:`~helpers.engine.Source.text_counts`, ``counted_as="text"``).  A multi-word entry (``国家 安全``) is
its words joined (``国家安全``), as Chinese is written; a glob entry ``经济*`` stands for every token type that
starts with ``经济`` (``*`` only at the end; counted as tokens).

Nested occurrences count once (the rule of :func:`helpers.themes.scoring.matches`, in counts): within one
category, a term inside a longer term of the same category (科技强国 in 世界科技强国) keeps only the occurrences
outside it.  The terms are taken longest first; each keeps its count less, for every longer term containing it,
that term's kept count times the times it contains the shorter one, never below 0.  The one exception: a token
count never includes a longer token, so a token term is not reduced by a longer term also counted as tokens.
Terms that merely overlap (国家安全 and 安全体系 in 国家安全体系) are both counted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import engine
from ..corpus.model import Corpus
from ..errors import ParameterError
from ..tokens.segmentation import segment
from ..validate import check_columns
from .works import each_work_once

__all__ = ["lookup", "lookup_terms"]


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    return [] if by is None else [by] if isinstance(by, str) else list(by)


def _source(tokens, corpus, keys: list[str]) -> engine.Source:
    """The source counted: ``tokens`` wrapped (a :class:`~helpers.corpus.Corpus` segmented first, default
    options, cached), without later editions unless ``keys`` hold ``doc_id``."""
    if isinstance(tokens, Corpus):
        tokens, corpus = segment(tokens.paragraphs), tokens
    source = engine.wrap(tokens, corpus=corpus)
    return source if "doc_id" in keys else each_work_once(source)


def _strings(dictionary: pd.DataFrame, types: pd.Index | None) -> list[tuple[str, str]]:
    """``(category, string)`` pairs: multi-word entries joined, globs expanded to the token ``types``."""
    pairs = []
    for category, term in zip(dictionary["category"].astype(str), dictionary["term"].astype(str), strict=True):
        string = "".join(term.split())
        if "*" in string[:-1] or "?" in string:
            raise ParameterError(f"dictionary: the entry {term!r} of {category!r} has a wildcard that is not a "
                                 f"final '*'; only prefix globs ('经济*') are counted: rewrite the entry")
        if string.endswith("*"):
            prefix = string[:-1]
            if not prefix:
                raise ParameterError(f"dictionary: the entry {term!r} of {category!r} matches every word")
            assert types is not None
            pairs.extend((category, t) for t in types[types.str.startswith(prefix)])
        elif string:
            pairs.append((category, string))
    return list(dict.fromkeys(pairs))


def _kept(counts: pd.DataFrame, strings: list[str], as_token: set[str]) -> pd.DataFrame:
    """Each string's occurrences outside a longer string of the same category (the module's rule); ``counts``
    has one column per string."""
    kept = {}
    for string in sorted(strings, key=len, reverse=True):
        value = counts[string].to_numpy(dtype=np.int64).copy()
        for longer, k in kept.items():
            if len(longer) > len(string) and string in longer and not (string in as_token and longer in as_token):
                value -= k * longer.count(string)
        kept[string] = np.maximum(value, 0)
    return pd.DataFrame(kept, index=counts.index)[strings] if strings else pd.DataFrame(index=counts.index)


def lookup_terms(tokens: pd.DataFrame, dictionary: pd.DataFrame, *, by: str | Sequence[str] | None = "doc_id",
                 corpus=None) -> pd.DataFrame:
    """The terms behind :func:`lookup`: ``[by…], category, term, count, counted_as`` with ``term`` the string
    counted (a multi-word entry joined, a glob expanded to its token types) and ``count`` its occurrences
    outside longer terms of its category (so a category's counts sum to :func:`lookup`'s); rows with a count
    above 0 only, sorted by group, category (dictionary order), count (largest first), term."""
    check_columns("dictionary", dictionary, ["category", "term"])
    keys = _as_list(by)
    source = _source(tokens, corpus, keys)
    globbed = dictionary["term"].astype(str).str.strip().str.endswith("*").any()
    types = source.counts(stopwords=False, pos=None, min_length=1, min_count=1).index if globbed else None
    pairs = _strings(dictionary, types)
    groups = source.word_counts(keys)[keys]
    wanted = list(dict.fromkeys(s for _, s in pairs))
    as_tokens = source.term_counts(keys, stopwords=False, pos=None, min_length=1, terms=wanted) if wanted else None
    whole = set() if as_tokens is None else set(as_tokens.loc[as_tokens["count"] > 0, "term"])
    in_text = [s for s in wanted if s not in whole]
    parts = [p[[*keys, "term", "count"]] for p in (as_tokens, source.text_counts(in_text, keys) if in_text else None)
             if p is not None and len(p)]
    found = (pd.concat(parts, ignore_index=True) if parts
             else pd.DataFrame({**{k: groups[k].iloc[:0] for k in keys}, "term": [], "count": []}))
    if keys:
        wide = found.pivot_table(index=keys, columns="term", values="count", aggfunc="sum", fill_value=0,
                                 observed=True)
        wide = wide.reindex(pd.MultiIndex.from_frame(groups) if len(keys) > 1 else pd.Index(groups[keys[0]]),
                            fill_value=0)
    else:
        wide = found.groupby("term")["count"].sum().to_frame().T.reset_index(drop=True)
    wide = wide.reindex(columns=wanted, fill_value=0)
    order = list(dict.fromkeys(dictionary["category"].astype(str)))
    rows = []
    for category in order:
        strings = [s for c, s in pairs if c == category]
        kept = _kept(wide, strings, whole)
        long = kept.stack().rename("count").reset_index() if strings else None
        if long is not None and len(long):
            long.columns = [*(keys or ["_group"]), "term", "count"]
            rows.append(long.assign(category=category))
    columns = [*keys, "category", "term", "count", "counted_as"]
    if not rows:
        return pd.DataFrame(columns=columns)
    out = pd.concat(rows, ignore_index=True)
    out = out[out["count"] > 0].copy()
    out["counted_as"] = np.where(out["term"].isin(whole), "token", "text")
    out["_rank"] = out["category"].map({c: i for i, c in enumerate(order)})
    out = out.sort_values([*keys, "_rank", "count", "term"], ascending=[True] * (len(keys) + 1) + [False, True])
    return out[columns].astype({"count": np.int64}).reset_index(drop=True)


def lookup(tokens: pd.DataFrame, dictionary: pd.DataFrame, *, by: str | Sequence[str] | None = "doc_id",
           corpus=None) -> pd.DataFrame:
    """How often each category of ``dictionary`` (a table ``category, term``) occurs per group of ``by``.

    Returns ``[by…], category, count, n_words, per_10k``: one row per group and category (zeros included), in
    the groups' order and the dictionary's category order; ``count`` holds the occurrences of the category's terms
    (counted as the module says: tokens or text, nested occurrences once), ``n_words`` the group's word tokens
    (all but punctuation, symbols and digits, as :func:`helpers.textstat.frequency`), ``per_10k`` the count per
    10,000 of them.  ``tokens`` is a tokens table, a tokens dataset or a corpus (in memory or on disk: segmented
    with the default options, cached); unless
    ``by`` holds ``doc_id``, each work counts once (:func:`helpers.textstat.works.each_work_once`; a tokens
    DataFrame tells its editions when given with its ``corpus``).
    """
    keys = _as_list(by)
    source = _source(tokens, corpus, keys)
    terms = lookup_terms(source, dictionary, by=keys)
    sizes = source.word_counts(keys).rename(columns={"total": "n_words"})
    order = list(dict.fromkeys(dictionary["category"].astype(str)))
    grid = sizes.merge(pd.DataFrame({"category": order}), how="cross")
    sums = terms.groupby([*keys, "category"], observed=True, sort=False)["count"].sum().reset_index()
    out = grid.merge(sums, on=[*keys, "category"], how="left") if len(sums) else grid.assign(count=0)
    out["count"] = out["count"].fillna(0).astype(np.int64)
    out["per_10k"] = np.where(out["n_words"] > 0, out["count"] / out["n_words"].where(out["n_words"] > 0, 1) * 10_000,
                              np.nan)
    return out[[*keys, "category", "count", "n_words", "per_10k"]]
