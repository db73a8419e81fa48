"""Topics with covariates: LDA topics whose shares are regressed on year and genre, with 95 % intervals.

Method. The topics are latent Dirichlet allocation (Blei, Ng & Jordan 2003) fitted by scikit-learn's batch
variational Bayes (``LatentDirichletAllocation``, priors 1/K on document-topic and topic-word proportions, each
topic started from a document of its own so that none is left empty, see :func:`_seeded_lda`); the
effect of the covariates is then estimated afterwards, by the *method of composition* that stm's
``estimateEffect`` uses (Roberts, Stewart & Tingley 2019): in each of ``n_draws`` simulations every document's
topic shares are drawn from its variational posterior (a Dirichlet with the document's variational parameters),
the shares of each topic are regressed on the covariates by OLS, one set of coefficients is drawn from their
normal sampling distribution, and the predictions at the chosen covariate values are pooled over the simulations
into a mean and a 95 % percentile interval.  So the interval carries both the uncertainty of the topic shares and
that of the regression.  Why LDA and not a structural topic model: no maintained, permissively licensed STM exists
for Python, and LDA followed by the method of composition gives the same kind of estimate (the covariates do not
inform the topics themselves, only their effect is measured) with a fitter the workspace already pins.

Covariates: ``year`` enters as a natural cubic spline (ESL eq. 5.4–5.5, knots at the boundaries and at interior
quantiles; ``year_df`` degrees of freedom, fewer when there are fewer distinct years, linear with two or three),
``genre`` and any other text column as categories (treatment coding, the most frequent category the reference).
A document without a genre goes into a category ``unknown``; a document without a year is named in a
:class:`helpers.errors.CorpusWarning` and left out of the effect regression (its topic shares are still reported).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from ..errors import CorpusWarning, ParameterError
from ..validate import check_int
from .dfm import DocumentFeatureMatrix, require_documents

if TYPE_CHECKING:
    from sklearn.decomposition import LatentDirichletAllocation

__all__ = ["EMPTY", "MAX_ITER", "MIN_TOPIC_DOCUMENTS", "UNKNOWN", "Topics", "can_fit_topics", "fit_lda", "frex",
           "topics"]

# below ten documents the shares of a topic cannot be regressed on a year spline and a genre with any precision
MIN_TOPIC_DOCUMENTS = 10

UNKNOWN = "unknown"
# the label of a topic that took (almost) no words: mean share under 1/1000 (variational Bayes leaves a topic
# empty when K is more than the corpus supports; :func:`helpers.textmodel.search_k.search_k` helps choose K)
EMPTY = "(empty)"
EMPTY_SHARE = 1e-3
# the share of a topic's initial word weights taken from its seed document (:func:`_seeded_lda`)
SEED_MASS = 0.1
# batch variational Bayes passes over the matrix; the bound changes by under 0.1 % between the last passes
MAX_ITER = 50


def can_fit_topics(matrix: DocumentFeatureMatrix, *, k: int) -> bool:
    """Whether ``matrix`` has enough documents with words for ``k`` topics and their covariate effects: at least
    ``k`` and at least :data:`MIN_TOPIC_DOCUMENTS`."""
    return int((np.asarray(matrix.matrix.sum(axis=1)).ravel() > 0).sum()) >= max(int(k), MIN_TOPIC_DOCUMENTS)


@cache
def _seeded_lda() -> type:
    """scikit-learn's LDA started from documents (the class is made on first use: importing
    ``sklearn.decomposition`` takes about 0.8 s, which every notebook importing ``helpers.textplot`` would pay).

    Each topic's initial word weights (random, about 1 per word) get 10 % more mass in the word proportions of
    one document of its own (``seeds``, documents × terms).  Started from nearly uniform weights alone,
    variational Bayes leaves topics empty when K is large for the corpus (6 of 20 on the 76 table documents, with
    a lower evidence bound); seeded, every topic starts somewhere in the data.  Uses scikit-learn's
    ``_init_latent_vars`` hook (its version is pinned exactly)."""
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.decomposition._lda import _dirichlet_expectation_2d

    class SeededLDA(LatentDirichletAllocation):
        def _init_latent_vars(self, n_features, dtype=np.float64):
            super()._init_latent_vars(n_features, dtype)
            seeds = np.asarray(self.seeds.toarray(), dtype=dtype)
            seeds = seeds / np.maximum(seeds.sum(axis=1, keepdims=True), 1) * SEED_MASS * n_features
            self.components_ = self.components_ + seeds
            self.exp_dirichlet_component_ = np.exp(_dirichlet_expectation_2d(self.components_))

    return SeededLDA


def fit_lda(counts: csr_matrix, k: int, *, random_state: int, max_iter: int = MAX_ITER) -> LatentDirichletAllocation:
    """scikit-learn's LDA by batch variational Bayes with priors 1/k, fitted on ``counts`` (documents × terms),
    each topic started from one of k documents drawn with ``random_state`` (:func:`_seeded_lda`)."""
    model = _seeded_lda()(n_components=k, learning_method="batch", max_iter=max_iter, random_state=random_state,
                       n_jobs=1)
    rows = np.random.default_rng(random_state).choice(counts.shape[0], size=k, replace=False)
    model.seeds = counts[np.sort(rows)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        model.fit(counts)
    return model


def frex(beta: np.ndarray, *, weight: float = 0.5) -> np.ndarray:
    """FREX of each term in each topic (``beta``: topics × terms, rows summing to 1), as Bischof & Airoldi (2012)
    and stm's ``calcfrex``: the weighted harmonic mean of the term's ECDF rank (within the topic) of exclusivity
    (its probability in the topic over the sum over topics) and of frequency (its probability); ``weight`` is the
    weight of exclusivity."""
    exclusivity = beta / beta.sum(axis=0, keepdims=True)
    n_terms = beta.shape[1]
    excl_rank = _ecdf(exclusivity) / n_terms
    freq_rank = _ecdf(beta) / n_terms
    return 1.0 / (weight / excl_rank + (1.0 - weight) / freq_rank)


def _ecdf(values: np.ndarray) -> np.ndarray:
    """Per row, the number of values at most each value (the empirical CDF times the row's length)."""
    ordered = np.sort(values, axis=1)
    return np.vstack([np.searchsorted(row_sorted, row, side="right")
                      for row_sorted, row in zip(ordered, values, strict=True)]).astype(float)


def _spline_basis(x: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """The natural cubic spline basis at ``x`` without its constant: x and the K−2 truncated-power terms
    d_k − d_{K−1} of ESL eq. 5.4–5.5 (``knots`` sorted, the first and last the boundaries)."""
    if len(knots) < 3:
        return x[:, None].astype(float)

    def d(j: int) -> np.ndarray:
        return (np.clip(x - knots[j], 0, None) ** 3 - np.clip(x - knots[-1], 0, None) ** 3) / (knots[-1] - knots[j])

    last = d(len(knots) - 2)
    return np.column_stack([x] + [d(j) - last for j in range(len(knots) - 2)])


@dataclass(frozen=True)
class _Design:
    """How the covariates become regression columns: the year's knots and scale, each category's levels."""

    year: str | None
    knots: np.ndarray | None
    centre: float
    scale: float
    categories: dict[str, list[str]] = field(default_factory=dict)

    def columns(self, table: pd.DataFrame) -> np.ndarray:
        parts = [np.ones((len(table), 1))]
        if self.year is not None:
            x = (pd.to_numeric(table[self.year]).to_numpy(float) - self.centre) / self.scale
            parts.append(_spline_basis(x, self.knots))
        for name, levels in self.categories.items():
            values = table[name].to_numpy()
            parts.append(np.column_stack([values == level for level in levels[1:]]).astype(float)
                         if len(levels) > 1 else np.zeros((len(table), 0)))
        return np.hstack(parts)


@dataclass(frozen=True, eq=False)
class Topics:
    """A fitted topic model: ``words`` (``topic, term, prob, frex``, every term of every topic, by topic then
    ``prob`` descending), ``documents`` (``doc_id, topic, share``), ``labels`` (``topic, label, mean_share``:
    the top FREX words, :data:`EMPTY` for a topic with almost no words), ``covariates`` (``doc_id`` and the
    prevalence covariates, unknown genres filled in); topics are numbered 1…k by their mean share, the largest
    first."""

    words: pd.DataFrame
    documents: pd.DataFrame
    labels: pd.DataFrame
    covariates: pd.DataFrame
    k: int
    random_state: int
    gamma: np.ndarray = field(repr=False)
    design: _Design = field(repr=False)

    def effect(self, covariate: str, *, by: str | None = None, n_draws: int = 100) -> pd.DataFrame:
        """The expected share of each topic at each value of ``covariate``, by the method of composition (module
        docstring): ``topic, value, estimate, lower, upper`` (95 % interval).  For ``year`` the values are the
        observed years; for a category, one row per category.  The other covariates are held at their most
        frequent category and at the median year, unless ``by`` names a category: then each of its categories
        has its own rows (column ``by``), at the years observed in that category.  Deterministic for the
        model's ``random_state``."""
        n_draws = check_int("n_draws", n_draws, min_value=10)
        known = list(self.covariates.columns.drop("doc_id"))
        if covariate not in known:
            raise ParameterError(f"covariate={covariate!r} is not a prevalence covariate of this model; choose "
                                 f"from {', '.join(map(repr, known)) or 'none (fit with prevalence=...)'}")
        categorical = [c for c in known if c != "year"]
        if by is not None and (by not in categorical or by == covariate):
            raise ParameterError(f"by={by!r} must be another categorical covariate of the model: "
                                 f"{', '.join(map(repr, categorical)) or 'none'}")
        grid = self._grid(covariate, by)
        used = self.covariates.index[self.covariates.notna().all(axis=1)].to_numpy()
        if len(used) == 0:
            raise ParameterError(f"covariate={covariate!r}: no document has a value of every prevalence covariate "
                                 f"({', '.join(known)}); fit again without the missing one (prevalence=)")
        x = self.design.columns(self.covariates.loc[used])
        if len(used) <= x.shape[1]:
            raise ParameterError(f"the effect needs more documents ({len(used)}) than regression columns "
                                 f"({x.shape[1]}): fit with fewer covariates (prevalence=) or a smaller year_df")
        xtx_inv = np.linalg.pinv(x.T @ x)
        at = self.design.columns(grid)
        rng = np.random.default_rng(self.random_state)
        predicted = np.empty((n_draws, len(grid), self.k))
        chol = np.linalg.cholesky(xtx_inv + 1e-12 * np.eye(len(xtx_inv)))
        for s in range(n_draws):
            shares = _dirichlet_rows(rng, self.gamma[used])
            coef = xtx_inv @ x.T @ shares
            sigma2 = ((shares - x @ coef) ** 2).sum(axis=0) / (len(used) - x.shape[1])
            coef = coef + chol @ rng.standard_normal(coef.shape) * np.sqrt(sigma2)
            predicted[s] = at @ coef
        estimate = predicted.mean(axis=0)
        lower, upper = np.percentile(predicted, [2.5, 97.5], axis=0)
        rows = []
        for t in range(self.k):
            part = grid.assign(topic=t + 1, estimate=estimate[:, t], lower=lower[:, t], upper=upper[:, t])
            rows.append(part.rename(columns={covariate: "value"}))
        columns = ["topic", "value", *([by] if by else []), "estimate", "lower", "upper"]
        return pd.concat(rows, ignore_index=True)[columns]

    def varies(self, covariate: str) -> bool:
        """Whether ``covariate`` is a prevalence covariate with two values or more among the documents (an effect
        over it can be estimated)."""
        return covariate in self.covariates.columns.drop("doc_id") and self.covariates[covariate].nunique() > 1

    def _grid(self, covariate: str, by: str | None) -> pd.DataFrame:
        """The covariate values to predict at, the other covariates at their typical value."""
        table = self.covariates.drop(columns="doc_id").dropna()
        typical = {name: levels[0] for name, levels in self.design.categories.items()}
        if self.design.year is not None:
            typical[self.design.year] = float(np.median(pd.to_numeric(table[self.design.year])))
        if by is not None:
            grid = table[[by, covariate]].drop_duplicates().sort_values([by, covariate])
        elif covariate == "year":
            grid = pd.DataFrame({covariate: np.sort(pd.to_numeric(table[covariate]).unique())})
        else:  # a category that never varies has no column of its own, but its one value is still a row
            grid = pd.DataFrame({covariate: self.design.categories.get(covariate, sorted(table[covariate].unique()))})
        for name, value in typical.items():
            if name not in grid:
                grid[name] = value
        return grid.reset_index(drop=True)


def _dirichlet_rows(rng: np.random.Generator, gamma: np.ndarray) -> np.ndarray:
    """One draw from the Dirichlet of each row of ``gamma`` (normalised gamma variates)."""
    draws = rng.standard_gamma(gamma)
    return draws / draws.sum(axis=1, keepdims=True)


def _covariates(docvars: pd.DataFrame, docnames: list[str], prevalence: Sequence[str]) -> pd.DataFrame:
    """``doc_id`` and each prevalence covariate in matrix order; unknown categories named ``unknown``, a missing
    year left missing and the documents named in a warning."""
    table = pd.DataFrame({"doc_id": docnames})
    for name in prevalence:
        if name not in docvars.columns:
            raise ParameterError(f"prevalence names {name!r}, which the documents table lacks; choose from "
                                 f"{', '.join(map(repr, docvars.columns))} or prevalence=()")
        values = docvars[name].reset_index(drop=True)
        if name == "year":
            values = pd.to_numeric(values, errors="coerce")
            missing = table.loc[values.isna(), "doc_id"].tolist()
            if missing:
                warnings.warn(f"{len(missing)} document(s) have no year and are left out of the effect of the "
                              f"covariates (their topic shares are kept): {', '.join(missing)}", CorpusWarning,
                              stacklevel=3)
        else:
            values = values.astype("string").fillna(UNKNOWN).replace("", UNKNOWN).astype(str)
        table[name] = values.to_numpy()
    return table


def _design(covariates: pd.DataFrame, *, year_df: int) -> _Design:
    """The regression design of ``covariates``: a natural spline of ``year``, treatment-coded categories."""
    year, knots, centre, scale = None, None, 0.0, 1.0
    categories = {}
    for name in covariates.columns.drop("doc_id"):
        if name == "year":
            years = covariates[name].dropna().to_numpy(float)
            distinct = np.unique(years)
            if len(distinct) < 2:
                continue
            year, centre, scale = name, float(distinct.min()), float(distinct.max() - distinct.min())
            df = min(year_df, len(distinct) - 1) if len(distinct) > 3 else 1
            knots = np.quantile((years - centre) / scale, np.linspace(0, 1, df + 1)) if df >= 2 else None
            if knots is not None:
                knots = np.unique(knots)
        else:
            counts = covariates[name].value_counts(sort=True)
            levels = sorted(counts.index, key=lambda v: (-counts[v], v))
            if len(levels) > 1:
                categories[name] = levels
    return _Design(year, knots, centre, scale, categories)


def topics(matrix: DocumentFeatureMatrix, *, k: int, prevalence: Sequence[str] = ("year", "genre"),
           random_state: int = 0, year_df: int = 3, frex_weight: float = 0.5, n_label_words: int = 3,
           max_iter: int = MAX_ITER) -> Topics:
    """LDA topics of ``matrix`` with their shares regressed on ``prevalence`` (module docstring for the method).

    Documents without words are left out of the model.  ``k`` must lie between 2 and the number of documents;
    ``frex_weight`` is the weight of exclusivity in FREX (0.5: the harmonic mean of the two ranks);
    ``n_label_words`` top FREX words name each topic.  Returns a :class:`Topics`.
    """
    require_documents(matrix, 2, model="a topic model")
    counts = csr_matrix(matrix.matrix, dtype=np.float64)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    rows = np.flatnonzero(lengths > 0)
    n_docs = len(rows)
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 2 <= k <= n_docs:
        raise ParameterError(f"k={k!r} must be a whole number from 2 to the number of documents with words "
                             f"({n_docs}): choose fewer topics, or load more documents (or build the matrix "
                             f"by='section' to model the parts of a few documents)")
    k = int(k)
    random_state = check_int("random_state", random_state, min_value=0)
    year_df = check_int("year_df", year_df, min_value=1, max_value=10)
    n_label_words = check_int("n_label_words", n_label_words, min_value=1, max_value=10)
    if not 0 < frex_weight < 1:
        raise ParameterError(f"frex_weight={frex_weight!r} must lie between 0 and 1 (0.5: exclusivity and "
                             "frequency weigh alike)")
    docnames = [matrix.docnames[i] for i in rows]
    docvars = matrix.docvars.iloc[rows].reset_index(drop=True)
    covariates = _covariates(docvars, docnames, tuple(prevalence))
    counts = counts[rows]
    model = fit_lda(counts, k, random_state=random_state, max_iter=max_iter)
    shares = model.transform(counts)
    order = np.argsort(-shares.mean(axis=0), kind="stable")
    shares = shares[:, order]
    # the variational Dirichlet of a document sums to k·alpha + its length, as every update of gamma keeps it
    gamma = shares * (k * model.doc_topic_prior_ + lengths[rows])[:, None]
    beta = model.components_[order] / model.components_[order].sum(axis=1, keepdims=True)
    scores = frex(beta, weight=frex_weight)
    features = np.asarray(matrix.features, dtype=object)
    words = []
    for t in range(k):
        by_prob = np.argsort(-beta[t], kind="stable")
        words.append(pd.DataFrame({"topic": t + 1, "term": features[by_prob], "prob": beta[t, by_prob],
                                   "frex": scores[t, by_prob]}))
    mean_share = shares.mean(axis=0)
    labels = pd.DataFrame({"topic": range(1, k + 1),
                           "label": ["·".join(features[np.argsort(-scores[t], kind="stable")[:n_label_words]])
                                     if mean_share[t] >= EMPTY_SHARE else EMPTY for t in range(k)],
                           "mean_share": mean_share})
    documents = pd.DataFrame({"doc_id": np.repeat(docnames, k), "topic": np.tile(np.arange(1, k + 1), n_docs),
                              "share": shares.ravel()})
    return Topics(pd.concat(words, ignore_index=True), documents, labels, covariates, k, random_state, gamma,
                  _design(covariates, year_df=year_df))
