"""Findings of notebook 05: the document-feature matrix and what it allows, Wordscores, Wordfish and
correspondence analysis."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..textmodel import MIN_DOCUMENTS, CorrespondenceAnalysis, DocumentFeatureMatrix, Wordfish
from .base import Findings, count, listing, number, rate


def _name(doc_id: str, labels: Mapping[str, str] | pd.Series | None) -> str:
    label = dict(labels).get(doc_id) if labels is not None else None
    return f"{label} ({doc_id})" if label and label != doc_id else str(doc_id)


def needs_documents(matrix: DocumentFeatureMatrix) -> str:
    """Why the models cannot run on ``matrix`` (an empty string when they can), one sentence."""
    n = len(matrix.docnames)
    if n >= MIN_DOCUMENTS:
        return ""
    return (f"This corpus gives {count(n, 'document')} to compare; Wordscores, Wordfish and correspondence analysis "
            f"need at least {MIN_DOCUMENTS} (positions are relative to other documents), so none is fitted here.")


def model_matrix(matrix: DocumentFeatureMatrix, *, n_loaded: int) -> Findings:
    """How large the document-feature matrix is, which documents it leaves out, and which models it allows."""
    n_docs, n_features = matrix.shape
    left_out = n_loaded - n_docs
    filled = matrix.matrix.nnz / max(n_docs * n_features, 1) * 100
    out = [f"The document-feature matrix holds {count(n_docs, 'document')} and {count(n_features, 'feature')} "
           f"({number(int(matrix.matrix.sum()))} counted tokens, {rate(filled)}% of its cells non-zero)."]
    if left_out > 0:
        out.append(f"{count(left_out, 'later edition')} of a work already counted {'is' if left_out == 1 else 'are'} "
                   "left out, so that no text weighs twice.")
    reason = needs_documents(matrix)
    out.append(reason or f"With {count(n_docs, 'document')}, all three models can be fitted; each needs at least "
                         f"{MIN_DOCUMENTS}.")
    return Findings(out)


def wordscores_positions(scored: pd.DataFrame | None, references: Mapping[str, float], *,
               labels: Mapping[str, str] | pd.Series | None = None, rescaling: str = "none") -> Findings:
    """The reference texts and where the other texts fall between them."""
    if scored is None or scored.empty:
        return Findings(["Wordscores is not fitted: it needs two reference documents and at least one other to "
                         "score."])
    refs = listing([f"{_name(d, labels)} at {rate(v, 2)}" for d, v in references.items()])
    out = [f"Reference texts: {refs}; rescaling: {rescaling}."]
    virgin = scored[~scored["doc_id"].isin(list(references))].dropna(subset=["fit"])
    if virgin.empty:
        out.append("Every document is a reference text: there is no other text to score.")
        return Findings(out)
    if len(virgin) == 1:
        only = virgin.iloc[0]
        out.append(f"The other text, {_name(only['doc_id'], labels)}, scores {rate(only['fit'], 2)} "
                   f"(95% interval {rate(only['lower'], 2)} to {rate(only['upper'], 2)}).")
        return Findings(out)
    low, high = virgin.loc[virgin["fit"].idxmin()], virgin.loc[virgin["fit"].idxmax()]
    out.append(f"The {count(len(virgin), 'other text')} score from {rate(low['fit'], 2)} "
               f"({_name(low['doc_id'], labels)}) to {rate(high['fit'], 2)} ({_name(high['doc_id'], labels)}); "
               f"the widest 95% interval is ±{rate((virgin['upper'] - virgin['lower']).max() / 2, 3)}.")
    return Findings(out)


def wordfish_positions(model: Wordfish | None, *, labels: Mapping[str, str] | pd.Series | None = None,
             order: list[str] | None = None, top_n: int = 5) -> Findings:
    """Convergence, the ends of the dimension, the ``top_n`` words of largest |β| at each end, and how often
    neighbours in time differ."""
    if model is None:
        return Findings([f"Wordfish is not fitted: it needs at least {MIN_DOCUMENTS} documents."])
    docs = model.documents
    status = {"fall": "stopped at the first fall of its log-posterior (as quanteda does)",
              "tol": "converged", "max_iter": "stopped at its iteration limit"}[model.stopped]
    out = [f"Wordfish {status} after {count(model.iterations, 'iteration')} (log-likelihood "
           f"{number(round(model.loglik))}) on {count(len(docs), 'document')}."]
    low, high = docs.loc[docs["theta"].idxmin()], docs.loc[docs["theta"].idxmax()]
    out.append(f"The lowest position is {_name(low['doc_id'], labels)} (θ = {rate(low['theta'], 2)} ± "
               f"{rate(1.96 * low['se'], 3)}), the highest {_name(high['doc_id'], labels)} (θ = "
               f"{rate(high['theta'], 2)} ± {rate(1.96 * high['se'], 3)}).")
    features = model.features.sort_values("beta")
    out.append(f"Words towards the low end: {listing(features['feature'].head(top_n), limit=top_n)}; towards the "
               f"high end: {listing(features['feature'].tail(top_n)[::-1], limit=top_n)}.")
    if order is not None and len(order) > 1:
        rows = docs.set_index("doc_id").loc[[d for d in order if d in set(docs["doc_id"])]]
        apart = ((rows["lower"].to_numpy()[1:] > rows["upper"].to_numpy()[:-1])
                 | (rows["upper"].to_numpy()[1:] < rows["lower"].to_numpy()[:-1]))
        out.append(f"Of {count(len(apart), 'pair')} of documents next to each other in time, "
                   f"{number(int(apart.sum()))} have 95% intervals that do not overlap.")
    return Findings(out)


def correspondence(model: CorrespondenceAnalysis | None, *,
                   labels: Mapping[str, str] | pd.Series | None = None) -> Findings:
    """The inertia the first dimensions hold and the documents at the ends of the first."""
    if model is None:
        return Findings([f"Correspondence analysis is not fitted: it needs at least {MIN_DOCUMENTS} documents."])
    shares = listing([f"{rate(s * 100)}%" for s in model.explained])
    out = [f"The first {count(len(model.explained), 'dimension')} hold {shares} of the total inertia "
           f"({rate(model.inertia, 3)})."]
    docs = model.documents
    low, high = docs.loc[docs["dim1"].idxmin()], docs.loc[docs["dim1"].idxmax()]
    out.append(f"On the first dimension, {_name(low['doc_id'], labels)} and {_name(high['doc_id'], labels)} lie at "
               "the two ends.")
    return Findings(out)
