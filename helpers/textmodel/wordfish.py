"""Wordfish (Slapin & Proksch 2008): the Poisson scaling model of one-dimensional document positions.

``count(document i, word j) ~ Poisson(exp(α_i + ψ_j + β_j θ_i))``: α a document's verbosity, ψ a word's
frequency, β how the word's use changes along the dimension, θ the document's position.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import gammaln, ndtri  # ndtri: the normal quantile (scipy.stats.norm.ppf) without scipy.stats

from ..errors import ParameterError
from ..validate import check_int, check_known, check_number
from .dfm import MIN_DOCUMENTS, DocumentFeatureMatrix, require_documents

__all__ = ["Wordfish", "wordfish"]

DOCUMENTS = ["doc_id", "theta", "se", "lower", "upper"]
# documents × features above this many cells are not fitted (the model is computed on the dense counts)
MAX_CELLS = 60_000_000


@dataclass(frozen=True, eq=False)
class Wordfish:
    """A fitted Wordfish model: ``documents`` (``doc_id, theta, se, lower, upper, alpha``), ``features``
    (``feature, beta, psi``), ``loglik`` (the Poisson log-likelihood at the estimates), ``iterations``,
    ``stopped`` (``"fall"``: the log-posterior fell; ``"tol"``: it or the parameters changed less than ``tol``;
    ``"max_iter"``) and ``converged`` (not stopped by ``max_iter``)."""

    documents: pd.DataFrame
    features: pd.DataFrame
    loglik: float
    iterations: int
    converged: bool
    stopped: str
    theta_precision: float
    level: float

    def predict(self, dfm: DocumentFeatureMatrix) -> pd.DataFrame:
        """Out-of-sample positions of the documents of ``dfm`` on the fitted dimension: ``doc_id, theta, se,
        lower, upper``.  Each document's α and θ are estimated with the fitted ψ and β held fixed (the features
        the model was not fitted on are left out, fitted features the document lacks count as zeros), with the
        same prior on θ; on the fitted documents this gives back their positions."""
        columns = pd.Index(dfm.features).get_indexer(self.features["feature"])
        counts = np.zeros((len(dfm.docnames), len(columns)))
        found = columns >= 0
        counts[:, found] = dfm.matrix[:, columns[found]].toarray()
        psi, beta = self.features["psi"].to_numpy(), self.features["beta"].to_numpy()
        totals = counts.sum(axis=1)
        if (totals == 0).any():
            empty = [d for d, t in zip(dfm.docnames, totals, strict=True) if t == 0]
            raise ParameterError(f"dfm: {', '.join(empty[:5])} share(s) no word with the fitted model; predict "
                                 "documents of the same language and features")
        alpha = np.log(totals / np.exp(psi).sum())
        theta = np.zeros(len(totals))
        for _ in range(200):
            alpha, theta, change, _ = _newton_rows(counts, alpha, theta, psi, beta, 0.0, self.theta_precision)
            if change < 1e-10:
                break
        se = _theta_se(counts, alpha, theta, psi, beta, self.theta_precision)
        return _documents(dfm.docnames, theta, se, self.level)


def wordfish(dfm: DocumentFeatureMatrix, *, dir: tuple[str, str] | None = None,
             priors: Sequence[float] = (math.inf, math.inf, 3, 1), tol: Sequence[float] = (1e-6, 1e-8),
             max_iter: int = 100, level: float = 0.95) -> Wordfish:
    """Fit Wordfish to ``dfm`` (three documents or more) with quanteda.textmodels' documented settings.

    Identification as quanteda.textmodels documents it: θ has mean 0 and variance 1 over the documents
    (renormalised after every iteration, ψ and β adjusted so that no rate changes), α of the first document is
    0, and ``dir=(doc_a, doc_b)`` turns the dimension so that θ(doc_a) < θ(doc_b) (default: the first two
    documents).  ``priors``: the standard deviations σ of zero-mean normal priors on α, ψ, β and θ (``inf``:
    flat), as quanteda reads them (precision 1/σ²; σ_β = 3 is Slapin and Proksch's regularisation).

    Estimation is conditional maximum a posteriori by blocks, from a start given by the SVD of the log counts'
    residuals: each iteration takes one Newton step (halved until the block's objective rises) for every
    feature's (ψ, β) given the documents, then for every document's (α, θ) given the features, then
    renormalises θ.  The renormalisation does not keep the priors' value, so the log-posterior need not rise
    every time, and run long the iteration drifts to a degenerate solution (on the Irish budget 2010 debate,
    after 300 iterations one speech stands alone at θ ≈ 3 and the others within 0.1 of each other).  Like
    quanteda it therefore stops at the first fall of the log-posterior, when it rises by less than ``tol[0]``
    (relative) or no parameter moves by more than ``tol[1]``, or after ``max_iter`` (100) iterations
    (``stopped`` says which).  Standard errors of θ come from each document's 2 × 2 information matrix of
    (α, θ) with the features held fixed (the prior on θ included), as for positions of new documents
    (:meth:`Wordfish.predict`); ``lower, upper`` are θ ± z·se at ``level``.
    Returns a :class:`Wordfish`.  The counts are held dense: at most :data:`MAX_CELLS` cells.
    """
    require_documents(dfm, MIN_DOCUMENTS, model="Wordfish")
    if len(priors) != 4 or len(tol) != 2:
        raise ParameterError("priors needs four standard deviations (α, ψ, β, θ) and tol two tolerances "
                             "(log-posterior, parameters)")
    sd = [check_number(f"priors[{k}]", p, min_value=1e-12) for k, p in enumerate(priors)]
    tol = [check_number(f"tol[{k}]", t, min_value=0) for k, t in enumerate(tol)]
    max_iter = check_int("max_iter", max_iter, min_value=1)
    level = check_number("level", level, min_value=0.5, max_value=0.999)
    if dir is None:
        dir = (dfm.docnames[0], dfm.docnames[1])
    if len(dir) != 2 or dir[0] == dir[1]:
        raise ParameterError(f"dir={dir!r} must name two different documents (doc_a, doc_b): θ(doc_a) < θ(doc_b)")
    check_known("dir", dir, dfm.docnames, what="document", counted="documents")
    if dfm.shape[0] * dfm.shape[1] > MAX_CELLS:
        raise ParameterError(f"dfm has {dfm.shape[0]:,} × {dfm.shape[1]:,} cells (at most {MAX_CELLS:,}): trim "
                             "rare features first (min_docfreq=2 or more)")
    counts = dfm.matrix.toarray().astype(float)
    keep_rows = counts.sum(axis=1) > 0
    keep_cols = counts.sum(axis=0) > 0
    counts = counts[keep_rows][:, keep_cols]
    docnames = [d for d, k in zip(dfm.docnames, keep_rows, strict=True) if k]
    check_known("dir", dir, docnames, what="document with words", counted="documents")
    features = [f for f, k in zip(dfm.features, keep_cols, strict=True) if k]
    ka, kp, kb, kt = (0.0 if math.isinf(s) else 1 / s ** 2 for s in sd)
    alpha, theta, psi, beta = _start(counts)
    counts_t = np.ascontiguousarray(counts.T)
    previous = _log_posterior(counts, alpha, theta, psi, beta, (ka, kp, kb, kt))
    stopped, iteration = "max_iter", 0
    for iteration in range(1, max_iter + 1):  # noqa: B007 (the count is reported)
        old = np.concatenate([alpha, theta, psi, beta])
        psi, beta, _, _ = _newton_rows(counts_t, psi, beta, alpha, theta, kp, kb)
        alpha, theta, _, fit = _newton_rows(counts, alpha, theta, psi, beta, ka, kt)
        psi, alpha = psi + alpha[0], alpha - alpha[0]
        mean, spread = theta.mean(), theta.std()
        psi, beta, theta = psi + beta * mean, beta * spread, (theta - mean) / spread
        current = fit - _penalty(alpha, theta, psi, beta, (ka, kp, kb, kt))  # the rates did not change
        moved = np.abs(np.concatenate([alpha, theta, psi, beta]) - old).max()
        if current < previous:
            stopped = "fall"
            break
        if current - previous <= tol[0] * abs(previous):
            stopped = "tol"
            break
        if moved <= tol[1]:
            stopped = "tol"
            break
        previous = current
    a, b = docnames.index(dir[0]), docnames.index(dir[1])
    if theta[a] > theta[b]:
        theta, beta = -theta, -beta
    se = _theta_se(counts, alpha, theta, psi, beta, kt)
    documents = _documents(docnames, theta, se, level).assign(alpha=alpha)
    eta = alpha[:, None] + psi[None, :] + np.outer(theta, beta)
    loglik = float((counts * eta - np.exp(eta) - gammaln(counts + 1)).sum())
    return Wordfish(documents, pd.DataFrame({"feature": features, "beta": beta, "psi": psi}), loglik,
                    iteration, stopped != "max_iter", stopped, kt, level)


def _start(counts: np.ndarray) -> tuple[np.ndarray, ...]:
    """Starting values: ψ the log mean count of each word, α the log ratio of each document's length to the
    first's, θ and β from the first singular vectors of the log counts' residuals."""
    psi = np.log(counts.mean(axis=0))
    totals = counts.sum(axis=1)
    alpha = np.log(totals / totals[0])
    residuals = np.log(counts + 0.1) - alpha[:, None] - psi[None, :]
    residuals -= residuals.mean(axis=0, keepdims=True)
    u, s, vt = np.linalg.svd(residuals, full_matrices=False)
    theta = (u[:, 0] - u[:, 0].mean()) / u[:, 0].std()
    beta = s[0] * vt[0] * u[:, 0].std()
    return alpha, theta, psi, beta


def _newton_rows(counts, a, b, c, x, ka: float, kb: float) -> tuple[np.ndarray, np.ndarray, float, float]:
    """One Newton step for each row's pair ``(a, b)`` of ``counts ~ Poisson(exp(a + c + b·x))`` (``c``, ``x``
    over the columns held fixed), with normal penalties of precision ``ka``, ``kb``; the step is halved (up to
    20 times) for the rows whose objective would fall.  Returns the new ``a, b``, the largest move and the
    log-likelihood (without log y!) at the new values."""
    total, y_c, y_x = counts.sum(axis=1), counts @ c, counts @ x

    def likelihood(a_, b_):  # per row: Σ y·η − Σ exp(η), the first term without the matrix of η
        return a_ * total + y_c + b_ * y_x - np.exp(a_[:, None] + c[None, :] + np.outer(b_, x)).sum(axis=1)

    rate = np.exp(a[:, None] + c[None, :] + np.outer(b, x))
    h11 = rate.sum(axis=1)
    before = a * total + y_c + b * y_x - h11 - ka * a ** 2 / 2 - kb * b ** 2 / 2
    h12 = rate @ x
    h22 = rate @ (x * x) + kb
    g1 = total - h11 - ka * a
    g2 = y_x - h12 - kb * b
    h11 = h11 + ka
    det = h11 * h22 - h12 * h12
    det = np.where(det > 0, det, np.inf)
    da = (h22 * g1 - h12 * g2) / det
    db = (h11 * g2 - h12 * g1) / det
    step = np.ones_like(a)
    new_a, new_b = a + da, b + db
    for _ in range(20):
        fit = likelihood(new_a, new_b)
        worse = ~(fit - ka * new_a ** 2 / 2 - kb * new_b ** 2 / 2 >= before)
        if not worse.any():
            break
        step = np.where(worse, step / 2, step)
        new_a, new_b = a + step * da, b + step * db
    else:
        new_a, new_b = np.where(worse, a, new_a), np.where(worse, b, new_b)
        fit = likelihood(new_a, new_b)
    moved = float(max(np.abs(new_a - a).max(), np.abs(new_b - b).max()))
    return new_a, new_b, moved, float(fit.sum())


def _penalty(alpha, theta, psi, beta, precisions) -> float:
    """Minus the log priors (normal, zero mean, of precisions ``ka, kp, kb, kt``), constants left out."""
    ka, kp, kb, kt = precisions
    return float((ka * (alpha ** 2).sum() + kp * (psi ** 2).sum() + kb * (beta ** 2).sum()
                  + kt * (theta ** 2).sum()) / 2)


def _log_posterior(counts, alpha, theta, psi, beta, precisions) -> float:
    """The log-likelihood (without the constant log y!) plus the log priors."""
    eta = alpha[:, None] + psi[None, :] + np.outer(theta, beta)
    return float((counts * eta - np.exp(eta)).sum()) - _penalty(alpha, theta, psi, beta, precisions)


def _theta_se(counts, alpha, theta, psi, beta, kt: float) -> np.ndarray:
    """Each document's standard error of θ: from the inverse of its information matrix of (α, θ)."""
    rate = np.exp(alpha[:, None] + psi[None, :] + np.outer(theta, beta))
    h11, h12, h22 = rate.sum(axis=1), rate @ beta, rate @ (beta * beta) + kt
    return np.sqrt(h11 / (h11 * h22 - h12 * h12))


def _documents(docnames: list[str], theta: np.ndarray, se: np.ndarray, level: float) -> pd.DataFrame:
    z = ndtri(0.5 + level / 2)
    return pd.DataFrame({"doc_id": docnames, "theta": theta, "se": se, "lower": theta - z * se,
                         "upper": theta + z * se})[DOCUMENTS]
