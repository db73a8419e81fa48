"""Counting and comparing: tables computed from the tokens and paragraphs tables.

Every function takes DataFrames and returns a new DataFrame; nothing is
modified in place.  Options are keyword-only and named alike everywhere:
``min_count``, ``min_length``, ``stopwords`` (drop tokens marked ``is_stop``),
``pos`` (keep these part-of-speech tags), ``groups`` (columns to count within).

Token mode and string mode.  :func:`kwic` and :func:`dispersion` match whole
tokens when given ``tokens=``, and raw strings in the cleaned paragraph text
otherwise (so ``自立自强`` also finds ``高水平科技自立自强``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .tokens import _is_rule_stop

__all__ = ["annotate", "collocations", "dispersion", "frequency", "kwic", "ngrams", "section_bounds"]


def annotate(tokens: pd.DataFrame, corpus, columns: Sequence[str]) -> pd.DataFrame:
    """``tokens`` with paragraph or document columns of ``corpus`` joined on (``section``, ``year`` …)."""
    out = tokens
    para_cols = [c for c in columns if c in corpus.paragraphs.columns and c not in ("doc_id", "para_no")]
    doc_cols = [c for c in columns if c not in para_cols and c in corpus.documents.columns and c != "doc_id"]
    unknown = set(columns) - set(para_cols) - set(doc_cols)
    if unknown:
        raise KeyError(f"no paragraph or document column named {', '.join(sorted(unknown))}")
    if para_cols:
        out = out.merge(corpus.paragraphs[["doc_id", "para_no", *para_cols]], on=["doc_id", "para_no"], how="left")
    if doc_cols:
        out = out.merge(corpus.documents[["doc_id", *doc_cols]], on="doc_id", how="left")
    return out


def _as_list(groups: str | Sequence[str] | None) -> list[str]:
    if groups is None:
        return []
    return [groups] if isinstance(groups, str) else list(groups)


def _select(tokens: pd.DataFrame, *, stopwords: bool, pos: Sequence[str] | None, min_length: int) -> pd.Series:
    keep = pd.Series(True, index=tokens.index)
    if stopwords:
        keep &= ~tokens["is_stop"]
    if pos is not None:
        keep &= tokens["pos"].isin(list(pos))
    if min_length > 1:
        keep &= tokens["token"].str.len() >= min_length
    return keep


def _words(tokens: pd.DataFrame) -> pd.Series:
    """Mask of word tokens: everything but punctuation, symbols and digits."""
    uniques = tokens["token"].unique()
    rule = {w: _is_rule_stop(w) for w in uniques}
    return ~tokens["token"].map(rule).astype(bool)


def frequency(
    tokens: pd.DataFrame,
    *,
    groups: str | Sequence[str] | None = None,
    stopwords: bool = True,
    pos: Sequence[str] | None = None,
    min_length: int = 1,
    min_count: int = 1,
    terms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Term frequencies, overall or within groups.

    Returns one row per term (and group) with the columns ``[groups…], term,
    count, per_10k, docfreq, parafreq, rank``: ``per_10k`` is the count per
    10,000 word tokens of the group (all tokens but punctuation, symbols and
    digits, stopwords included, so rates do not move with the stopword list);
    ``docfreq`` and ``parafreq`` count the documents and paragraphs the term
    occurs in; ``rank`` is 1 for the most frequent term (ties share a rank).
    Sorted by group, then count (largest first), then term.  ``terms``
    keeps only those terms (ranks are still computed over all terms).
    """
    keys = _as_list(groups)
    missing = [g for g in keys if g not in tokens.columns]
    if missing:
        raise KeyError(
            f"the tokens table has no column {missing[0]!r}; add it with "
            f"textstat.annotate(tokens, corpus, {missing!r})"
        )
    words = _words(tokens)
    totals = tokens[words].groupby(keys).size() if keys else pd.Series({(): int(words.sum())})
    selected = tokens[_select(tokens, stopwords=stopwords, pos=pos, min_length=min_length) & words]
    by = [*keys, "token"]
    table = selected.groupby(by, sort=False).size().rename("count").to_frame()
    table["docfreq"] = selected.drop_duplicates([*by, "doc_id"]).groupby(by, sort=False).size()
    table["parafreq"] = selected.drop_duplicates([*by, "doc_id", "para_no"]).groupby(by, sort=False).size()
    table = table.reset_index().rename(columns={"token": "term"})
    table = table[table["count"] >= min_count]
    if keys:
        denominators = table[keys].apply(tuple, axis=1).map(lambda k: totals[k if len(k) > 1 else k[0]])
    else:
        denominators = int(totals.iloc[0])
    table["per_10k"] = table["count"] / denominators * 10_000
    table = table.sort_values([*keys, "count", "term"], ascending=[True] * len(keys) + [False, True])
    table["rank"] = (table.groupby(keys)["count"] if keys else table["count"]).rank(method="min", ascending=False)
    table["rank"] = table["rank"].astype(int)
    if terms is not None:
        table = table[table["term"].isin(list(terms))]
    return table[[*keys, "term", "count", "per_10k", "docfreq", "parafreq", "rank"]].reset_index(drop=True)


def sections(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per section of each document: ``doc_id, section, heading, n_paragraphs, n_chars, first_para,
    last_para``; ``heading`` is the level-1 heading that opens the section (empty for opening and closing)."""
    grouped = paragraphs.groupby(["doc_id", "section"], observed=True, sort=False)
    out = grouped.agg(heading=("heading_1", "first"), n_paragraphs=("para_no", "size"), n_chars=("n_chars", "sum"),
                      first_para=("para_no", "min"), last_para=("para_no", "max"))
    return out.reset_index().sort_values(["doc_id", "first_para"]).reset_index(drop=True)


def _runs(tokens: pd.DataFrame, *, stopwords: bool) -> pd.DataFrame:
    """Word tokens with a ``run`` id: consecutive word tokens of one sentence, broken at punctuation."""
    words = _words(tokens)
    new_sentence = (tokens["sent_no"] != tokens["sent_no"].shift()) | (tokens["doc_id"] != tokens["doc_id"].shift())
    breaks = ~words | new_sentence
    out = tokens.assign(run=breaks.cumsum())[words]
    if stopwords:
        out = out.assign(blocked=out["is_stop"])
    else:
        out = out.assign(blocked=False)
    return out


def ngrams(tokens: pd.DataFrame, *, n: int = 2, min_count: int = 2, stopwords: bool = True) -> pd.DataFrame:
    """Contiguous n-grams of word tokens within a sentence (punctuation breaks them).

    Returns ``ngram, count, docfreq`` sorted by count; ``ngram`` joins the words
    with a space.  With ``stopwords=True`` n-grams containing a stopword are left out.
    """
    runs = _runs(tokens, stopwords=stopwords)
    parts = [runs["token"].shift(-k) for k in range(n)]
    same = pd.Series(True, index=runs.index)
    blocked = runs["blocked"].copy()
    for k in range(1, n):
        same &= runs["run"].shift(-k) == runs["run"]
        blocked |= runs["blocked"].shift(-k, fill_value=True)
    valid = same & ~blocked
    grams = parts[0][valid]
    for part in parts[1:]:
        grams = grams + " " + part[valid]
    table = pd.DataFrame({"ngram": grams, "doc_id": runs.loc[valid, "doc_id"]})
    out = table.groupby("ngram").agg(count=("doc_id", "size"), docfreq=("doc_id", "nunique")).reset_index()
    out = out[out["count"] >= min_count]
    return out.sort_values(["count", "ngram"], ascending=[False, True]).reset_index(drop=True)


def collocations(
    tokens: pd.DataFrame, *, min_count: int = 3, stopwords: bool = True, sort_by: str = "g2"
) -> pd.DataFrame:
    """Adjacent word pairs within sentences, scored by PMI and log-likelihood.

    For a pair (w1, w2) seen ``count`` times among N adjacent pairs, with w1
    first in ``count_w1`` pairs and w2 second in ``count_w2`` pairs:

    * PMI = log2( count · N / (count_w1 · count_w2) ) (Church & Hanks 1990);
    * G² = 2 Σ O·ln(O/E) over the 2×2 table of (w1 first?, w2 second?)
      (Dunning 1993), with ``p_value`` from χ²(1).

    Returns ``w1, w2, collocation, count, count_w1, count_w2, pmi, g2, p_value``
    for pairs seen at least ``min_count`` times, sorted by ``sort_by``.
    """
    from scipy.stats import chi2

    runs = _runs(tokens, stopwords=stopwords)
    nxt = runs["token"].shift(-1)
    valid = (runs["run"].shift(-1) == runs["run"]) & ~runs["blocked"] & ~runs["blocked"].shift(-1, fill_value=True)
    pairs = pd.DataFrame({"w1": runs.loc[valid, "token"], "w2": nxt[valid]})
    n = len(pairs)
    columns = ["w1", "w2", "collocation", "count", "count_w1", "count_w2", "pmi", "g2", "p_value"]
    if n == 0:
        return pd.DataFrame(columns=columns)
    table = pairs.value_counts().rename("count").reset_index()
    table["count_w1"] = table["w1"].map(pairs["w1"].value_counts())
    table["count_w2"] = table["w2"].map(pairs["w2"].value_counts())
    table = table[table["count"] >= min_count].copy()
    o11 = table["count"].to_numpy(float)
    o12 = table["count_w1"].to_numpy(float) - o11
    o21 = table["count_w2"].to_numpy(float) - o11
    o22 = n - o11 - o12 - o21
    table["pmi"] = np.log2(o11 * n / (table["count_w1"] * table["count_w2"]))
    table["g2"] = _g2(o11, o12, o21, o22)
    table["p_value"] = chi2.sf(table["g2"], 1)
    table["collocation"] = table["w1"] + table["w2"]
    table = table.sort_values([sort_by, "count", "collocation"], ascending=[False, False, True])
    return table[columns].reset_index(drop=True)


def _g2(o11, o12, o21, o22) -> np.ndarray:
    """Log-likelihood G² = 2 Σ O ln(O/E) over 2×2 tables (terms with O = 0 contribute 0)."""
    observed = np.stack([o11, o12, o21, o22]).astype(float)
    n = observed.sum(axis=0)
    rows = np.stack([o11 + o12, o11 + o12, o21 + o22, o21 + o22])
    cols = np.stack([o11 + o21, o12 + o22, o11 + o21, o12 + o22])
    expected = rows * cols / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * terms.sum(axis=0)


def kwic(
    paragraphs: pd.DataFrame,
    query: str,
    *,
    tokens: pd.DataFrame | None = None,
    window: int | None = None,
    regex: bool = False,
) -> pd.DataFrame:
    """Keyword in context.

    String mode (default): every occurrence of ``query`` (a literal string, or
    a regular expression with ``regex=True``) in the cleaned paragraph text,
    with ``window`` characters of context (default 20).  Token mode (pass
    ``tokens``): every token equal to ``query``, with ``window`` tokens of
    context (default 8) from the same paragraph.

    Returns ``doc_id, section, para_no, start, end, left, match, right``
    (``start``/``end`` are character offsets into the paragraph text), in text order.
    """
    columns = ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
    if not query:
        raise ValueError("kwic needs a non-empty query")
    section = paragraphs["section"] if "section" in paragraphs.columns else pd.Series("", index=paragraphs.index)
    rows = []
    if tokens is None:
        width = 20 if window is None else window
        pattern = re.compile(query if regex else re.escape(query))
        for doc_id, sec, para_no, text in zip(paragraphs["doc_id"], section, paragraphs["para_no"],
                                              paragraphs["text"], strict=True):
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                rows.append((doc_id, sec, para_no, m.start(), m.end(), text[max(0, m.start() - width):m.start()],
                             m.group(), text[m.end():m.end() + width]))
        return pd.DataFrame(rows, columns=columns)
    width = 8 if window is None else window
    sections = dict(zip(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True), section, strict=True))
    hits = np.flatnonzero((tokens["token"] == query).to_numpy())
    words = tokens["token"].to_numpy(dtype=object)
    docs, paras = tokens["doc_id"].to_numpy(dtype=object), tokens["para_no"].to_numpy()
    starts, ends = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    for i in hits:
        lo, hi = i, i
        while lo > 0 and i - lo < width and docs[lo - 1] == docs[i] and paras[lo - 1] == paras[i]:
            lo -= 1
        while hi + 1 < len(words) and hi - i < width and docs[hi + 1] == docs[i] and paras[hi + 1] == paras[i]:
            hi += 1
        key = (docs[i], paras[i])
        if key not in sections:
            continue
        rows.append((docs[i], sections[key], paras[i], starts[i], ends[i], " ".join(words[lo:i]), words[i],
                     " ".join(words[i + 1:hi + 1])))
    return pd.DataFrame(rows, columns=columns)


def dispersion(
    paragraphs: pd.DataFrame, terms: Sequence[str], *, tokens: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Where each term occurs along each document.

    Returns ``doc_id, term, section, para_no, offset, position``: ``offset`` is
    the character offset in the document body (paragraphs laid end to end) and
    ``position`` the same as a share of the body length (0 = start, 1 = end).
    String mode by default; token mode with ``tokens``.
    """
    base = paragraphs.assign(doc_start=paragraphs.groupby("doc_id")["n_chars"].cumsum() - paragraphs["n_chars"])
    length = base.groupby("doc_id")["n_chars"].sum()
    rows = []
    for term in terms:
        hits = kwic(paragraphs, term, tokens=tokens, window=0)
        if hits.empty:
            continue
        hits = hits.merge(base[["doc_id", "para_no", "doc_start"]], on=["doc_id", "para_no"])
        hits["term"] = term
        hits["offset"] = hits["doc_start"] + hits["start"]
        rows.append(hits)
    if not rows:
        return pd.DataFrame(columns=["doc_id", "term", "section", "para_no", "offset", "position"])
    out = pd.concat(rows, ignore_index=True)
    out["position"] = out["offset"] / out["doc_id"].map(length)
    return out[["doc_id", "term", "section", "para_no", "offset", "position"]]


def section_bounds(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Where each section starts and ends in each document.

    Returns ``doc_id, section, start, end`` (shares of the body length, as in
    :func:`dispersion`), one row per run of paragraphs with the same section.
    """
    df = paragraphs.assign(doc_start=paragraphs.groupby("doc_id")["n_chars"].cumsum() - paragraphs["n_chars"])
    total = df.groupby("doc_id")["n_chars"].transform("sum")
    df = df.assign(lo=df["doc_start"] / total, hi=(df["doc_start"] + df["n_chars"]) / total)
    run = ((df["section"] != df["section"].shift()) | (df["doc_id"] != df["doc_id"].shift())).cumsum()
    out = df.groupby(run).agg(doc_id=("doc_id", "first"), section=("section", "first"), start=("lo", "min"),
                              end=("hi", "max"))
    return out.reset_index(drop=True)
