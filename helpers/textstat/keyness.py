"""Keyness: which terms one set of counts uses more, or less, than another.

:func:`keyness` compares two Series of counts (G², χ², Log Ratio, or log-odds
with an informative Dirichlet prior); :func:`keyness_by` compares each group
with the rest.  :mod:`.contrast` chooses which documents to compare.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import engine
from ..errors import ParameterError
from ..validate import check_choice, check_number, check_positive
from ._common import _g2
from .frequency import frequency
from .nested import nested_in_types
from .pvalues import chi2_p, normal_p
from .works import each_work_once

KEYNESS_MEASURES = ("g2", "chi2", "log_ratio", "log_odds_dirichlet")
CORRECTIONS = (None, "yates", "williams", "none")


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
    prior_share: float = 0.1,
    target_nested: pd.Series | None = None,
    reference_nested: pd.Series | None = None,
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
        four cells (cells with O = 0 add 0), as AntConc's default keyness.  It
        equals quanteda's ``textstat_keyness(measure = "lr", correction = "none")``;
        quanteda's default for ``lr`` first moves each cell 0.5 towards
        independence under the Yates rule below, which we do not.
        ``correction="williams"`` divides by Williams' q =
        1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1)/(6N) (q = 1 when a
        cell is 0), as quanteda's ``correction = "williams"`` does for ``lr``.  Dunning (1993);
        Rayson & Garside (2000).
      * ``"chi2"`` — signed Pearson χ² = N (|ad − bc| − N·δ)² / ((a+b)(c+d)(a+c)(b+d)) / q.
        ``correction`` as quanteda's: ``None`` (default, quanteda's "default")
        or ``"yates"`` apply the Yates rule δ = 0.5 when |ad − bc| ≥ N/2 and some
        expected cell is below 5, else δ = 0, with q = 1; ``"williams"`` sets
        δ = 0 and divides the statistic by Williams' q (as for G²); ``"none"`` sets δ = 0, q = 1.
        Williams' correction here is the textbook one (Williams 1976; Sokal & Rohlf): q > 1 and
        the statistic divided by it, so it is brought closer to its χ² distribution and never
        grows.  quanteda's ``chi2`` with ``correction = "williams"`` differs: its ``keyness.cpp``
        divides the *denominator* by q, i.e. multiplies the statistic by q, so that our value × q²
        = quanteda's (its ``lr`` divides by q, as we do).  We keep the textbook correction, so that
        the corrected χ² and G² are both made smaller by the same q.
      * ``"log_ratio"`` — Hardie's (2014) Log Ratio, log2((a/N_t) / (b/N_r)),
        with a zero count replaced by 0.5; an effect size. ``p_value`` is G²'s.
      * ``"log_odds_dirichlet"`` — the log-odds ratio with informative Dirichlet
        prior of Monroe, Colaresi & Quinn (2008, "Fightin' Words"):
        δ = ln((a+α_t)/(N_t+α₀t−a−α_t)) − ln((b+α_r)/(N_r+α₀r−b−α_r)),
        σ²(δ) ≈ 1/(a+α_t) + 1/(b+α_r), z = δ/σ.  The prior is α_w = α₀·π_w:
        π is the pooled share of the term in target and reference, or, with a
        background Series ``prior``, its Laplace-smoothed share there
        ((count + 1)/(total + V), total ``prior_total`` or the Series' sum).
        The prior's weight α₀ is, by default, ``prior_share`` (0.1) times the
        size of each side (α₀t = 0.1·N_t, α₀r = 0.1·N_r): scattertext's
        ``scale_type="class-size"``, so the prior is worth a tenth of each
        side's own data whatever the corpus size, as in Monroe et al.'s
        corpus-scale analyses where the prior shrinks rare terms but never
        outweighs the data.  (The prior the size of the pooled corpus, the
        earlier default, let a 0 : 62 term reach only |z| ≈ 1.8.)
        ``prior_scale`` instead fixes α₀ for both sides (Monroe et al.'s
        formulation: the prior sums to ``prior_scale``).
        ``statistic`` is z, two-sided normal ``p_value``.

    ``target_nested`` and ``reference_nested`` (from :func:`~helpers.textstat.nested.nested_counts`)
    are occurrences of dictionary terms inside longer tokens (``科技强国`` inside
    ``建设世界科技强国``): they are added to the token counts, so a formulation is
    counted wherever its string stands, and reported in the columns
    ``target_nested, reference_nested`` (how many of ``target``/``reference``
    were found inside longer tokens).  The totals N_t, N_r stay token totals.

    The sign of G² and χ² is + where the target's count exceeds its expected
    count.  ``p_value`` for G² and χ² comes from χ² with one degree of freedom.

    Returns one row per term with ``target + reference >= min_count``, sorted
    by ``statistic`` (largest first, then term): ``term, target, reference,
    [target_nested, reference_nested], statistic, p_value, log_ratio`` plus ``expected`` (G², χ²) or
    ``delta, variance, z`` (log-odds).
    """
    check_choice("measure", measure, KEYNESS_MEASURES)
    check_choice("correction", correction, CORRECTIONS)
    check_number("min_count", min_count, min_value=0)
    if measure == "g2" and correction == "yates":
        raise ParameterError("correction='yates': G² is never Yates-corrected here; "
                             "use correction=None, 'williams' or 'none'")
    if measure == "log_odds_dirichlet" and prior_scale is None:
        check_positive("prior_share", prior_share)
    for name, given in (("target_total", target_total), ("reference_total", reference_total),
                        ("prior_scale", prior_scale)):
        if given is not None:
            check_positive(name, given)
    n_t = float(target.sum() if target_total is None else target_total)
    n_r = float(reference.sum() if reference_total is None else reference_total)
    nested = target_nested is not None or reference_nested is not None
    empty = pd.Series(dtype=float)
    parts = [target.rename("target"), reference.rename("reference")]
    if nested:
        parts += [(empty if target_nested is None else target_nested).rename("target_nested"),
                  (empty if reference_nested is None else reference_nested).rename("reference_nested")]
    table = pd.concat(parts, axis=1).fillna(0)
    table.index = table.index.rename("term")
    if nested:
        table["target"] += table["target_nested"]
        table["reference"] += table["reference_nested"]
    if n_t <= 0 or n_r <= 0:
        side = "target" if n_t <= 0 else "reference"
        raise ValueError(f"keyness needs non-empty target and reference counts: the {side} counts are empty "
                         f"(they sum to {n_t if n_t <= 0 else n_r:g})")
    a = table["target"].to_numpy(float)
    b = table["reference"].to_numpy(float)
    c, d = n_t - a, n_r - b
    n = n_t + n_r
    expected = (a + b) * n_t / n
    sign = np.where(a > expected, 1.0, -1.0)
    g2 = _g2(a, b, c, d)
    q = _williams_q(a, b, c, d) if correction == "williams" else np.ones_like(a)
    g2 = g2 / q
    ratio = np.log2((np.where(a > 0, a, 0.5) / n_t) / (np.where(b > 0, b, 0.5) / n_r))
    out = pd.DataFrame({"term": table.index, "target": table["target"].to_numpy(),
                        "reference": table["reference"].to_numpy()})
    if measure == "g2":
        out["statistic"] = sign * g2
        out["p_value"] = chi2_p(g2)
        out["expected"] = expected
    elif measure == "chi2":
        cells = [(a + b) * (a + c), (a + b) * (b + d), (a + c) * (c + d), (c + d) * (b + d)]
        small = np.any([cell / n < 5 for cell in cells], axis=0)
        yates = correction in (None, "yates")
        delta = np.where((np.abs(a * d - b * c) >= n / 2) & small & yates, 0.5, 0.0)
        value = n * (np.abs(a * d - b * c) - n * delta) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d)) / q
        out["statistic"] = sign * value
        out["p_value"] = chi2_p(value)
        out["expected"] = expected
    elif measure == "log_ratio":
        out["statistic"] = ratio
        out["p_value"] = chi2_p(g2)
    else:
        if prior is None:
            pi = (a + b) / (a + b).sum()
        else:
            background = prior.reindex(table.index).fillna(0).to_numpy(float)
            total = float(prior.sum() if prior_total is None else prior_total)
            pi = (background + 1) / (total + len(prior.index.union(table.index)))
        if prior_scale is not None:
            scale_t = scale_r = float(prior_scale)
        else:
            scale_t, scale_r = prior_share * n_t, prior_share * n_r
        alpha_t, alpha_r = scale_t * pi, scale_r * pi
        delta = (np.log((a + alpha_t) / (n_t + scale_t - a - alpha_t))
                 - np.log((b + alpha_r) / (n_r + scale_r - b - alpha_r)))
        variance = 1 / (a + alpha_t) + 1 / (b + alpha_r)
        z = delta / np.sqrt(variance)
        out["statistic"] = z
        out["p_value"] = normal_p(z)
        out["delta"], out["variance"], out["z"] = delta, variance, z
    out.insert(5, "log_ratio", ratio)
    if nested:
        out.insert(3, "target_nested", table["target_nested"].to_numpy())
        out.insert(4, "reference_nested", table["reference_nested"].to_numpy())
    out = out[(out["target"] + out["reference"]) >= min_count]
    return out.sort_values(["statistic", "term"], ascending=[False, True]).reset_index(drop=True)


def _williams_q(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Williams' correction factor q of each 2×2 table; 1 where a cell is 0 (q as quanteda computes it)."""
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    return np.where(a * b * c * d == 0, 1.0, q)


def keyness_by(
    tokens: pd.DataFrame,
    by: str,
    *,
    measure: str = "g2",
    min_count: float = 2,
    within: str | None = "doc_id",
    stopwords: bool = True,
    nested: bool = True,
    corpus=None,
) -> pd.DataFrame:
    """Each group of ``by`` against the rest: :func:`keyness` for every value of the column ``by``.

    ``within`` is not a second grouping but the scope the rest is taken from:
    with ``within="doc_id"`` (default) a group is compared with the rest of
    its own document (each section of a speech against the rest of that
    speech); ``within=None`` compares with the rest of the corpus.  Returns
    ``[within], group, term, target, reference, [target_nested, reference_nested], statistic, p_value,
    log_ratio`` plus :func:`keyness`'s measure-specific columns (``nested``, default: dictionary terms also
    counted inside longer tokens, see :func:`keyness`): ``group`` holds the value
    of ``by``; the column named by ``within`` (``doc_id``) is there unless ``within=None``.  With
    ``within=None`` each work counts once: a later edition is in neither its group nor the rest
    (:func:`helpers.textstat.works.each_work_once`); a tokens DataFrame tells its editions when given with its
    ``corpus`` (a tokens dataset knows them).
    """
    check_choice("within", within, ("doc_id", None))
    check_choice("measure", measure, KEYNESS_MEASURES)
    check_number("min_count", min_count, min_value=0)
    source = engine.wrap(tokens)
    options = {"measure": measure, "min_count": min_count, "stopwords": stopwords, "nested": nested}
    if within == "doc_id":  # each document on its own: chunk by chunk (a document never spans two chunks)
        parts = [_within_documents(chunk, by, **options) for chunk in source.chunks("tokens", annotate=[by])]
        parts = [p for p in parts if len(p)]
        return source.order(pd.concat(parts, ignore_index=True)) if parts else _no_groups(within, nested)
    annotated = each_work_once(engine.wrap(tokens if by in source.columns else source.annotate(corpus, [by]),
                                           corpus=corpus))

    def per_group(keep_stopwords: bool) -> dict:
        table = frequency(annotated, by=by, stopwords=keep_stopwords)
        table = table.assign(_key=table[by].astype(object).where(table[by].notna(), None))
        return {key: part.set_index("term")["count"] for key, part in table.groupby("_key", dropna=False, sort=False)}

    sizes = engine.wrap(annotated).word_counts([by])
    with_words = set(sizes.loc[sizes["total"] > 0, by].dropna())
    values = [v for v in engine.wrap(annotated).first_seen(by) if v in with_words]
    counted = per_group(stopwords)
    total = pd.concat(list(counted.values())).groupby(level=0).sum() if counted else pd.Series(dtype="int64")
    if nested:
        every = per_group(False)
        every_total = pd.concat(list(every.values())).groupby(level=0).sum() if every else pd.Series(dtype="int64")
    parts = []
    if len(values) >= 2:
        for value in values:
            target = counted.get(value, pd.Series(dtype="int64"))
            reference = total.sub(target, fill_value=0).astype("int64")
            found = {}
            if nested:
                mine = every.get(value, pd.Series(dtype="int64"))
                found = {"target_nested": nested_in_types(mine),
                         "reference_nested": nested_in_types(every_total.sub(mine, fill_value=0).astype("int64"))}
            table = keyness(target.rename_axis("term").rename("count"),
                            reference[reference > 0].rename_axis("term").rename("count"),
                            measure=measure, min_count=min_count, **found)
            table.insert(0, "group", value)
            parts.append(table)
    return pd.concat(parts, ignore_index=True) if parts else _no_groups(within, nested)


def _within_documents(tokens: pd.DataFrame, by: str, *, measure: str, min_count: float, stopwords: bool,
                      nested: bool) -> pd.DataFrame:
    """:func:`keyness_by` within each document of a tokens table of whole documents: each document's tokens
    coded once (:func:`helpers.engine.masks`), each group's counts and the rest's counted from the codes."""
    parts = []
    for doc_id, part in tokens.groupby("doc_id", sort=False):
        values = part[by].dropna().unique()
        if len(values) < 2:
            continue
        codes, terms, words, content = engine.masks(part, stopwords=stopwords)
        groups = part[by].to_numpy()
        for value in values:
            inside = groups == value
            found = ({"target_nested": nested_in_types(_coded(codes, terms, words & inside)),
                      "reference_nested": nested_in_types(_coded(codes, terms, words & ~inside))}
                     if nested else {})
            table = keyness(_coded(codes, terms, content & inside), _coded(codes, terms, content & ~inside),
                            measure=measure, min_count=min_count, **found)
            table.insert(0, "group", value)
            table.insert(0, "doc_id", doc_id)
            parts.append(table)
    return pd.concat(parts, ignore_index=True) if parts else _no_groups("doc_id", nested)


def _coded(codes: np.ndarray, terms: pd.Index, keep: np.ndarray) -> pd.Series:
    """How often each term occurs among the kept tokens (a Series named ``count`` indexed by ``term``, terms
    seen at least once), from the tokens' codes in ``terms``."""
    n = np.bincount(codes[keep], minlength=len(terms))
    seen = n > 0
    return pd.Series(n[seen], index=pd.Index(np.asarray(terms)[seen], name="term"), name="count")


def _no_groups(within: str | None, nested: bool) -> pd.DataFrame:
    return pd.DataFrame(columns=[*([within] if within else []), "group", "term", "target", "reference",
                                 *(["target_nested", "reference_nested"] if nested else []),
                                 "statistic", "p_value", "log_ratio"])
