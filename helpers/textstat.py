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

from .tokens import is_rule_stop

__all__ = [
    "annotate",
    "collocations",
    "counts",
    "dispersion",
    "frequency",
    "keyness",
    "keyness_by",
    "kwic",
    "mattr",
    "ngrams",
    "positions",
    "section_bounds",
    "sections",
    "select",
    "similarity",
    "style",
]


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


def _select(tokens: pd.DataFrame, *, stopwords: bool, pos: Sequence[str] | None, min_length: int) -> np.ndarray:
    keep = np.ones(len(tokens), dtype=bool)
    if stopwords:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    if pos is not None:
        keep &= tokens["pos"].isin(list(pos)).to_numpy(dtype=bool)
    if min_length > 1:
        codes, uniques = pd.factorize(tokens["token"])
        keep &= np.fromiter(map(len, uniques), dtype=np.int64, count=len(uniques))[codes] >= min_length
    return keep


def _words(tokens: pd.DataFrame) -> np.ndarray:
    """Mask of word tokens: everything but punctuation, symbols and digits."""
    codes, uniques = pd.factorize(tokens["token"])
    rule = np.fromiter((is_rule_stop(w) for w in uniques), dtype=bool, count=len(uniques))
    return ~rule[codes]


def select(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
           min_length: int = 1) -> np.ndarray:
    """Boolean mask of the content tokens every count here uses: words (not punctuation, symbols or
    digits), without stopwords (``is_stop``) if ``stopwords``, with one of the ``pos`` tags if given, of at
    least ``min_length`` characters."""
    return _select(tokens, stopwords=stopwords, pos=pos, min_length=min_length) & _words(tokens)


def _distinct_per_key(keys: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each distinct key, the number of distinct units it occurs with."""
    span = int(units.max()) + 1 if len(units) else 1
    pairs = pd.unique(keys.astype(np.int64) * span + units)  # hash-based: much faster than np.unique here
    return _counted(pairs // span)


def _counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and how often each occurs (np.unique(..., return_counts=True), faster)."""
    codes, uniques = pd.factorize(values, sort=True)
    return np.asarray(uniques), np.bincount(codes, minlength=len(uniques))


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
    # Everything is counted on integer codes: term, group, document and paragraph.
    term_codes, term_values = pd.factorize(tokens["token"])
    if keys:
        grouped = tokens.groupby(keys, sort=True, observed=True, dropna=False)
        group_codes = grouped.ngroup().to_numpy()
        group_values = grouped.size().index.to_frame(index=False)
    else:
        group_codes = np.zeros(len(tokens), dtype=np.int64)
        group_values = pd.DataFrame(index=[0])
    doc_codes = pd.factorize(tokens["doc_id"])[0]
    para_codes = doc_codes.astype(np.int64) * (int(tokens["para_no"].max()) + 1 if len(tokens) else 1) + \
        tokens["para_no"].to_numpy(dtype=np.int64)
    words = _words(tokens)
    totals = np.bincount(group_codes[words], minlength=len(group_values))
    keep = select(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
    key = group_codes[keep].astype(np.int64) * len(term_values) + term_codes[keep]
    unique_keys, count = _counted(key)
    _, docfreq = _distinct_per_key(key, doc_codes[keep])
    _, parafreq = _distinct_per_key(key, para_codes[keep])
    group_of, term_of = np.divmod(unique_keys, len(term_values)) if len(term_values) else (unique_keys, unique_keys)
    table = group_values.iloc[group_of].reset_index(drop=True) if keys else pd.DataFrame(index=range(len(count)))
    table["term"] = pd.Series(np.asarray(term_values, dtype=object)[term_of], dtype=tokens["token"].dtype)
    table["count"] = count
    table["per_10k"] = count / totals[group_of] * 10_000
    table["docfreq"] = docfreq
    table["parafreq"] = parafreq
    table = table[table["count"] >= min_count]
    table = table.sort_values([*keys, "count", "term"], ascending=[True] * len(keys) + [False, True])
    table["rank"] = (table.groupby(keys, observed=True)["count"] if keys else table["count"]).rank(
        method="min", ascending=False).astype(int)
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
    rows = [positions(kwic(paragraphs, term, tokens=tokens, window=0), paragraphs).assign(term=term)
            for term in terms]
    rows = [r for r in rows if not r.empty]
    if not rows:
        return pd.DataFrame(columns=["doc_id", "term", "section", "para_no", "offset", "position"])
    return pd.concat(rows, ignore_index=True)


def positions(hits: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Where the hits of a :func:`kwic` table lie along their documents.

    ``paragraphs`` are all paragraphs of the documents (positions are shares of
    the whole body).  Returns ``doc_id, term, section, para_no, offset,
    position`` with ``term`` the matched text, ``offset`` the character offset
    in the body (paragraphs laid end to end) and ``position`` that offset as a
    share of the body length (0 = start, 1 = end).
    """
    base = paragraphs[["doc_id", "para_no", "n_chars"]]
    base = base.assign(doc_start=base.groupby("doc_id")["n_chars"].cumsum() - base["n_chars"])
    length = base.groupby("doc_id")["n_chars"].sum()
    out = hits.merge(base[["doc_id", "para_no", "doc_start"]], on=["doc_id", "para_no"])
    out["term"] = out["match"]
    out["offset"] = out["doc_start"] + out["start"]
    out["position"] = out["offset"] / out["doc_id"].map(length)
    return out[["doc_id", "term", "section", "para_no", "offset", "position"]].reset_index(drop=True)


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


# --- comparing two sets of counts ---------------------------------------------------------------

KEYNESS_MEASURES = ("g2", "chi2", "log_ratio", "log_odds_dirichlet")


def counts(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
           min_length: int = 1, min_count: int = 1) -> pd.Series:
    """Word counts of a tokens table as a Series term → count (punctuation and digits never counted)."""
    keep = select(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
    out = tokens.loc[keep, "token"].value_counts().rename("count").rename_axis("term")
    return out[out >= min_count]


def keyness(
    target: pd.Series,
    reference: pd.Series,
    *,
    measure: str = "g2",
    min_count: float = 1,
    target_total: float | None = None,
    reference_total: float | None = None,
    correction: str | None = None,
    prior: pd.Series | None = None,
    prior_total: float | None = None,
    prior_scale: float | None = None,
) -> pd.DataFrame:
    """Which terms are key in ``target`` compared with ``reference``.

    ``target`` and ``reference`` map term → count (for instance from
    :func:`counts`).  For each term with ``a`` occurrences in the target and
    ``b`` in the reference, the 2×2 table is ``[[a, b], [c, d]]`` with
    ``c = N_t − a`` and ``d = N_r − b``; ``N_t`` and ``N_r`` are the totals
    (the sums of the Series unless ``target_total``/``reference_total`` are
    given, as for a reference frequency list), ``N = N_t + N_r`` and the
    expected counts are ``E_ij = row_i · col_j / N``.

    ``measure``
      * ``"g2"`` — signed log-likelihood G² = 2 Σ O_ij ln(O_ij / E_ij) over the
        four cells (cells with O = 0 add 0), as AntConc's default keyness and
        quanteda's ``textstat_keyness(measure = "lr")``; ``correction="williams"``
        divides by Williams' q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1)/(6N)
        (quanteda's default for ``lr`` in its documentation). Dunning (1993);
        Rayson & Garside (2000).
      * ``"chi2"`` — signed Pearson χ² = N (|ad − bc| − N·δ)² / ((a+b)(c+d)(a+c)(b+d)),
        with quanteda's Yates rule: δ = 0.5 when |ad − bc| ≥ N/2 and some
        expected cell is below 5, else δ = 0 (``correction="none"`` sets δ = 0).
      * ``"log_ratio"`` — Hardie's (2014) Log Ratio, log2((a/N_t) / (b/N_r)),
        with a zero count replaced by 0.5; an effect size. ``p_value`` is G²'s.
      * ``"log_odds_dirichlet"`` — the log-odds ratio with informative Dirichlet
        prior of Monroe, Colaresi & Quinn (2008, "Fightin' Words"):
        δ = ln((a+α)/(N_t+α₀−a−α)) − ln((b+α)/(N_r+α₀−b−α)),
        σ²(δ) ≈ 1/(a+α) + 1/(b+α), z = δ/σ.  The prior α_w = α₀·π_w takes π
        from the pooled counts of target and reference, or from a background
        Series ``prior`` (Laplace-smoothed: (count + 1)/(total + V), with total
        ``prior_total`` or the Series' sum); α₀ = ``prior_scale`` (default: the
        prior's total, i.e. the pooled or background counts themselves).
        ``statistic`` is z, two-sided normal ``p_value``.

    The sign of G² and χ² is + where the target's count exceeds its expected
    count.  ``p_value`` for G² and χ² comes from χ² with one degree of freedom.

    Returns one row per term with ``target + reference >= min_count``, sorted
    by ``statistic`` (largest first, then term): ``term, target, reference,
    statistic, p_value, log_ratio`` plus ``expected`` (G², χ²) or
    ``delta, variance, z`` (log-odds).
    """
    from scipy.stats import chi2 as chi2_dist
    from scipy.stats import norm

    if measure not in KEYNESS_MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose from {', '.join(KEYNESS_MEASURES)}")
    table = pd.concat([target.rename("target"), reference.rename("reference")], axis=1).fillna(0)
    table.index = table.index.rename("term")
    n_t = float(target.sum() if target_total is None else target_total)
    n_r = float(reference.sum() if reference_total is None else reference_total)
    if n_t <= 0 or n_r <= 0:
        raise ValueError("keyness needs non-empty target and reference counts")
    a = table["target"].to_numpy(float)
    b = table["reference"].to_numpy(float)
    c, d = n_t - a, n_r - b
    n = n_t + n_r
    expected = (a + b) * n_t / n
    sign = np.where(a > expected, 1.0, -1.0)
    g2 = _g2(a, b, c, d)
    if correction == "williams":
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
        g2 = np.where(a * b * c * d == 0, g2, g2 / q)
    ratio = np.log2((np.where(a > 0, a, 0.5) / n_t) / (np.where(b > 0, b, 0.5) / n_r))
    out = pd.DataFrame({"term": table.index, "target": table["target"].to_numpy(),
                        "reference": table["reference"].to_numpy()})
    if measure == "g2":
        out["statistic"] = sign * g2
        out["p_value"] = chi2_dist.sf(g2, 1)
        out["expected"] = expected
    elif measure == "chi2":
        cells = [(a + b) * (a + c), (a + b) * (b + d), (a + c) * (c + d), (c + d) * (b + d)]
        small = np.any([cell / n < 5 for cell in cells], axis=0)
        delta = np.where((np.abs(a * d - b * c) >= n / 2) & small & (correction != "none"), 0.5, 0.0)
        value = n * (np.abs(a * d - b * c) - n * delta) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
        out["statistic"] = sign * value
        out["p_value"] = chi2_dist.sf(value, 1)
        out["expected"] = expected
    elif measure == "log_ratio":
        out["statistic"] = ratio
        out["p_value"] = chi2_dist.sf(g2, 1)
    else:
        if prior is None:
            pi = (a + b) / (a + b).sum()
            scale = (a + b).sum() if prior_scale is None else prior_scale
        else:
            background = prior.reindex(table.index).fillna(0).to_numpy(float)
            total = float(prior.sum() if prior_total is None else prior_total)
            pi = (background + 1) / (total + len(prior.index.union(table.index)))
            scale = total if prior_scale is None else prior_scale
        alpha = scale * pi
        alpha0 = scale
        delta = np.log((a + alpha) / (n_t + alpha0 - a - alpha)) - np.log((b + alpha) / (n_r + alpha0 - b - alpha))
        variance = 1 / (a + alpha) + 1 / (b + alpha)
        z = delta / np.sqrt(variance)
        out["statistic"] = z
        out["p_value"] = 2 * norm.sf(np.abs(z))
        out["delta"], out["variance"], out["z"] = delta, variance, z
    out.insert(5, "log_ratio", ratio)
    out = out[(out["target"] + out["reference"]) >= min_count]
    return out.sort_values(["statistic", "term"], ascending=[False, True]).reset_index(drop=True)


def keyness_by(
    tokens: pd.DataFrame,
    column: str,
    *,
    measure: str = "g2",
    min_count: float = 2,
    within: str | None = "doc_id",
    stopwords: bool = True,
) -> pd.DataFrame:
    """Each group of ``column`` against the rest: :func:`keyness` for every value.

    With ``within="doc_id"`` (default) a group is compared with the rest of
    its own document (each section of a speech against the rest of that
    speech); ``within=None`` compares with the rest of the corpus.  Returns
    the keyness columns plus ``doc_id`` (when within a document) and ``group``.
    """
    if column not in tokens.columns:
        raise KeyError(f"the tokens table has no column {column!r}; add it with textstat.annotate")
    parts = []
    scopes = [(None, tokens)] if within is None else list(tokens.groupby(within, sort=False))
    for scope, part in scopes:
        values = part[column].dropna().unique()
        if len(values) < 2:
            continue
        for value in values:
            inside = part[column] == value
            table = keyness(counts(part[inside], stopwords=stopwords), counts(part[~inside], stopwords=stopwords),
                            measure=measure, min_count=min_count)
            table.insert(0, "group", value)
            if within is not None:
                table.insert(0, within, scope)
            parts.append(table)
    if not parts:
        return pd.DataFrame(columns=[*([within] if within else []), "group", "term", "target", "reference",
                                     "statistic", "p_value", "log_ratio"])
    return pd.concat(parts, ignore_index=True)


def similarity(tokens: pd.DataFrame, *, by: str = "doc_id", stopwords: bool = True) -> pd.DataFrame:
    """Cosine similarity of TF-IDF vectors of our tokens, one vector per value of ``by``.

    TF-IDF is scikit-learn's (smooth idf, l2 norm) over the token lists as
    segmented here (its own tokenizer is not used).  Returns a square
    DataFrame with the groups as index and columns (1.0 on the diagonal).
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
    from . import lexicon

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
