"""Choosing the number of topics: held-out likelihood, semantic coherence and exclusivity for each K.

The three diagnostics stm's ``searchK`` reports, computed for the LDA of :func:`helpers.textmodel.topics.topics`:

* ``heldout``: the held-out log-likelihood per word by *document completion* (held-out words, as stm's
  ``make.heldout``): half the words of a tenth of the documents (at least one) are held out, the model is fitted on
  the rest, and each held-out word is scored by log Σ_k θ_dk β_kw with θ_d estimated from the document's kept half;
* ``coherence``: semantic coherence of Mimno et al. (2011) in the UMass form stm uses, over each topic's ten most
  probable words: Σ_{m>l} log((D(v_m, v_l) + 1) / D(v_l)), D counting documents, averaged over topics;
* ``exclusivity``: stm's ``exclusivity``: the sum of FREX (exclusivity weight 0.7) over each topic's ten most
  probable words, averaged over topics.

Higher is better for each; coherence and exclusivity pull against each other, so K is chosen where neither falls
much.  Every K is fitted once, on the kept words, with the same ``random_state`` and the same held-out words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from ..errors import ParameterError
from ..validate import check_int, check_nonempty
from .dfm import DocumentFeatureMatrix, require_documents
from .topics import MAX_ITER, fit_lda, frex

__all__ = ["coherence", "exclusivity", "hold_out", "search_k"]

TOP_WORDS = 10


def hold_out(counts: csr_matrix, *, share_docs: float = 0.1, share_words: float = 0.5,
             random_state: int = 0) -> tuple[csr_matrix, csr_matrix]:
    """``(kept, heldout)``: ``counts`` split by thinning each count of a random ``share_docs`` of the documents
    (at least one) binomially with probability ``share_words``; ``kept + heldout == counts``."""
    rng = np.random.default_rng(random_state)
    counts = csr_matrix(counts, dtype=np.int64)
    n_docs = counts.shape[0]
    chosen = rng.choice(n_docs, size=max(1, round(share_docs * n_docs)), replace=False)
    in_chosen = np.isin(np.repeat(np.arange(n_docs), np.diff(counts.indptr)), chosen)
    removed = np.zeros_like(counts.data)
    removed[in_chosen] = rng.binomial(counts.data[in_chosen], share_words)
    # each matrix its own index arrays: eliminate_zeros rewrites them in place
    heldout = csr_matrix((removed, counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)
    kept = csr_matrix((counts.data - removed, counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)
    heldout.eliminate_zeros()
    kept.eliminate_zeros()
    return kept, heldout


def coherence(beta: np.ndarray, counts: csr_matrix, *, top_n: int = TOP_WORDS) -> np.ndarray:
    """Semantic coherence (Mimno et al. 2011, UMass) of each topic's ``top_n`` most probable words."""
    present = csr_matrix(counts > 0, dtype=np.float64)
    out = np.empty(len(beta))
    for t, row in enumerate(beta):
        top = np.argsort(-row, kind="stable")[:top_n]
        columns = present[:, top]
        together = (columns.T @ columns).toarray()
        alone = np.diag(together)
        score = 0.0
        for m in range(1, len(top)):
            for lead in range(m):
                score += np.log((together[m, lead] + 1.0) / max(alone[lead], 1.0))
        out[t] = score
    return out


def exclusivity(beta: np.ndarray, *, top_n: int = TOP_WORDS, weight: float = 0.7) -> np.ndarray:
    """stm's exclusivity of each topic: FREX (exclusivity weight ``weight``) summed over its ``top_n`` most
    probable words."""
    scores = frex(beta, weight=weight)
    top = np.argsort(-beta, axis=1, kind="stable")[:, :top_n]
    return np.take_along_axis(scores, top, axis=1).sum(axis=1)


def search_k(matrix: DocumentFeatureMatrix, *, ks: Sequence[int] = (5, 10, 15, 20), random_state: int = 0,
             max_iter: int = MAX_ITER) -> pd.DataFrame:
    """For each K in ``ks``: ``k, heldout, coherence, exclusivity`` (module docstring: held-out words by document
    completion, per word; UMass coherence and stm's exclusivity averaged over topics, from the same model, fitted on
    the kept words, as stm's ``searchK`` does): one fit per K."""
    require_documents(matrix, 2, model="a topic model")
    random_state = check_int("random_state", random_state, min_value=0)
    check_nonempty("ks", ks)
    counts = csr_matrix(matrix.matrix, dtype=np.int64)
    counts = counts[np.flatnonzero(np.asarray(counts.sum(axis=1)).ravel() > 0)]
    n_docs = counts.shape[0]
    for k in ks:
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 2 <= k <= n_docs:
            raise ParameterError(f"ks holds {k!r}: every K must be a whole number from 2 to the number of documents "
                                 f"with words ({n_docs}); choose fewer topics or load more documents")
    kept, heldout = hold_out(counts, random_state=random_state)
    test = np.flatnonzero(np.asarray(heldout.sum(axis=1)).ravel() > 0)
    rows = []
    for k in ks:
        model = fit_lda(kept.astype(np.float64), int(k), random_state=random_state, max_iter=max_iter)
        beta = model.components_ / model.components_.sum(axis=1, keepdims=True)
        theta = model.transform(kept[test].astype(np.float64))
        held = heldout[test].tocoo()
        probability = np.einsum("nk,kn->n", theta[held.row], beta[:, held.col])
        per_word = float((held.data * np.log(probability)).sum() / held.data.sum())
        rows.append({"k": int(k), "heldout": per_word, "coherence": float(coherence(beta, kept).mean()),
                     "exclusivity": float(exclusivity(beta).mean())})
    return pd.DataFrame(rows)
